/**
 * Dates as CVs and talk pages write them: "March 2011", "APR 2014",
 * "09/2015", "2015-09", "2022", "Present", and ranges of two of them joined
 * by a dash, "to", or (after PDF extraction) nothing at all.
 */
import { trimChars, trimSeparators } from './text-utils';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

/** One point of a range: `YYYY`/`YYYY-MM`, or the open end "present". */
type DatePoint = { value: string } | { present: true };

/**
 * A date token: month name + year, MM/YYYY, YYYY-MM, a bare year, or a word
 * for "still going". Alternatives are anchored on distinct first characters
 * and bounded, so matching is linear.
 */
const TOKEN =
  /\b(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s{1,3}((?:19|20)\d\d)|(0?[1-9]|1[0-2])[/.]((?:19|20)\d\d)|((?:19|20)\d\d)-(0[1-9]|1[0-2])(?!\d)|((?:19|20)\d\d)|(present|now|current|today|ongoing|date))\b/gi;

/** True when `gap` may stand between the two ends of a range: dashes, spaces, "to". */
function isJoiner(gap: string): boolean {
  const word = gap.replace(/\b(?:to|until|till)\b/i, '');
  return trimChars(word, ' \t\u00a0-–—‒―~') === '';
}

interface Token {
  point: DatePoint;
  index: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const [all, mon, monYear, mm, mmYear, isoYear, isoMonth, year, present] = m;
    let point: DatePoint | undefined;
    if (mon && monYear) {
      const full = all.slice(0, all.search(/[\s.]/)).toLowerCase();
      // "Marching 2019" is not a month: the word must be a month name or its abbreviation.
      if (MONTHS[full] !== undefined) point = { value: `${monYear}-${String(MONTHS[full]).padStart(2, '0')}` };
    } else if (mm && mmYear) point = { value: `${mmYear}-${mm.padStart(2, '0')}` };
    else if (isoYear && isoMonth) point = { value: `${isoYear}-${isoMonth}` };
    else if (year) point = { value: year };
    else if (present) point = { present: true };
    if (point) out.push({ point, index: m.index, end: m.index + all.length });
  }
  return out;
}

/** A parsed date range plus the text around it. */
export interface DateRange {
  start?: string;
  end?: string;
  current?: boolean;
  /** Text before the range (trimmed, separators removed). */
  before: string;
  /** Text after the range. */
  after: string;
}

/**
 * Finds the first date range in `text` ("March 2011 - Present", "2019",
 * "APR 2014 – MAY 2016", "2022 Present"). A lone "Present" is no range.
 * @returns the range, or undefined when the text holds no year
 */
export function findDateRange(text: string): DateRange | undefined {
  const toks = tokens(text);
  const first = toks.findIndex((t) => 'value' in t.point);
  if (first === -1) return undefined;
  const a = toks[first]!;
  let last = a;
  const next = toks[first + 1];
  if (next && isJoiner(text.slice(a.end, next.index))) last = next;
  const range: DateRange = {
    before: trimSeparators(text.slice(0, a.index)),
    after: trimSeparators(text.slice(last.end)),
  };
  if ('value' in a.point) range.start = a.point.value;
  if (last !== a) {
    if ('present' in last.point) range.current = true;
    else range.end = last.point.value;
  }
  return range;
}

/**
 * Reads a line that is only a date range (perhaps with a PDF-truncated tail
 * such as "1994 - 199").
 */
export function parseDateRangeLine(text: string): DateRange | undefined {
  const r = findDateRange(text);
  if (!r || r.before !== '') return undefined;
  if (r.after !== '' && !/^\d{1,3}$/.test(r.after)) return undefined;
  return r;
}

/** "March 2011" → "2011-03"; "2016" → "2016"; otherwise undefined. */
export function parseDatePoint(text: string): string | undefined {
  const t = tokens(text)[0];
  return t && 'value' in t.point ? t.point.value : undefined;
}

/** The first plausible year (1950–2099) in `text`. */
export function findYear(text: string): string | undefined {
  const m = /\b(19[5-9]\d|20\d\d)\b/.exec(text);
  return m?.[1];
}

/** Normalises a date to `YYYY-MM-DD` when it has a day: "2018-12-20T18:00:00Z" → "2018-12-20". */
export function isoDay(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Reads a day written in words: "20 December 2018", "December 20, 2018", "Thu, 20 Dec 2018". */
export function parseDayInWords(text: string): string | undefined {
  const dmy = /\b(\d{1,2})(?:st|nd|rd|th)?\.?\s{1,3}([a-z]{3,9})\.?,?\s{1,3}((?:19|20)\d\d)\b/i.exec(text);
  const mdy = /\b([a-z]{3,9})\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}((?:19|20)\d\d)\b/i.exec(text);
  const candidates: (string | undefined)[][] = [];
  if (dmy) candidates.push([dmy[1], dmy[2], dmy[3]]);
  if (mdy) candidates.push([mdy[2], mdy[1], mdy[3]]);
  for (const [day, mon, year] of candidates) {
    const month = mon ? MONTHS[mon.toLowerCase()] : undefined;
    if (day && month && year && Number(day) <= 31) {
      return `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
    }
  }
  return undefined;
}

/**
 * Reads a time span "18:00 - 19:00", "6pm–7pm", "10:30". Returns 24-hour
 * `HH:MM` strings.
 */
export function parseTimeSpan(text: string): { start?: string; end?: string } {
  const times: string[] = [];
  const re = /\b([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?\s?(am|pm|a\.m\.|p\.m\.)?(?![\d/])/gi;
  for (let m = re.exec(text); m && times.length < 2; m = re.exec(text)) {
    const [, h, min, ampm] = m;
    if (!min && !ampm) continue; // a bare number is not a time
    let hour = Number(h);
    if (ampm && /^p/i.test(ampm) && hour < 12) hour += 12;
    if (ampm && /^a/i.test(ampm) && hour === 12) hour = 0;
    times.push(`${String(hour).padStart(2, '0')}:${min ?? '00'}`);
  }
  const out: { start?: string; end?: string } = {};
  if (times[0]) out.start = times[0];
  if (times[1]) out.end = times[1];
  return out;
}

