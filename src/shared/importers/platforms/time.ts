/**
 * Date and time helpers. Podium keeps the local wall-clock time a source
 * states plus the zone it names (IANA zone or UTC offset); nothing is
 * converted, so a schedule whose offsets are wrong is kept as written.
 */

/** Local parts of an ISO 8601 date-time as written. */
export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, absent for a date-only value. */
  time?: string;
  /** `+02:00`, `UTC` for `Z`, absent for a floating time. */
  offset?: string;
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Splits `2019-08-21T11:00:00+02:00` into date, `HH:MM` and offset, without converting. */
export function splitIso(value: unknown): LocalDateTime | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, date, hh, mm, zone] = m;
  const out: LocalDateTime = { date: date as string };
  if (hh && mm) out.time = `${hh}:${mm}`;
  if (zone) out.offset = zone === 'Z' ? 'UTC' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return out;
}

/**
 * Minutes from a frab duration (`00:45`, `01:30:00`), a number of minutes
 * or, with `unit: 'seconds'`, a number of seconds.
 */
export function toMinutes(value: unknown, unit: 'minutes' | 'seconds' = 'minutes'): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return Math.round(unit === 'seconds' ? value / 60 : value);
  }
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const hm = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (hm) {
    const total = Number(hm[1]) * 60 + Number(hm[2]) + Math.round(Number(hm[3] ?? 0) / 60);
    return total > 0 ? total : undefined;
  }
  if (/^\d+$/.test(v)) return toMinutes(Number(v), unit);
  return undefined;
}

/** `HH:MM` plus minutes, wrapping past midnight. */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const t = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/** Minutes between two local date-times (end may be on the next day). */
export function minutesBetween(a: LocalDateTime, b: LocalDateTime): number | undefined {
  if (!a.time || !b.time) return undefined;
  const ms = Date.parse(`${b.date}T${b.time}:00Z`) - Date.parse(`${a.date}T${a.time}:00Z`);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 60000) : undefined;
}

/** Normalises `HH:MM[:SS]` to `HH:MM`. */
export function hhmm(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})/.exec(value.trim());
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2]}` : undefined;
}

/** Year of a `YYYY…` date string. */
export function yearOf(date: string | undefined): number | undefined {
  const y = date ? Number(date.slice(0, 4)) : NaN;
  return Number.isInteger(y) && y > 1900 ? y : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Answers by zone, date, time and offset: a schedule's talks share a few dozen of them, and each answer costs a `formatToParts` (0.6 s for 100,000 talks). */
const agreed = new Map<string, boolean>();

/**
 * Does the IANA `zone` have this UTC `offset` at local `date` `time`? Used to
 * keep a schedule's zone name only when its explicit offsets agree with it.
 * Unknown zones or offsets answer `false`.
 */
export function zoneAgrees(zone: string, date: string, time: string, offset: string): boolean {
  const key = `${zone} ${date} ${time} ${offset}`;
  let yes = agreed.get(key);
  if (yes === undefined) {
    if (agreed.size >= 10_000) agreed.clear();
    agreed.set(key, (yes = zoneAgreesNow(zone, date, time, offset)));
  }
  return yes;
}

function zoneAgreesNow(zone: string, date: string, time: string, offset: string): boolean {
  const off = offset === 'UTC' ? '+00:00' : offset;
  const instant = Date.parse(`${date}T${time}:00${off}`);
  if (!Number.isFinite(instant)) return false;
  let fmt = formatters.get(zone);
  try {
    fmt ??= new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    return false;
  }
  formatters.set(zone, fmt);
  const name = fmt.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const zoneOff = name === 'GMT' ? '+00:00' : name.replace(/^GMT/, '');
  return zoneOff === off;
}
