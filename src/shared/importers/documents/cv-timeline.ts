/**
 * Reads the timeline sections of a CV (experience, education) into entries:
 * an organisation with its place, a title and dates, description lines, and
 * the nested roles of a long tenure.
 *
 * CV templates order these lines differently (organisation first, title
 * first, dates first, "Org, City — Title" on one line, title and dates on one
 * line), and PDF extraction shuffles them further. So each line is first
 * classified on its own, then a small state machine attaches it to the
 * current entry or role, or starts a new one.
 */
import { t } from '../../i18n';
import type { Place } from '../../types';
import { findDateRange, parseDateRangeLine, type DateRange } from './dates';
import { isNonPlace, parsePlace, splitTrailingPlace } from './places';
import { isShouting, spaceBeforeParen, squash, stripInlineMarkup, trimChars, trimSeparators, unshout } from './text-utils';

/** Words that mark a phrase as a job title (or a degree, in education). */
const TITLE_WORDS =
  /\b(?:engineer|developer|manager|director|lead|head|researcher|research|consultant|administrator|architect|scientist|intern|sre|cto|ceo|cfo|coo|vp|founder|co-founder|analyst|designer|officer|president|professor|lecturer|student|admin|sysadmin|specialist|programmer|owner|partner|editor|writer|advocate|evangelist|maintainer|fellow|assistant|associate|coordinator|technician|devops|principal|staff|senior|junior|chief|teacher|postdoc|post-doctoral|postdoctoral|trainer|instructor|contractor|freelancer?|operator|volunteer|organi[sz]er|coach|strategist|tester|support|member)\b/i;

/** Degree words, for telling "University — PhD in Physics" apart in education. */
const DEGREE_WORDS = /\b(?:b\.?\s?sc?\.?|m\.?\s?sc?\.?|[bm]\.?\s?(?:tech|eng|phil)\.?|d\.?\s?phil|ph\.?\s?d\.?|b\.?a\.?|m\.?a\.?|mba|bachelor|master|doctor(?:ate)?|diploma|degree|licen[cs]e|laurea|certificate|a-levels?|high school)\b/i;

/** Words that name a school, so "I.T.I.S. Marconi (High school)" is an institution, not a degree. */
const INSTITUTION_WORDS = /(?:universit|college|school|institut|academy|polytechnic|politecnico|faculty|hochschule|école|ecole|escuela|\bI\.T\.I\.S\b)/i;

const BULLET = /^\s*(?:[-*+•·▪◦‣●○■□–]|\d{1,3}[.)])\s+/;

/** True when `s` reads like a job title. */
export function isTitleLike(s: string): boolean {
  return TITLE_WORDS.test(s);
}

/** True when `s` reads like a degree. */
export function isDegreeLike(s: string): boolean {
  return DEGREE_WORDS.test(s);
}

type Line =
  | { kind: 'bullet'; text: string }
  | { kind: 'prose'; text: string }
  | { kind: 'dates'; range: DateRange; place?: Place; text: string }
  | { kind: 'place'; place?: Place; text: string }
  | { kind: 'org'; org: string; place?: Place; strong: boolean; text: string }
  | { kind: 'title'; title: string; range?: DateRange; text: string }
  | { kind: 'entry'; org: string; title: string; place?: Place; range?: DateRange; text: string };

interface Role {
  title?: string;
  range?: DateRange;
  desc: string[];
}

interface Entry extends Role {
  org?: string;
  place?: Place;
  roles: Role[];
}

/** A timeline entry as read, before it becomes a Position or Education. */
export interface TimelineEntry {
  org: string;
  title?: string;
  place?: Place;
  start?: string;
  end?: string;
  current?: boolean;
  description?: string;
  roles: { title?: string; start?: string; end?: string; current?: boolean; description?: string }[];
}

/** "Org, City" → org and (when the tail is a place) its place. */
function splitOrgPlace(text: string): { org: string; place?: Place } {
  const whole = splitTrailingPlace(text);
  if (whole && whole.rest) return { org: whole.rest, place: whole.place };
  const comma = text.lastIndexOf(',');
  if (comma > 0) {
    const tail = text.slice(comma + 1).trim();
    const head = text.slice(0, comma).trim();
    if (isNonPlace(tail)) return { org: head };
    // "Immobiliare.it, Rome": a single capitalised word after the comma is a city.
    if (/^\p{Lu}[\p{L}'’-]{1,30}(?: \p{Lu}[\p{L}'’-]{1,30})?$/u.test(tail) && !isTitleLike(tail)) {
      return { org: head, place: { city: tail } };
    }
  }
  return { org: text };
}

/** Splits "Org — Title", "Title at Org", "Title, Org" into its parts. */
function splitOrgTitle(text: string, education: boolean): { org: string; title: string; place?: Place } | undefined {
  const looksTitle = education ? isDegreeLike : isTitleLike;
  const dash = /^(.{2,200}?)\s[—–|]\s(.{2,200})$/.exec(text) ?? /^(.{2,200}?)\s-\s(.{2,200})$/.exec(text);
  if (dash) {
    let [left, right] = [dash[1]!.trim(), dash[2]!.trim()];
    if (looksTitle(left) && !looksTitle(right)) [left, right] = [right, left];
    const { org, place } = splitOrgPlace(left);
    return place ? { org, title: right, place } : { org, title: right };
  }
  const at = /^(.{2,120}?)\s(?:at|@)\s(.{2,120})$/.exec(text);
  if (at && looksTitle(at[1]!)) {
    const { org, place } = splitOrgPlace(at[2]!.trim());
    return place ? { org, title: at[1]!.trim(), place } : { org, title: at[1]!.trim() };
  }
  const comma = /^([^,]{2,80}),\s(.{2,160})$/.exec(text);
  if (comma && looksTitle(comma[1]!) && !looksTitle(comma[2]!) && !parsePlace(comma[2]!)) {
    const { org, place } = splitOrgPlace(comma[2]!.trim());
    return place ? { org, title: comma[1]!.trim(), place } : { org, title: comma[1]!.trim() };
  }
  return undefined;
}

function wordCount(s: string): number {
  return s.split(' ').filter(Boolean).length;
}

function classify(raw: string, education: boolean): Line {
  const heading = /^\s*#{2,6}\s/.test(raw);
  const text = squash(stripInlineMarkup(raw.replace(/^\s*#{1,6}\s+/, '')));
  if (BULLET.test(raw) && !heading) return { kind: 'bullet', text: squash(text.replace(BULLET, '')) };
  const pureDates = parseDateRangeLine(text);
  if (pureDates) return { kind: 'dates', range: pureDates, text };
  const place = parsePlace(text);
  if (place) return { kind: 'place', place, text };
  if (isNonPlace(text)) return { kind: 'place', text };
  const words = wordCount(text);
  const prose = text.length > 140 || (words > 8 && /[.!]$/.test(text)) || (words > 14);
  if (prose && !heading) return { kind: 'prose', text };

  // A line with dates inside: "Web developer January 2001 - December 2002".
  const range = findDateRange(text);
  if (range && range.start && (range.before || range.after)) {
    const rest = trimChars(trimSeparators([range.before, trimChars(range.after, ' )')].filter(Boolean).join(' — ')), ' ()·|');
    // "Kraków, Poland · Jan 2020 – Present": a place with dates.
    const place = parsePlace(rest);
    if (place || isNonPlace(rest)) return { kind: 'dates', range, ...(place ? { place } : {}), text };
    const both = splitOrgTitle(rest, education);
    if (both) return { kind: 'entry', ...both, range, text };
    return { kind: 'title', title: rest, range, text };
  }
  const both = splitOrgTitle(text, education);
  if (both) return { kind: 'entry', ...both, text };
  if (education && INSTITUTION_WORDS.test(text) && !isShouting(text) && !splitTrailingPlace(text)) {
    return { kind: 'org', org: text, strong: heading, text };
  }
  const looksTitle = education ? isDegreeLike(text) : isTitleLike(text);
  const trailing = splitTrailingPlace(text);
  if (trailing && trailing.rest && !looksTitle) return { kind: 'org', org: trailing.rest, place: trailing.place, strong: true, text };
  if ((isShouting(text) || looksTitle) && words <= 14) return { kind: 'title', title: text, text };
  if (words <= 8 && !/[.!?]$/.test(text)) return { kind: 'org', org: text, strong: heading, text };
  return { kind: 'prose', text };
}

/**
 * True when `line` opens a job entry ("Autistici.org, remote — admin") and
 * the next line is its dates: the sign that a two-column PDF put part of the
 * experience after another section.
 */
export function opensTimelineEntry(line: string, next: string | undefined): boolean {
  if (next === undefined || !parseDateRangeLine(squash(next))) return false;
  const c = classify(line, false);
  return c.kind === 'entry' && isTitleLike(c.title);
}

/** Moves a trailing "(qualifier)" off a title: "ENGINEER (SRO TEAM)" → ["Engineer", "SRO Team"]. */
function tidyTitle(title: string): { title: string; qualifier?: string } {
  const t = unshout(squash(title));
  const m = /^(.{2,200}?)\s?\(([^()]{1,200})\)$/.exec(t);
  if (m && !/^\p{Lu}{1,5}$/u.test(m[2]!)) return { title: m[1]!.trim(), qualifier: m[2]!.trim() };
  if (m) return { title: m[1]!.trim(), qualifier: m[2]!.trim() };
  return { title: t };
}

/**
 * Parses the lines of a timeline section into entries.
 * @param lines - the section's lines (no heading)
 * @param education - read titles as degrees
 * @param warn - collects things the user should check
 */
export function parseTimeline(lines: string[], education: boolean, warn: (m: string) => void): TimelineEntry[] {
  const classified = lines.map((l) => classify(l, education));
  const entries: Entry[] = [];
  let cur: Entry = { desc: [], roles: [] };
  const target = (): Role => cur.roles[cur.roles.length - 1] ?? cur;
  const fresh = (r: Role) => r.desc.length === 0;
  const startEntry = (init: Partial<Entry>) => {
    entries.push(cur);
    cur = { desc: [], roles: [], ...init };
  };
  const setRange = (r: Role, range: DateRange) => {
    if (r.range && r.range.start !== range.start) warn(t('importWarnCvDatesUnplaced', describe(r.range), cur.org ?? r.title ?? ''));
    r.range = range;
  };

  for (let i = 0; i < classified.length; i++) {
    const line = classified[i]!;
    switch (line.kind) {
      case 'org': {
        // A weak org line (a short phrase) must be followed by a place, title or dates to count.
        const next = classified[i + 1];
        const confirmed = line.strong || (next && (next.kind === 'place' || next.kind === 'title' || next.kind === 'dates'));
        if (!confirmed && cur.org) {
          target().desc.push(line.text);
          break;
        }
        // A title or dates just read with no description yet belong to this new organisation.
        const last = cur.roles[cur.roles.length - 1];
        const carried: Partial<Entry> = {};
        if (last && fresh(last)) {
          cur.roles.pop();
          if (last.title) carried.title = last.title;
          if (last.range) carried.range = last.range;
        } else if (!cur.org && fresh(cur) && (cur.title || cur.range)) {
          cur.org = line.org;
          if (line.place) cur.place = line.place;
          break;
        }
        startEntry({ org: line.org, ...(line.place ? { place: line.place } : {}), ...carried });
        break;
      }
      case 'entry':
        startEntry({ org: line.org, title: line.title, ...(line.place ? { place: line.place } : {}), ...(line.range ? { range: line.range } : {}) });
        break;
      case 'title': {
        const t = target();
        if (!t.title && fresh(t)) {
          t.title = line.title;
          if (line.range) setRange(t, line.range);
        } else cur.roles.push({ title: line.title, ...(line.range ? { range: line.range } : {}), desc: [] });
        break;
      }
      case 'dates': {
        if (line.place && !cur.place) cur.place = line.place;
        const t = target();
        if (!t.range && fresh(t)) t.range = line.range;
        else cur.roles.push({ range: line.range, desc: [] });
        break;
      }
      case 'place':
        if (line.place && !cur.place && fresh(cur)) cur.place = line.place;
        else if (line.place && !cur.place && !cur.org) cur.place = line.place;
        else target().desc.push(line.text);
        break;
      default:
        target().desc.push(line.text);
    }
  }
  entries.push(cur);

  const out: TimelineEntry[] = [];
  for (const e of entries) {
    if (!e.org) {
      if (e.title || e.range) warn(t('importWarnCvEntryNoOrg', e.title ?? describe(e.range!)));
      continue;
    }
    if (!e.title && !e.range && e.roles.length === 0) continue;
    out.push(finish(e));
  }
  return out;
}

function describe(r: DateRange): string {
  return [r.start, r.current ? t('importPresent') : r.end].filter(Boolean).join(' – ');
}

function applyRange(target: { start?: string; end?: string; current?: boolean }, r: DateRange | undefined) {
  if (!r) return;
  if (r.start) target.start = r.start;
  if (r.end) target.end = r.end;
  if (r.current) target.current = true;
}

function finish(e: Entry): TimelineEntry {
  // Organisation names keep their capitals: "MOVIA SpA", "UZED@ SRL" are how the companies write them.
  let org = spaceBeforeParen(squash(e.org!));
  const out: TimelineEntry = { org, roles: [] };
  const description: string[] = [];
  if (e.title) {
    const tidy = tidyTitle(e.title);
    let title = tidy.title;
    const qualifier = tidy.qualifier;
    // "Head of Technical Operations, Venere.com": a trailing domain names the business unit.
    const unit = /^(.{2,200}?),\s?([\p{L}\p{N}-]{2,60}\.[a-z]{2,6})$/u.exec(title);
    if (unit) {
      title = unit[1]!;
      org = `${org} (${unit[2]})`;
      out.org = org;
    }
    out.title = title;
    if (qualifier) description.push(qualifier);
  }
  if (e.place) out.place = e.place;
  applyRange(out, e.range);
  description.push(...e.desc);
  if (description.length) out.description = description.join('\n');
  for (const r of e.roles) {
    const role: TimelineEntry['roles'][number] = {};
    const desc: string[] = [];
    if (r.title) {
      const { title, qualifier } = tidyTitle(r.title);
      role.title = title;
      if (qualifier) desc.push(qualifier);
    }
    applyRange(role, r.range);
    desc.push(...r.desc);
    if (desc.length) role.description = desc.join('\n');
    out.roles.push(role);
  }
  return out;
}
