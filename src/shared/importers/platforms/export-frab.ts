/**
 * Talks → frab schedule JSON in the c3voc schema shape
 * (`{schedule: {version, conference: {days: [{rooms: {room: [event]}}]}}}`),
 * which frab, pretalx, the c3voc tools and Podium's own importer read.
 *
 * One document is one conference: its title is the talks' event when they
 * share one, else `options.title`. Talks without a full date are skipped
 * (frab places every talk on a day). People with a pretalx code are written
 * as pretalx persons (`code`, `name`), others as frab persons (`id`,
 * `public_name`), so each matches exactly one of the schema's person shapes.
 */
import type { LinkKind } from '../../types';
import { type ExportTalk, offsetAt, stableUuid } from './export-talks';
import { addMinutes } from './time';

/** What {@link talksToFrabJson} returns. */
export interface FrabJsonExport {
  /** The document, ready for `JSON.stringify`. */
  json: Record<string, unknown>;
  skipped: string[];
}

const REF_TYPE: Partial<Record<LinkKind, string>> = { video: 'media', slides: 'slides', page: 'web' };

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const slugify = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'talk';

function minutesOf(t: ExportTalk): number {
  if (t.durationMinutes) return t.durationMinutes;
  if (t.start && t.end) {
    const [a, b] = [t.start, t.end].map((x) => x.split(':').map(Number)) as [[number, number], [number, number]];
    return (((b[0] * 60 + b[1] - a[0] * 60 - a[1]) % 1440) + 1440) % 1440;
  }
  return 0;
}

/**
 * Writes talks as a c3voc/frab schedule document.
 *
 * @param talks - the talks (see {@link ExportTalk})
 * @param options - `title`/`acronym` when the talks span several events
 */
export function talksToFrabJson(talks: ExportTalk[], options: { title?: string; acronym?: string } = {}): FrabJsonExport {
  const skipped: string[] = [];
  const placed = talks.filter((t) => {
    const ok = !!t.date && /^\d{4}-\d{2}-\d{2}$/.test(t.date);
    if (!ok) skipped.push(t.title);
    return ok;
  });
  const eventNames = new Set(talks.map((t) => t.event?.name).filter(Boolean));
  const single = eventNames.size === 1 ? talks.find((t) => t.event)?.event : undefined;
  const title = single?.name ?? options.title ?? 'Podium export';
  const acronym = options.acronym ?? (slugify(title).replace(/-/g, '_') || 'podium_export');
  const zones = new Set(placed.map((t) => t.timeZone).filter((z): z is string => !!z && /\//.test(z)));
  const zone = zones.size === 1 ? [...zones][0] : undefined;
  const dates = [...new Set(placed.map((t) => t.date as string))].sort();

  const personIds = new Map<string, number>();
  const person = (s: ExportTalk['speakers'][number]) => {
    const code = s.identifiers?.find((i) => i.scheme === 'pretalx')?.value.split('/').pop();
    if (code && /^[A-Z0-9]+$/.test(code)) return { code, name: s.name, biography: s.summary ?? null };
    const id = personIds.get(s.name) ?? personIds.size + 1;
    personIds.set(s.name, id);
    return { id, public_name: s.name, ...(s.summary ? { biography: s.summary } : {}) };
  };

  const days = dates.map((date, i) => {
    const rooms: Record<string, unknown[]> = {};
    const ofDay = placed.filter((t) => t.date === date).sort((a, b) => ((a.start ?? '') < (b.start ?? '') ? -1 : 1));
    for (const [n, t] of ofDay.entries()) {
      const start = t.start ?? '00:00';
      const offset = t.timeZone ? offsetAt(t.timeZone, date, start) : undefined;
      const minutes = minutesOf(t);
      const room = t.room ?? '';
      const links = (t.links ?? []).filter((l) => l.kind !== 'page');
      const page = t.links?.find((l) => l.kind === 'page');
      (rooms[room] ??= []).push({
        guid: stableUuid(t.id),
        id: placed.indexOf(t) + 1,
        date: `${date}T${start}:00${offset ?? ''}`,
        start,
        ...(t.start && (t.end || minutes) ? { end: `${date}T${t.end ?? addMinutes(start, minutes)}:00${offset ?? ''}` } : {}),
        duration: hhmm(minutes),
        room,
        slug: `${slugify(acronym)}-${n + 1}-${slugify(t.title)}`,
        url: page?.url ?? '',
        title: t.title,
        subtitle: '',
        track: t.tags?.[0] ?? null,
        type: t.kind ?? 'talk',
        language: t.language ?? null,
        abstract: t.abstract ?? '',
        description: '',
        persons: t.speakers.map(person),
        links: links.map((l) => ({ url: l.url, title: l.label ?? l.kind, ...(REF_TYPE[l.kind] ? { type: REF_TYPE[l.kind] } : {}) })),
        attachments: [],
      });
    }
    const first = ofDay[0];
    const off = first?.timeZone ? offsetAt(first.timeZone, date, '00:00') ?? '' : '';
    return { index: i + 1, date, day_start: `${date}T00:00:00${off}`, day_end: `${date}T23:59:00${off}`, rooms };
  });

  const conference: Record<string, unknown> = {
    acronym,
    title,
    start: dates[0] ?? single?.startDate ?? '',
    end: dates[dates.length - 1] ?? single?.endDate ?? '',
    daysCount: days.length,
    timeslot_duration: '00:05',
    ...(zone ? { time_zone_name: zone } : {}),
    ...(single?.url ? { url: single.url } : {}),
    days,
  };
  return {
    json: {
      $schema: 'https://c3voc.de/schedule/schema.json',
      generator: { name: 'Podium', version: '1' },
      schedule: { version: new Date().toISOString().slice(0, 10), conference },
    },
    skipped,
  };
}
