/**
 * pretalx REST API responses: `/api/events/{event}/talks/` (or
 * `/submissions/`) and `/speakers/`, as already-fetched pages
 * (`{count, next, previous, results}`), bare arrays, single objects, or
 * EuroPython's programapi output (objects keyed by code).
 *
 * Both API generations are read: the legacy one (speakers embedded as
 * objects, `slot: {start, end, room}`, i18n dicts for type and track) and v1
 * (speaker codes resolved through the `/speakers/` pages, `slots` expanded or
 * not). E-mail addresses and questionnaire answers are never kept.
 */
// A namespace import: `t` is this module's name for a talk record (and `i18n` reads a translated field).
import * as l10n from '../../i18n';
import type { DraftSpeaker, ImportBundle, Link } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { BundleBuilder } from './bundle';
import { hostOf, pretalxId } from './frab-model';
import { checkText, looksLikeJson, parseJson, throwIfAborted } from './input';
import { htmlToText, httpUrl, kindFrom, languageTag, linkKind, str } from './text';
import { addMinutes, minutesBetween, splitIso } from './time';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Already-fetched API responses for one event. */
export interface PretalxApiPages {
  /** Pages (or arrays, or single objects) from `/talks/` or `/submissions/`. */
  talks?: unknown[];
  /** Pages from `/speakers/`. */
  speakers?: unknown[];
  /** The event's URL or API URL, e.g. `https://pretalx.com/api/events/pyconau-2023/`. */
  eventUrl?: string;
  /** The event's display name, when the caller fetched `/api/events/{event}/`. */
  eventName?: string;
}

/** A multi-language string (`{en: "Talk"}`) or plain string → text. */
function i18n(v: unknown): string | undefined {
  if (typeof v === 'string') return str(v);
  const o = obj(v);
  if (!o) return undefined;
  return str(o.en) ?? Object.values(o).map(str).find(Boolean);
}

/** Results of one page, array, keyed object or single record. */
export function recordsOf(page: unknown): Obj[] {
  if (Array.isArray(page)) return page.map(obj).filter((o): o is Obj => !!o);
  const o = obj(page);
  if (!o) return [];
  if (Array.isArray(o.results)) return recordsOf(o.results);
  if (typeof o.code === 'string' || typeof o.title === 'string' || typeof o.name === 'string') return [o];
  // EuroPython programapi output: { CODE: record, … }
  const values = Object.values(o).map(obj).filter((v): v is Obj => !!v && typeof v.code === 'string');
  return values;
}

const isTalk = (o: Obj) => typeof o.title === 'string';

/** `pyconau-2023` from `https://pretalx.com/api/events/pyconau-2023/talks/` or `https://pretalx.com/pyconau-2023/`. */
export function eventSlug(url: string | undefined): string | undefined {
  let parts: string[];
  try {
    parts = new URL(url ?? '').pathname.split('/').filter(Boolean);
  } catch {
    return undefined;
  }
  const i = parts.indexOf('events');
  const slug = parts[0] === 'api' && i >= 0 ? parts[i + 1] : parts[0];
  return slug && slug !== 'api' ? slug : undefined;
}

function speakerDraft(s: Obj, host: string | undefined): { draft: Omit<DraftSpeaker, 'ref'>; keys: string[] } | undefined {
  const name = str(s.name) ?? str(s.public_name);
  if (!name) return undefined;
  const code = str(s.code);
  const links: Omit<Link, 'sources'>[] = [];
  const add = (kind: Link['kind'], v: unknown) => {
    const url = httpUrl(v);
    if (url && !links.some((l) => l.url === url)) links.push({ kind, url });
  };
  add('homepage', s.homepage);
  const gitx = httpUrl(s.gitx);
  if (gitx) add(/gitlab/.test(gitx) ? 'gitlab' : /github/.test(gitx) ? 'github' : 'other', gitx);
  add('linkedin', s.linkedin_url);
  add('mastodon', s.mastodon_url);
  add('twitter', s.twitter_url);
  add('profile', s.website_url);
  const bio = str(s.biography);
  const photo = httpUrl(s.avatar_url) ?? httpUrl(s.avatar);
  const headline = str(s.affiliation);
  const draft: Omit<DraftSpeaker, 'ref'> = {
    name,
    ...(bio ? { summary: htmlToText(bio) } : {}),
    ...(headline ? { headline } : {}),
    ...(photo ? { photoUrl: photo } : {}),
    ...(links.length ? { links } : {}),
    ...(code ? { identifiers: [{ scheme: 'pretalx' as const, value: pretalxId(code, host) }] } : {}),
  };
  return { draft, keys: code ? [`pretalx:${pretalxId(code, host)}`] : [] };
}

/**
 * Turns already-fetched pretalx API pages into one bundle. Talks name their
 * speakers by code (v1) or embed them (legacy); either way people come out
 * once, with their pretalx code as identifier.
 *
 * @param pages - the responses, see {@link PretalxApiPages}
 * @param name - what the user imported (URL or file name), for the source
 */
export function pretalxApiToBundle(pages: PretalxApiPages, name: string): ImportBundle {
  const host = hostOf(pages.eventUrl);
  const b = new BundleBuilder({ kind: pages.eventUrl ? 'api' : 'file', name, format: 'pretalx-api', ...(pages.eventUrl ? { url: pages.eventUrl } : {}) });
  const all = [...(pages.talks ?? []), ...(pages.speakers ?? [])].flatMap(recordsOf);
  const talks = all.filter(isTalk);
  const speakerRecords = all.filter((o) => !isTalk(o));
  if (!talks.length && !speakerRecords.length) throw new ImportError(l10n.t('importErrPretalxNothing'), name);

  const byCode = new Map<string, string>();
  const addSpeaker = (s: Obj): string | undefined => {
    const d = speakerDraft(s, host);
    if (!d) return undefined;
    const ref = b.speaker(d.draft, d.keys);
    const code = str(s.code);
    if (code) byCode.set(code, ref);
    return ref;
  };
  for (const s of speakerRecords) addSpeaker(s);

  const slug = eventSlug(pages.eventUrl);
  const eventName = pages.eventName ?? slug;
  const eventUrl = host && slug ? `https://${host}/${slug}/` : undefined;
  const eventRef = eventName ? b.event({ name: eventName, ...(eventUrl ? { url: eventUrl } : {}) }) : undefined;

  let unresolved = 0;
  let typeIds = 0;
  for (const t of talks) {
    const title = str(t.title) as string;
    const state = str(t.state);
    if (state && /withdrawn|rejected|canceled|cancelled|deleted/.test(state)) {
      b.warn(l10n.t('importWarnStateSkipped', title, state));
      continue;
    }
    const speakerRefs: string[] = [];
    for (const s of Array.isArray(t.speakers) ? t.speakers : []) {
      if (typeof s === 'string') {
        const ref = byCode.get(s);
        if (ref) speakerRefs.push(ref);
        else unresolved++;
      } else if (obj(s)) {
        const code = str((s as Obj).code);
        const known = code ? byCode.get(code) : undefined;
        const ref = addSpeaker(s as Obj);
        if (ref ?? known) speakerRefs.push((ref ?? known) as string);
      }
    }
    const slotObj = obj(t.slot) ?? (Array.isArray(t.slots) ? obj(t.slots[0]) : undefined);
    const start = splitIso(slotObj?.start ?? t.start);
    const endAt = splitIso(slotObj?.end ?? t.end);
    const room = i18n(obj(slotObj?.room)?.name) ?? i18n(slotObj?.room) ?? i18n(t.room);
    const duration = typeof t.duration === 'number' ? t.duration : Number(str(t.duration)) || (start && endAt ? minutesBetween(start, endAt) : undefined);
    const typeName = i18n(obj(t.submission_type)?.name) ?? i18n(t.submission_type) ?? i18n(t.session_type);
    if (typeof t.submission_type === 'number') typeIds++;
    const track = i18n(obj(t.track)?.name) ?? i18n(t.track);
    const abstract = [t.abstract, t.description].map((x) => (str(x) ? htmlToText(str(x) as string) : '')).filter(Boolean).join('\n\n');
    const links: Omit<Link, 'sources'>[] = [];
    const page = httpUrl(t.website_url) ?? httpUrl(t.url);
    if (page) links.push({ kind: 'page', url: page });
    const video = httpUrl(t.youtube_url);
    if (video) links.push({ kind: 'video', url: video });
    for (const r of Array.isArray(t.resources) ? t.resources : []) {
      const url = httpUrl(obj(r)?.resource, pages.eventUrl);
      const label = str(obj(r)?.description);
      if (url && !links.some((l) => l.url === url)) links.push({ kind: linkKind(url, label, 'other'), url, ...(label ? { label } : {}) });
    }
    const tags = [track, ...(Array.isArray(t.tags) ? t.tags.map(i18n) : [])].filter((x): x is string => !!x);
    b.talk({
      ...(str(t.code) ? { key: `pretalx:${str(t.code)}` } : {}),
      title,
      ...(abstract ? { abstract } : {}),
      kind: kindFrom(typeName, title),
      ...(languageTag(t.content_locale) ? { language: languageTag(t.content_locale) } : {}),
      ...(start ? { date: start.date } : {}),
      ...(start?.time ? { start: start.time } : {}),
      ...(endAt?.time ? { end: endAt.time } : start?.time && duration ? { end: addMinutes(start.time, duration) } : {}),
      ...(start?.offset && start.time ? { timeZone: start.offset } : {}),
      ...(duration ? { durationMinutes: duration } : {}),
      ...(room ? { room } : {}),
      ...(eventRef ? { eventRef } : {}),
      speakerRefs,
      links,
      tags: [...new Set(tags)],
    });
  }
  if (unresolved) b.warn(l10n.t('importWarnPretalxUnresolved', unresolved));
  if (typeIds) b.warn(l10n.t('importWarnPretalxTypeIds'));
  return b.build();
}

/** pretalx API JSON (a saved page of `/talks/`, `/submissions/` or `/speakers/`). */
export const pretalxApiImporter: Importer = {
  id: 'pretalx-api',
  label: 'pretalx API response (talks, speakers)',
  sniff({ head }) {
    if (!looksLikeJson(head)) return 0;
    const paged = /"count"\s*:/.test(head) && /"results"\s*:/.test(head);
    const submission = /"(submission_type|content_locale|slot_count|session_type)"\s*:/.test(head);
    const speaker = /"code"\s*:/.test(head) && /"(biography|submissions|avatar_url)"\s*:/.test(head);
    if (submission) return paged ? 0.95 : 0.85;
    if (speaker) return paged ? 0.9 : 0.7;
    return paged && /"code"\s*:/.test(head) ? 0.5 : 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    const text = checkText(input);
    throwIfAborted(options?.signal, input.name);
    const doc = parseJson(text, input.name);
    const bundle = pretalxApiToBundle({ talks: [doc], ...(input.url ? { eventUrl: input.url } : {}) }, input.name);
    options?.onProgress?.(1);
    return [bundle];
  },
};
