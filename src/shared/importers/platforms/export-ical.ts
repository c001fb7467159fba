/**
 * Talks → iCalendar text (RFC 5545), written with ical.js so escaping and
 * line folding are the library's. One VEVENT per talk, `UID:<talk id>@podium`.
 *
 * - Times: `DTSTART;TZID=<zone>` with a VTIMEZONE per zone whose observances
 *   give the right offset at every exported talk (computed with `Intl`);
 *   `UTC` talks are written `…Z`; a UTC-offset zone (`+02:00`) becomes
 *   `TZID=UTC+02:00`; talks without a time are all-day (`VALUE=DATE`);
 *   talks with only a year or month cannot be placed and are skipped.
 * - `SUMMARY:Title - Speaker A, Speaker B` (as pretalx writes it, for people
 *   reading the calendar) plus one `X-PODIUM-SPEAKER` per speaker, which the
 *   importer prefers; `X-PODIUM-KIND`, `CATEGORIES` (tags), `LOCATION`
 *   (room), `URL` (talk page), `DESCRIPTION` (abstract).
 */
import ICAL from 'ical.js';
import { type ExportTalk, offsetAt } from './export-talks';
import { addMinutes } from './time';

type Component = InstanceType<typeof ICAL.Component>;

/** What {@link talksToICalendar} returns. */
export interface ICalendarExport {
  text: string;
  /** Titles of talks that could not be placed (no full date). */
  skipped: string[];
}

const tzidOf = (zone: string) => (/^[+-]\d{2}:\d{2}$/.test(zone) ? `UTC${zone}` : zone);
const icalOffset = (o: string) => o.replace(':', '');

function time(date: string, hhmm?: string, utc = false): InstanceType<typeof ICAL.Time> {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (!hhmm) return ICAL.Time.fromData({ year: y, month: m, day: d, isDate: true });
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  const t = ICAL.Time.fromData({ year: y, month: m, day: d, hour: h, minute: min, second: 0, isDate: false });
  if (utc) t.zone = ICAL.Timezone.utcTimezone;
  return t;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
}

/** VTIMEZONE whose observances match the zone's offset at each given local time. */
function vtimezone(zone: string, moments: { date: string; time: string }[]): Component | undefined {
  const points = moments
    .map((m) => ({ ...m, offset: offsetAt(zone, m.date, m.time) }))
    .filter((p): p is { date: string; time: string; offset: string } => !!p.offset)
    .sort((a, b) => (`${a.date}${a.time}` < `${b.date}${b.time}` ? -1 : 1));
  if (!points.length) return undefined;
  const tz = new ICAL.Component('vtimezone');
  tz.addPropertyWithValue('tzid', tzidOf(zone));
  let prev: string | undefined;
  for (const p of points) {
    if (p.offset === prev) continue;
    const obs = new ICAL.Component('standard');
    // Onset at the first exported moment with this offset: right for every exported time.
    obs.addPropertyWithValue('dtstart', prev ? time(p.date, p.time) : time('1970-01-01', '00:00'));
    obs.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromString(icalOffset(prev ?? p.offset)));
    obs.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromString(icalOffset(p.offset)));
    tz.addSubcomponent(obs);
    prev = p.offset;
  }
  return tz;
}

/**
 * Writes talks as an iCalendar document.
 *
 * @param talks - the talks (see {@link ExportTalk})
 * @param options - `name` for `X-WR-CALNAME`, `now` for `DTSTAMP`
 */
export function talksToICalendar(talks: ExportTalk[], options: { name?: string; now?: Date } = {}): ICalendarExport {
  const cal = new ICAL.Component('vcalendar');
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('prodid', '-//Podium//Podium talk export//EN');
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  if (options.name) cal.addPropertyWithValue('x-wr-calname', options.name);
  const stamp = ICAL.Time.fromJSDate(options.now ?? new Date(), true);
  const skipped: string[] = [];
  const zones = new Map<string, { date: string; time: string }[]>();
  const events: Component[] = [];

  for (const t of talks) {
    if (!t.date || !/^\d{4}-\d{2}-\d{2}$/.test(t.date)) {
      skipped.push(t.title);
      continue;
    }
    const ev = new ICAL.Component('vevent');
    ev.addPropertyWithValue('uid', `${t.id}@podium`);
    ev.addPropertyWithValue('dtstamp', stamp);
    const zone = t.start ? t.timeZone : undefined;
    const utc = zone === 'UTC';
    const end = t.end ?? (t.start && t.durationMinutes ? addMinutes(t.start, t.durationMinutes) : undefined);
    const endDate = t.start && end && end < t.start ? nextDay(t.date) : t.date;
    const dtstart = ev.addPropertyWithValue('dtstart', time(t.date, t.start, utc));
    const dtend = t.start && end ? ev.addPropertyWithValue('dtend', time(endDate, end, utc)) : undefined;
    if (!t.start) ev.addPropertyWithValue('dtend', time(nextDay(t.date)));
    if (zone && !utc) {
      dtstart.setParameter('tzid', tzidOf(zone));
      dtend?.setParameter('tzid', tzidOf(zone));
      const list = zones.get(zone) ?? [];
      list.push({ date: t.date, time: t.start as string });
      if (end) list.push({ date: endDate, time: end });
      zones.set(zone, list);
    }
    const names = t.speakers.map((s) => s.name);
    const summary = ev.addPropertyWithValue('summary', names.length ? `${t.title} - ${names.join(', ')}` : t.title);
    if (t.language) summary.setParameter('language', t.language);
    for (const n of names) ev.addPropertyWithValue('x-podium-speaker', n);
    if (t.kind) ev.addPropertyWithValue('x-podium-kind', t.kind);
    if (t.abstract) ev.addPropertyWithValue('description', t.abstract);
    if (t.room) ev.addPropertyWithValue('location', t.room);
    const page = t.links?.find((l) => l.kind === 'page') ?? t.links?.[0];
    if (page) ev.addPropertyWithValue('url', page.url);
    if (t.tags?.length) {
      const cats = new ICAL.Property('categories');
      cats.setValues(t.tags);
      ev.addProperty(cats);
    }
    events.push(ev);
  }
  for (const [zone, moments] of zones) {
    const tz = vtimezone(zone, moments);
    if (tz) cal.addSubcomponent(tz);
  }
  for (const ev of events) cal.addSubcomponent(ev);
  return { text: cal.toString().replace(/\r?\n/g, '\r\n') + '\r\n', skipped };
}
