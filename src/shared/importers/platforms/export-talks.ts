/**
 * The talk shape the platform exporters write, and adapters from what the
 * worker returns ({@link TalkView}) and from an {@link ImportBundle} (used by
 * the round-trip tests).
 */
import type { IdentifierScheme, ImportBundle, LinkKind, Speaker, SpeakerId, TalkKind, TalkTiming, TalkView } from '../../types';

/** A person on an exported talk. */
export interface ExportSpeaker {
  name: string;
  summary?: string;
  identifiers?: { scheme: IdentifierScheme; value: string }[];
}

/** The event of an exported talk. */
export interface ExportEvent {
  name: string;
  series?: string;
  year?: number;
  startDate?: string;
  endDate?: string;
  url?: string;
  venue?: string;
  city?: string;
}

/** One talk to export. */
export interface ExportTalk extends TalkTiming {
  /** Stable id (the archive's talk id): the iCalendar UID and frab guid come from it. */
  id: string;
  title: string;
  abstract?: string;
  kind?: TalkKind;
  speakers: ExportSpeaker[];
  event?: ExportEvent;
  links?: { kind: LinkKind; url: string; label?: string }[];
  tags?: string[];
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Adapts the worker's talk view (a speaker's talks, a search result).
 *
 * @param talk - the view
 * @param speakers - full speaker records, for biographies and identifiers
 */
export function exportTalkFromView(talk: TalkView, speakers?: Map<SpeakerId, Speaker>): ExportTalk {
  return defined({
    id: talk.id,
    title: talk.title,
    abstract: talk.abstract[0]?.value,
    kind: talk.kind,
    language: talk.language,
    date: talk.date,
    start: talk.start,
    end: talk.end,
    timeZone: talk.timeZone,
    durationMinutes: talk.durationMinutes,
    room: talk.room,
    speakers: talk.speakers.map((s) => {
      const full = speakers?.get(s.id);
      return defined({
        name: s.name,
        summary: full?.summary[0]?.value,
        identifiers: full?.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })),
      });
    }),
    event: talk.event
      ? defined({
          name: talk.event.name,
          series: talk.event.series,
          year: talk.event.year,
          startDate: talk.event.startDate,
          endDate: talk.event.endDate,
          url: talk.event.url,
          venue: talk.event.venue,
          city: talk.event.city,
        })
      : undefined,
    links: talk.links.map((l) => defined({ kind: l.kind, url: l.url, label: l.label })),
    tags: talk.tags,
  });
}

/** Adapts the drafts of a bundle (talk ids are `<index>`-based). */
export function exportTalksFromBundle(bundle: ImportBundle): ExportTalk[] {
  const speakers = new Map(bundle.speakers.map((s) => [s.ref, s]));
  const events = new Map(bundle.events.map((e) => [e.ref, e]));
  return bundle.talks.map((t, i) => {
    const ev = t.eventRef ? events.get(t.eventRef) : undefined;
    return defined({
      id: `talk-${i + 1}`,
      title: t.title,
      abstract: t.abstract,
      kind: t.kind,
      language: t.language,
      date: t.date,
      start: t.start,
      end: t.end,
      timeZone: t.timeZone,
      durationMinutes: t.durationMinutes,
      room: t.room,
      speakers: t.speakerRefs
        .map((r) => speakers.get(r))
        .filter((s) => !!s)
        .map((s) => defined({ name: s.name, summary: s.summary, identifiers: s.identifiers })),
      event: ev
        ? defined({ name: ev.name, series: ev.series, year: ev.year, startDate: ev.startDate, endDate: ev.endDate, url: ev.url, venue: ev.venue, city: ev.city })
        : undefined,
      links: t.links,
      tags: t.tags,
    });
  });
}

/** A UUID-shaped, stable value from a string (FNV-1a based; not RFC 4122 random). */
export function stableUuid(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex += h.toString(16).padStart(8, '0');
  }
  const v = `${hex.slice(0, 12)}5${hex.slice(13, 16)}${((parseInt(hex[16] as string, 16) & 3) | 8).toString(16)}${hex.slice(17, 32)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`;
}

/** UTC offset (`+01:00`) of an IANA zone or offset string at a local date-time. */
export function offsetAt(zone: string, date: string, time: string): string | undefined {
  if (zone === 'UTC' || zone === 'Z') return '+00:00';
  if (/^[+-]\d{2}:\d{2}$/.test(zone)) return zone;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    return undefined;
  }
  // Guess the instant as if UTC, read the zone's offset there, then re-check once (DST edges).
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  if (!Number.isFinite(asUtc)) return undefined;
  const read = (t: number) => {
    const name = fmt.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  let off = read(asUtc);
  off = read(asUtc - off * 60000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
