/**
 * Reads talk and publication lines as CVs list them, in any of the usual
 * orders:
 *
 *   2016 ⇥ Title, EuroPython 2016 ⇥ Bilbao, Spain
 *   Kubecon EU 2018 - Title
 *   IDI 2019 Keynote – Title
 *   "Title", Event 2019, City, Country
 *   Title — Event (City, Country), 2019
 *   Title at Event 2019
 */
import type { Place, TalkKind } from '../../types';
import { findDateRange, findYear } from './dates';
import { eventScore, parseEventName, type EventName } from './events';
import { isNonPlace, parsePlace, splitTrailingPlace } from './places';
import { splitTopLevel, squash, stripInlineMarkup, trimSeparators } from './text-utils';

/** One talk line, read. */
export interface TalkLine {
  title: string;
  year?: string;
  /** `YYYY-MM` when the line gives a month. */
  date?: string;
  event?: EventName;
  place?: Place;
  kind?: TalkKind;
  url?: string;
  online?: boolean;
}

const BULLET = /^\s*(?:[-*+•·▪◦‣●○■□–]|\d{1,3}[.)])\s+/;
const KIND_WORDS: [RegExp, TalkKind][] = [
  [/\bkeynote\b/i, 'keynote'],
  [/\blightning(?: talk)?\b/i, 'lightning'],
  [/\b(?:workshop|tutorial|hands-on)\b/i, 'workshop'],
  [/\bpanel(?:ist)?\b/i, 'panel'],
];
const QUOTED = /[“"«„‘]([^“”"«»„]{3,300})[”"»“’]/;
const URL_IN_LINE = /\bhttps?:\/\/[^\s<>"'()\][]{1,1000}/;

function kindOf(text: string): TalkKind | undefined {
  for (const [re, kind] of KIND_WORDS) if (re.test(text)) return kind;
  return undefined;
}

/** Removes kind words from an event phrase: "IDI 2019 Keynote" → "IDI 2019". */
function withoutKind(text: string): string {
  let t = text;
  for (const [re] of KIND_WORDS) t = t.replace(re, ' ');
  return trimSeparators(squash(t.replace(/\(\s*\)/g, ' ')));
}

/** A title without its decorations: quotes, "Keynote:" prefix, trailing "(keynote)". */
function cleanTitle(text: string): string {
  let t = trimSeparators(squash(text));
  t = t.replace(/^(?:keynote|lightning talk|workshop|tutorial|panel)\s?[:–—-]\s?/i, '');
  t = t.replace(/\s?\((?:keynote|lightning talk|workshop|tutorial|panel|invited talk|invited)\)$/i, '');
  const q = /^[“"«‘](.{3,300})[”"»’]$/.exec(t);
  return trimSeparators(q ? q[1]! : t).replace(/[.;]$/, '');
}

/** Takes a place off the end of `text`: ", Bilbao, Spain", "(Bilbao, Spain)", " Bilbao, Spain". */
function takePlace(text: string): { rest: string; place?: Place; online?: boolean } {
  const paren = /\(([^()]{3,80})\)/.exec(text);
  if (paren) {
    const place = parsePlace(paren[1]!);
    if (place) return { rest: squash(text.replace(paren[0], ' ')), place };
    if (isNonPlace(paren[1]!)) return { rest: squash(text.replace(paren[0], ' ')), online: true };
  }
  const parts = splitTopLevel(text);
  const last = parts[parts.length - 1];
  if (last && isNonPlace(last) && parts.length > 1) return { rest: parts.slice(0, -1).join(', '), online: true };
  if (parts.length >= 3) {
    const place = parsePlace(parts.slice(-2).join(', '));
    if (place) return { rest: parts.slice(0, -2).join(', '), place };
  }
  const trailing = splitTrailingPlace(text);
  if (trailing && trailing.rest && !/\d$/.test(trailing.place.city ?? '')) return { rest: trailing.rest, place: trailing.place };
  return { rest: text };
}

/** Takes a leading or trailing date off: "2016 ", "Mar 2019 – ", " (2019)", ", 2019". */
function takeDate(text: string): { rest: string; year?: string; date?: string } {
  // A trailing year ("…, 2019", "(2019)", "⇥2019") first: it is the talk's date, whatever years the event name has.
  const tail = /(?:^|[,(–—-]\s?|\t|\s)\(?((?:19|20)\d\d)\)?\.?$/.exec(text);
  const r = findDateRange(text);
  if (r?.start && r.before === '') {
    const date = r.start.length === 7 ? r.start : undefined;
    return { rest: r.after, year: r.start.slice(0, 4), ...(date ? { date } : {}) };
  }
  if (tail && /[,(\t]|\s[–—-]/.test(text.slice(Math.max(0, tail.index - 1), tail.index + 2))) {
    return { rest: trimSeparators(text.slice(0, tail.index)), year: tail[1]! };
  }
  return { rest: text };
}

/**
 * Reads one talk line. Returns undefined when the line has no title.
 * @param raw - the line, with tabs kept (they separate columns in PDF text)
 */
export function parseTalkLine(raw: string): TalkLine | undefined {
  let line = stripInlineMarkup(raw).replace(BULLET, '');
  const url = URL_IN_LINE.exec(line)?.[0];
  if (url) line = line.replace(url, ' ').replace(/\(\s*\)|\[\s*\]/g, ' ');
  const out: Partial<TalkLine> = {};
  if (url) out.url = url.replace(/[.,;:]$/, '');

  // Tab-separated cells: a date cell, a place cell, and the rest.
  const rest: string[] = [];
  for (const cell of line.split('\t').map((c) => c.trim()).filter(Boolean)) {
    const place = parsePlace(cell);
    if (place && !out.place) out.place = place;
    else if (isNonPlace(cell)) out.online = true;
    else if (/^(?:\p{L}{3,9}\.?\s)?(?:19|20)\d\d$/u.test(cell) && !out.year) {
      const d = takeDate(cell);
      if (d.year) out.year = d.year;
      if (d.date) out.date = d.date;
    } else rest.push(cell);
  }
  let main = squash(rest.join(' — '));
  if (!out.year) {
    const d = takeDate(main);
    main = d.rest;
    if (d.year) out.year = d.year;
    if (d.date) out.date = d.date;
  }
  if (!out.place && !out.online) {
    const p = takePlace(main);
    main = p.rest;
    if (p.place) out.place = p.place;
    if (p.online) out.online = true;
  }
  main = trimSeparators(main);
  if (main.length < 3) return undefined;

  let title: string | undefined;
  let eventText: string | undefined;
  const quotedMatch = QUOTED.exec(main);
  // A quoted phrase is the title when it opens the line or the rest reads like an event ("Looking back on "X" video" is not).
  const quoted =
    quotedMatch && (quotedMatch.index === 0 || eventScore(trimSeparators(main.replace(quotedMatch[0], ' '))) >= 3) ? quotedMatch : null;
  if (quoted) {
    title = quoted[1]!;
    const others = trimSeparators(main.replace(quoted[0], ' ').replace(/^\s*(?:at|@|in)\s/i, ''));
    const cleaned = trimSeparators(others.replace(/^(?:at|@)\s/i, ''));
    if (cleaned) eventText = cleaned;
  } else {
    const parts = main.split(/\s[-–—|·•]\s/).map((p) => p.trim()).filter(Boolean);
    const pick = (candidates: string[]): number => {
      let best = -1;
      let bestScore = 2;
      candidates.forEach((c, i) => {
        const s = eventScore(withoutKind(c));
        if (s > bestScore) [best, bestScore] = [i, s];
      });
      return best;
    };
    if (parts.length >= 2) {
      // "Event - Title" or "Title - Event": the event is the end that reads most like one.
      const ends = [parts[0]!, parts[parts.length - 1]!];
      const i = pick(ends);
      if (i === 0) [eventText, title] = [parts[0], parts.slice(1).join(' - ')];
      else if (i === 1) [eventText, title] = [parts[parts.length - 1], parts.slice(0, -1).join(' - ')];
      else title = main;
    } else {
      const commas = splitTopLevel(main);
      const at = /^(.{3,300}?)\s(?:at|@)\s(.{2,120})$/.exec(main);
      if (commas.length >= 2 && pick([commas[commas.length - 1]!]) === 0) {
        eventText = commas[commas.length - 1];
        title = commas.slice(0, -1).join(', ');
      } else if (commas.length >= 2 && pick([commas[0]!]) === 0 && eventScore(commas.slice(1).join(', ')) < 2) {
        eventText = commas[0];
        title = commas.slice(1).join(', ');
      } else if (at && pick([at[2]!]) === 0 && /\b(?:19|20)\d\d\b/.test(at[2]!)) {
        [title, eventText] = [at[1], at[2]];
      } else title = main;
    }
  }
  const kind = kindOf(eventText ?? '') ?? kindOf(title ?? '');
  if (kind) out.kind = kind;
  title = cleanTitle(title ?? '');
  if (title.length < 2) return undefined;
  out.title = title;
  if (eventText) {
    const ev = withoutKind(eventText);
    if (ev) {
      const parsed = parseEventName(ev, out.year);
      out.event = parsed;
      if (!out.year && parsed.year) out.year = String(parsed.year);
    }
  }
  if (!out.year) {
    const y = findYear(title);
    // A year inside a title ("State of Python 2020") is not the talk's date unless nothing else gives one.
    if (y && !out.event) out.year = y;
  }
  return out as TalkLine;
}

/**
 * Joins lines that a narrow column wrapped: a line ending in a comma or a
 * dash goes on in the next line ("…, London," / "United Kingdom"), unless
 * that line opens an item of its own (a bullet or a leading year).
 */
export function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const raw of lines) {
    const line = raw.trimEnd();
    const opensItem = BULLET.test(line) || /^\s*(?:19|20)\d\d\b/.test(line);
    if (open && out.length && !opensItem && line.trim() !== '') out[out.length - 1] = `${out[out.length - 1]!} ${line.trim()}`;
    else out.push(line);
    const last = out[out.length - 1]!;
    open = last.endsWith(',') || /\s[–—-]$/.test(last.slice(-2));
  }
  return out;
}

/**
 * Reads a talks section: one talk per line, with a following indented or
 * event-only line joined to the talk before it.
 */
export function parseTalkLines(lines: string[]): TalkLine[] {
  const out: TalkLine[] = [];
  for (const raw of joinWrapped(lines)) {
    const text = squash(stripInlineMarkup(raw));
    const prev = out[out.length - 1];
    // "      EuroPython 2016, Bilbao, Spain" under a title line: complete the talk before.
    if (prev && !prev.event && !BULLET.test(raw) && !QUOTED.test(text) && !/\s[-–—|·•]\s/.test(text)) {
      const p = takePlace(text);
      const evText = withoutKind(trimSeparators(takeDate(p.rest).rest));
      if (evText && splitTopLevel(evText).length === 1 && eventScore(evText) >= 3) {
        prev.event = parseEventName(evText, prev.year ?? findYear(text));
        if (!prev.year && prev.event.year) prev.year = String(prev.event.year);
        if (p.place) prev.place = p.place;
        continue;
      }
    }
    const talk = parseTalkLine(raw);
    if (talk) out.push(talk);
  }
  return out;
}
