/**
 * The top of a CV: the person's name, a tagline, where they live, and their
 * contact line. E-mail addresses and phone numbers are read only to be
 * hashed or dropped; street addresses only to take the city and country.
 */
import type { Link, Place } from '../../types';
import { findEmails, findLinks, hasPhone, stripContactNoise } from './contacts';
import { isTitleLike } from './cv-timeline';
import { isNonPlace, parsePlace, placeFromAddress } from './places';
import { capitalise, isShouting, squash, stripInlineMarkup, trimChars, unshout } from './text-utils';

/** What the header says. */
export interface CvHeader {
  name?: string;
  nameInferred?: boolean;
  tagline?: string;
  location?: Place;
  emails: string[];
  links: Omit<Link, 'sources'>[];
  /** Prose lines in the header (an unlabelled summary). */
  prose: string[];
}

/** Lower-case particles inside names: "van der Berg", "de la Cruz", "bin Talal". */
const PARTICLES = new Set('de da di do del della dei degli van von der den ter ten le la les du dos das zu zum bin ibn bint al el y e st. mac'.split(' '));

/**
 * One capitalised part of a name: "Okonkwo", "McDonald", "MacKenzie",
 * "O'Brien", "D’Angelo", in any cased script (Latin, Greek, Cyrillic…);
 * combining marks are allowed after any letter. Bounded, so linear.
 */
const CASED_PART = String.raw`(?:\p{Lu}['’])?\p{Lu}\p{M}*(?:[\p{Ll}\p{M}]{1,30}(?:\p{Lu}[\p{Ll}\p{M}]{1,30})?)`;
/**
 * A word of a name: capitalised parts joined by hyphens ("Okonkwo-Reyes",
 * "Jean-Luc"), initials ("J.", "J.R.R."), a particle, or a word in a script
 * without case (Arabic, Devanagari, Han, Hangul…).
 */
const NAME_WORD = new RegExp(String.raw`^(?:${CASED_PART}(?:-${CASED_PART}){0,3}|(?:\p{Lu}\.){1,4}|\p{Lu}|[\p{Lo}\p{M}]{1,30})$`, 'u');
/** A word that may end a name (not a particle, not lower case). */
const LAST_WORD = /^(?:\p{Lu}|\p{Lo})/u;

function isNameWord(word: string): boolean {
  return NAME_WORD.test(word) || (PARTICLES.has(word.toLowerCase()) && word === word.toLowerCase());
}

/** True when `line` reads like a person's name: 2–6 words, capitalised or particles, no job or place words. */
export function looksLikeName(line: string): boolean {
  const t = squash(line);
  if (t.length < 3 || t.length > 60 || /[\d@:/|,]/.test(t)) return false;
  const words = tidyName(t).split(' ');
  if (words.length < 2 || words.length > 6) return false;
  if (isTitleLike(t) || /\b(?:curriculum|vitae|resume|résumé|cv)\b/i.test(t)) return false;
  if (!LAST_WORD.test(words[0]!)) return false;
  return words.every(isNameWord) && LAST_WORD.test(words[words.length - 1]!) && !/^\p{Lu}\.?$/u.test(words[words.length - 1]!);
}

/** Capitalises each part of a shouted name word: "OKONKWO-REYES" → "Okonkwo-Reyes", "O'BRIEN" → "O'Brien". */
function capitaliseNameWord(word: string, first: boolean): string {
  const lower = word.toLowerCase();
  if (!first && PARTICLES.has(lower)) return lower;
  if (/^(?:\p{L}\.)+$/u.test(word)) return word.toUpperCase();
  return lower.replace(/(^|[-'’])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

/** Turns a shouted name into title case: "JANE DOE" → "Jane Doe", "ANA DE LA CRUZ" → "Ana de la Cruz". */
function tidyName(name: string): string {
  const t = squash(name);
  return isShouting(t) ? t.split(' ').map((w, i) => capitaliseNameWord(w, i === 0)).join(' ') : t;
}

/** Separators in contact lines: pipes, bullets and the icon glyphs PDF fonts turn into. */
const CONTACT_SPLIT = /\s*[|•·■□♠♣♥♦▪◆●○☎✉⌂]\s*|\t+|\s{3,}/u;

/** True when a line is contact details (an e-mail, a phone number, or several links). */
export function isContactLine(line: string): boolean {
  return findEmails(line).length > 0 || hasPhone(line);
}

/**
 * Reads the header lines (those before the first section heading) plus the
 * contact lines found anywhere in the CV.
 */
export function parseHeader(headerLines: string[], contactLines: string[]): CvHeader {
  const out: CvHeader = { emails: [], links: [], prose: [] };
  const addLinks = (text: string) => {
    for (const l of findLinks(text, { homepageCandidate: true })) {
      if (!out.links.some((x) => x.url === l.url)) out.links.push(l.kind === 'other' && !out.links.some((x) => x.kind === 'homepage') ? { ...l, kind: 'homepage' } : l);
    }
  };
  const placeIn = (line: string) => {
    for (const p of line.split(CONTACT_SPLIT).map((x) => trimChars(x, ' []()*_'))) {
      const place = parsePlace(p) ?? labelledPlace(p);
      if (place) return place;
    }
    return undefined;
  };
  for (const line of contactLines) {
    out.emails.push(...findEmails(line));
    addLinks(line);
    out.location ??= placeIn(stripInlineMarkup(line)) ?? placeFromAddress(stripContactNoise(line));
  }
  for (const raw of headerLines) {
    const isHeading = /^\s*#\s/.test(raw);
    const line = squash(stripInlineMarkup(raw.replace(/^\s*#{1,6}\s+/, '')));
    if (!line) continue;
    if (!out.name && (isHeading || looksLikeName(line))) {
      if (looksLikeName(line) || isHeading) {
        out.name = tidyName(line);
        continue;
      }
    }
    const pieces = line.split(CONTACT_SPLIT).map((p) => trimChars(p, ' []()')).filter(Boolean);
    const emails = findEmails(line);
    const links = findLinks(line);
    if (emails.length || links.length || hasPhone(line) || pieces.length > 2) {
      out.emails.push(...emails);
      addLinks(line);
      for (const p of pieces) {
        const place = parsePlace(p) ?? labelledPlace(p);
        if (place && !out.location) out.location = place;
      }
      continue;
    }
    const place = parsePlace(line) ?? labelledPlace(line);
    if (place) {
      out.location ??= place;
      continue;
    }
    // "Senior Platform Engineer · Kraków, Poland": a tagline with the place beside it.
    if (pieces.length === 2) {
      const p = parsePlace(pieces[1]!);
      if (p) {
        out.location ??= p;
        out.tagline ??= unshout(pieces[0]!);
        continue;
      }
    }
    if (/^[“"'‘].*[”"'’]$/.test(line)) continue; // a motto
    const words = line.split(' ').length;
    if (!out.tagline && words <= 14 && !/[.!?]$/.test(line) && (isTitleLike(line) || words <= 8)) {
      out.tagline = unshout(line);
      continue;
    }
    out.prose.push(line);
  }
  out.emails = [...new Set(out.emails)];
  if (!out.name) {
    const inferred = nameFromEmail(out.emails, out.links.map((l) => l.url));
    if (inferred) {
      out.name = inferred;
      out.nameInferred = true;
    }
  }
  return out;
}

/** "Location: Dublin, Ireland", "Based in Berlin, Germany". */
function labelledPlace(text: string): Place | undefined {
  const m = /^(?:location|based in|lives in|address|city)\s?:?\s(.{3,80})$/i.exec(text);
  if (!m) return undefined;
  const t = m[1]!.trim();
  return isNonPlace(t) ? undefined : parsePlace(t);
}

/**
 * A name inferred from an e-mail address and the person's own domain:
 * "angelo@angelofailla.com" → "Angelo Failla" (the domain label starts with
 * the mailbox name); "jane.doe@example.org" → "Jane Doe". Returns undefined
 * when the address does not spell a name.
 */
export function nameFromEmail(emails: string[], urls: string[]): string | undefined {
  const domainLabels = new Set<string>();
  for (const e of emails) domainLabels.add(e.split('@')[1]!.split('.')[0]!);
  for (const u of urls) {
    try {
      domainLabels.add(new URL(u).hostname.replace(/^www\./, '').split('.')[0]!);
    } catch {
      /* not a URL */
    }
  }
  for (const e of emails) {
    const local = e.split('@')[0]!.toLowerCase();
    const parts = local.split(/[._-]/).filter((p) => /^\p{L}{2,}$/u.test(p));
    if (parts.length >= 2 && parts.length <= 3 && parts.length === local.split(/[._-]/).length) {
      return parts.map(capitalise).join(' ');
    }
    if (!/^\p{L}{2,20}$/u.test(local)) continue;
    for (const label of domainLabels) {
      const l = label.toLowerCase().replace(/-/g, '');
      if (l.length > local.length + 1 && l.startsWith(local) && /^\p{L}+$/u.test(l)) {
        return `${capitalise(local)} ${capitalise(l.slice(local.length))}`;
      }
    }
  }
  return undefined;
}
