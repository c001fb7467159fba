/**
 * Presenter lines on talk pages: "Rok Papež, Production Engineer, Facebook",
 * "Jane Doe (Staff Engineer at Acme)", "by Jane Doe & John Roe",
 * "Ana Lima — CTO, Example Ltd".
 */
import { looksLikeName } from './cv-header';
import { isTitleLike } from './cv-timeline';
import { splitTopLevel, squash, trimSeparators } from './text-utils';

/** One presenter as a page names them. */
export interface Presenter {
  name: string;
  role?: string;
  employer?: string;
}

/** Splits a role phrase into role and employer: "Staff Engineer at Acme" → both. */
export function splitRoleEmployer(text: string): { role?: string; employer?: string } {
  const t = trimSeparators(squash(text));
  if (!t) return {};
  const at = /^(.{2,120}?)\s(?:at|@|for|with)\s(.{2,120})$/.exec(t);
  if (at && isTitleLike(at[1]!)) return { role: at[1]!.trim(), employer: trimSeparators(at[2]!) };
  const parts = splitTopLevel(t);
  if (parts.length >= 2) {
    const roleIdx = parts.findIndex(isTitleLike);
    if (roleIdx !== -1) {
      const others = parts.filter((_, i) => i !== roleIdx);
      return { role: parts[roleIdx]!, employer: others.join(', ') };
    }
    return { role: parts[0]!, employer: parts.slice(1).join(', ') };
  }
  return isTitleLike(t) ? { role: t } : { employer: t };
}

/** Reads one presenter: a name, then optionally a role and an employer. */
export function parsePresenter(text: string): Presenter | undefined {
  const t = squash(text).replace(/^(?:by|with|presented by)\s/i, '');
  const paren = /^([^()]{3,80}?)\s?\(([^()]{2,160})\)\s?$/.exec(t);
  if (paren && looksLikeName(paren[1]!)) return { name: paren[1]!.trim(), ...splitRoleEmployer(paren[2]!) };
  const dash = /^([^—–|]{3,80}?)\s[—–|-]\s(.{2,160})$/.exec(t);
  if (dash && looksLikeName(dash[1]!)) return { name: dash[1]!.trim(), ...splitRoleEmployer(dash[2]!) };
  const from = /^(.{3,80}?)\s(?:from|of)\s(.{2,120})$/.exec(t);
  if (from && looksLikeName(from[1]!)) return { name: from[1]!.trim(), employer: trimSeparators(from[2]!) };
  const parts = splitTopLevel(t);
  if (parts.length >= 1 && looksLikeName(parts[0]!)) {
    const rest = parts.slice(1).join(', ');
    return { name: parts[0]!, ...(rest ? splitRoleEmployer(rest) : {}) };
  }
  return undefined;
}

/**
 * Reads a presenters value, which may name several people: separated by
 * ";", " and ", " & ", or commas between names ("Ana Lima, Bo Chen and Cy
 * Diaz").
 */
export function parsePresenters(text: string): Presenter[] {
  const t = squash(text).replace(/^(?:by|with|presented by)\s/i, '');
  const groups = t.split(/\s?;\s?|\s(?:and|&)\s(?=\p{Lu})/u).filter(Boolean);
  const out: Presenter[] = [];
  for (const g of groups) {
    const parts = splitTopLevel(g);
    if (parts.length >= 2 && parts.every((p) => looksLikeName(p))) {
      out.push(...parts.map((name) => ({ name })));
      continue;
    }
    const p = parsePresenter(g);
    if (p) out.push(p);
  }
  return out;
}
