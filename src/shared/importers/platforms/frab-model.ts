/**
 * The frab schedule model shared by the XML (frab, pentabarf, pretalx's XML
 * export) and JSON (c3voc schema: frab and pretalx flavours) importers, and
 * its mapping to drafts.
 *
 * Identity rules (decided from the data in shared/data/frab-xml):
 * - a person's pretalx `code` is a `pretalx` identifier (see {@link pretalxId});
 * - a person's c3voc `guid` (uuid5 of the e-mail address) is a `frab`
 *   identifier, value `guid:<uuid>`;
 * - numeric frab/pentabarf person ids are **not** identifiers: FOSDEM
 *   reassigns them every edition (id 1 is five different people in 2007–2012,
 *   Lucas Nussbaum has seven ids) and even duplicates a person inside one
 *   edition. They only join a talk's persons to the `<persons>` biographies
 *   and deduplicate inside one file; across files the archive merges by name.
 */
// A namespace import: `t` is this module's name for a talk.
import * as i18n from '../../i18n';
import type { DraftEvent, DraftSpeaker, DraftTalk, ImportBundle, Link } from '../../types';
import { BundleBuilder } from './bundle';
import { htmlToText, httpUrl, kindFrom, languageTag, linkKind, str } from './text';
import { addMinutes, hhmm, splitIso, toMinutes, yearOf, zoneAgrees } from './time';

/** Conference header of a frab schedule. */
export interface FrabConference {
  title: string;
  acronym?: string;
  start?: string;
  end?: string;
  timeZone?: string;
  baseUrl?: string;
  venue?: string;
  city?: string;
}

/** A person as listed on a talk (plus biography when the file has one). */
export interface FrabPerson {
  id?: string;
  code?: string;
  guid?: string;
  name: string;
  biography?: string;
  links?: { url: string; title?: string }[];
}

/** One talk ("event" in frab's words). */
export interface FrabTalk {
  /** The talk's guid (or else its numeric id) in the schedule. */
  key?: string;
  title: string;
  subtitle?: string;
  /** ISO date-time with offset (newer files). */
  dateTime?: string;
  /** The `<day date>` the talk is listed under (older files). */
  dayDate?: string;
  start?: string;
  duration?: string | number;
  /** ISO end date-time (c3voc `end`). */
  endDateTime?: string;
  room?: string;
  track?: string;
  type?: string;
  language?: string;
  abstract?: string;
  description?: string;
  url?: string;
  persons: FrabPerson[];
  links: { url: string; title?: string }[];
  attachments: { url: string; title?: string }[];
}

/** Host of a URL, lower-cased, or undefined. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Canonical value of a `pretalx` identifier: the speaker code alone on
 * pretalx.com (or when the instance is unknown), `host/CODE` on a
 * self-hosted instance (codes are only unique per instance).
 */
export function pretalxId(code: string, host?: string): string {
  const c = code.trim();
  return !host || host === 'pretalx.com' || host === 'www.pretalx.com' ? c : `${host}/${c}`;
}

const NOISE_LINK = /chat room|submit feedback|^feedback$/i;

function talkLinks(t: FrabTalk, base: string | undefined): DraftTalk['links'] {
  const links: Omit<Link, 'sources'>[] = [];
  const page = httpUrl(t.url, base);
  if (page) links.push({ kind: 'page', url: page });
  for (const l of [...t.links, ...t.attachments]) {
    const url = httpUrl(l.url, base);
    if (!url || NOISE_LINK.test(l.title ?? '') || links.some((x) => x.url === url)) continue;
    const kind = linkKind(url, l.title, 'other');
    links.push(l.title ? { kind, url, label: l.title } : { kind, url });
  }
  return links;
}

/** Series name: the title without its year ("FOSDEM 2007" → "FOSDEM"). */
function seriesOf(title: string): string | undefined {
  const s = title.replace(/\b(19|20)\d\d\b/g, '').replace(/\s+/g, ' ').trim();
  return s && s !== title ? s : undefined;
}

function eventOf(conf: FrabConference): Omit<DraftEvent, 'ref'> {
  const year = yearOf(conf.start);
  const series = seriesOf(conf.title);
  const url = httpUrl(conf.baseUrl);
  return {
    name: conf.title,
    ...(series ? { series } : {}),
    ...(year ? { edition: String(year), year } : {}),
    ...(conf.start ? { startDate: conf.start.slice(0, 10) } : {}),
    ...(conf.end ? { endDate: conf.end.slice(0, 10) } : {}),
    ...(conf.venue ? { venue: conf.venue } : {}),
    ...(conf.city ? { city: conf.city } : {}),
    ...(url ? { url } : {}),
  };
}

/** Subtitle, abstract and description as plain text, each once, in that order. */
function abstractOf(t: FrabTalk): string {
  const parts: string[] = [];
  for (const x of [t.subtitle, t.abstract, t.description]) {
    const text = x ? htmlToText(x) : '';
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.join('\n\n');
}

/**
 * Maps a parsed frab schedule to one bundle.
 *
 * @param conf - the conference header; none for a lone event (no event is created)
 * @param talks - every talk in the file
 * @param source - the bundle's source record
 * @param warnings - problems met while reading, kept in the bundle
 */
export function frabToBundle(
  conf: FrabConference | undefined,
  talks: FrabTalk[],
  source: ImportBundle['source'],
  warnings: string[] = [],
): ImportBundle {
  const b = new BundleBuilder(source);
  for (const w of warnings) b.warn(w);
  const base = conf?.baseUrl;
  const host = hostOf(base) ?? hostOf(source.url);
  const eventRef = conf ? b.event(eventOf(conf)) : undefined;

  let zoneConflicts = 0;
  for (const t of talks) {
    const title = str(t.title);
    if (!title) {
      b.warn(t.url ? i18n.t('importWarnFrabNoTitleUrl', t.url) : i18n.t('importWarnFrabNoTitle'));
      continue;
    }
    const speakerRefs: string[] = [];
    for (const p of t.persons) {
      const name = str(p.name);
      if (!name) continue;
      const strong: string[] = [];
      const identifiers: { scheme: 'pretalx' | 'frab'; value: string }[] = [];
      if (p.code) {
        const value = pretalxId(p.code, host);
        identifiers.push({ scheme: 'pretalx', value });
        strong.push(`pretalx:${value}`);
      }
      if (p.guid) {
        identifiers.push({ scheme: 'frab', value: `guid:${p.guid.toLowerCase()}` });
        strong.push(`frab:guid:${p.guid.toLowerCase()}`);
      }
      const extra: Omit<DraftSpeaker, 'ref' | 'name'> = {};
      const bio = p.biography ? htmlToText(p.biography) : '';
      if (bio) extra.summary = bio;
      if (p.links?.length) {
        const links = p.links
          .map((l) => ({ l, url: httpUrl(l.url, base) }))
          .filter((x): x is { l: { url: string; title?: string }; url: string } => !!x.url)
          .map(({ l, url }) => ({ kind: linkKind(url, l.title, 'other'), url, ...(l.title ? { label: l.title } : {}) }));
        if (links.length) extra.links = links;
      }
      if (identifiers.length) extra.identifiers = identifiers;
      speakerRefs.push(...b.person(name, extra, strong, p.id ? [`frab-local:${p.id}`] : [], `"${title}"`));
    }
    const when = splitIso(t.dateTime);
    const date = when?.date ?? t.dayDate;
    const start = when?.time ?? hhmm(t.start);
    const minutes = toMinutes(t.duration);
    const endIso = splitIso(t.endDateTime);
    const end = endIso?.time ?? (start && minutes ? addMinutes(start, minutes) : undefined);
    let timeZone = conf?.timeZone ?? when?.offset;
    if (conf?.timeZone && when?.offset && when.time && !zoneAgrees(conf.timeZone, when.date, when.time, when.offset)) {
      timeZone = when.offset;
      zoneConflicts++;
    }
    const abstract = abstractOf(t);
    const track = str(t.track);
    // Assigned one by one: a literal of conditional spreads costs more than the rest of this loop (100,000 talks).
    const talk: DraftTalk = { title, speakerRefs, links: talkLinks(t, base), tags: track ? [track] : [] };
    if (t.key) talk.key = `frab:${t.key}`;
    if (abstract) talk.abstract = abstract;
    talk.kind = kindFrom(t.type, title);
    const language = languageTag(t.language);
    if (language) talk.language = language;
    if (date) talk.date = date;
    if (start) talk.start = start;
    if (end) talk.end = end;
    if (timeZone && (start || date)) talk.timeZone = timeZone;
    if (minutes) talk.durationMinutes = minutes;
    const room = str(t.room);
    if (room) talk.room = room;
    if (eventRef) talk.eventRef = eventRef;
    b.talk(talk);
  }
  if (zoneConflicts) {
    b.warn(i18n.t('importWarnFrabZoneConflict', String(conf?.timeZone), zoneConflicts));
  }
  return b.build();
}
