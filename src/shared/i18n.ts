/**
 * The user's language: messages from `_locales/` through the extension's
 * i18n API, and numbers and dates through `Intl` in the browser's UI
 * language. It reads `browser`/`chrome` itself rather than importing the
 * polyfill: the hover card (card.js, injected into pages) imports this too.
 */
import type en from '../../_locales/en/messages.json';

export type MessageKey = keyof typeof en;
/** Keys that come as a `…One`/`…Other` pair, by their stem (see {@link tn}). */
export type PluralKey = StemOf<MessageKey>;
type StemOf<K> = K extends `${infer B}One` ? (`${B}Other` extends MessageKey ? B : never) : never;

interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

// In the content script a page element with id="browser" shows up as a global: take the one with a real getMessage.
const api = (): I18nApi | undefined => {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  for (const x of [g.browser?.i18n, g.chrome?.i18n]) if (typeof x?.getMessage === 'function') return x;
  return undefined;
};

/** The message `key` with `$1`… filled in; the key itself when it is missing, so a gap shows (and tests catch it). */
export const t = (key: MessageKey, ...subs: (string | number)[]): string => api()?.getMessage(key, subs.map(String)) || key;

/** The browser's UI language (`en-US`, `de`), the locale for every `Intl` format. */
export const lang = (): string => api()?.getUILanguage() || navigator.language;

/**
 * `key…One` or `key…Other` by the language's plural rule for `n`, with the
 * formatted number as `$1` and `subs` after it.
 */
export function tn(key: PluralKey, n: number, ...subs: (string | number)[]): string {
  const one = new Intl.PluralRules(lang()).select(n) === 'one';
  return t(`${key}${one ? 'One' : 'Other'}` as MessageKey, formatNumber(n), ...subs);
}

export const formatNumber = (n: number): string => new Intl.NumberFormat(lang()).format(n);

const formats = /* @__PURE__ */ new Map<string, Intl.DateTimeFormat>();
/** One formatter per language and style: making one costs about a millisecond, and a review table of 100 talks formats 200 times a render. */
function dateFormat(o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const language = lang();
  const key = language + JSON.stringify(o);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(language, o)));
  return f;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_STYLE = [{ year: 'numeric' }, { year: 'numeric', month: 'long' }, { dateStyle: 'medium' }] as const;

/**
 * A date as the archive stores it (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a
 * full ISO timestamp), in the user's language, with no more precision than
 * it has; anything else is shown as it is. Calendar dates are read as UTC
 * so no time zone moves them to the day before.
 */
export function formatDate(value: string): string {
  const m = PARTIAL_DATE.exec(value);
  if (m) {
    const parts = m.slice(1).filter(Boolean).length;
    const at = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1));
    return dateFormat({ ...DATE_STYLE[parts - 1], timeZone: 'UTC' }).format(at);
  }
  // Only ISO timestamps: Date.parse reads almost anything ("spring 2024" as 1 January).
  const at = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? value : dateFormat({ dateStyle: 'medium' }).format(at);
}

/** Two archive dates as one range ("3–5 May 2024"); either may be missing. */
export function formatDateRange(start?: string, end?: string): string {
  if (!start || !end || start === end) return formatDate(start ?? end ?? '');
  const a = PARTIAL_DATE.exec(start);
  const b = PARTIAL_DATE.exec(end);
  // formatRange needs two dates of the same precision; otherwise show both.
  if (!a || !b || a.filter(Boolean).length !== b.filter(Boolean).length) return `${formatDate(start)} – ${formatDate(end)}`;
  const parts = a.slice(1).filter(Boolean).length;
  const utc = (m: RegExpExecArray) => Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1));
  return dateFormat({ ...DATE_STYLE[parts - 1], timeZone: 'UTC' }).formatRange(utc(a), utc(b));
}

/** A local wall-clock time `HH:MM` as the user's language writes it ("2:30 PM", "14:30"). */
export function formatTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) return hhmm;
  return dateFormat({ hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2])));
}

/** A moment (ISO timestamp or epoch ms) with date and time, in the user's time zone. */
export const formatDateTime = (at: string | number): string => dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 864e5],
  ['month', 30 * 864e5],
  ['day', 864e5],
  ['hour', 36e5],
  ['minute', 6e4],
];

/** How long ago (or from now) `at` is, in words: "3 hours ago", "vor 3 Stunden", "in 2 days". */
export function formatRelative(at: string | number, now = Date.now()): string {
  const diff = new Date(at).getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(lang(), { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(0, 'minute');
}
