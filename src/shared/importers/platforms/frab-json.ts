/**
 * c3voc schedule JSON (the `schedule.json` of frab and pretalx) and a single
 * frab event object. Deviations from the c3voc schema are not fatal: each is
 * reported in the bundle's warnings with its JSON path, saying what was
 * ignored; a file with no schedule at all is an {@link ImportError}.
 */
import { t } from '../../i18n';
import type { ImportBundle } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { frabToBundle, type FrabConference, type FrabPerson, type FrabTalk } from './frab-model';
import { checkText, looksLikeJson, parseJson, throwIfAborted } from './input';
import { str } from './text';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const EVENT_REQUIRED = ['abstract', 'date', 'duration', 'guid', 'id', 'language', 'links', 'persons', 'room', 'slug', 'start', 'subtitle', 'title', 'track', 'type', 'url'];
const EVENT_KNOWN = new Set([
  ...EVENT_REQUIRED, 'code', 'logo', 'end', 'description', 'recording_license', 'do_not_record', 'do_not_stream',
  'feedback_url', 'origin_url', 'attachments',
]);

function references(v: unknown): { url: string; title?: string }[] {
  return list(v)
    .map(obj)
    .filter((r): r is Obj => !!r && typeof r.url === 'string')
    .map((r) => (str(r.title) ? { url: r.url as string, title: str(r.title) } : { url: r.url as string }));
}

function readPerson(p: Obj, path: string, warn: (m: string) => void): FrabPerson {
  const name = str(p.full_name) ?? str(p.public_name) ?? str(p.name) ?? '';
  const person: FrabPerson = { name };
  if (typeof p.id === 'number' && Number.isInteger(p.id)) person.id = String(p.id);
  else if (p.id !== undefined && p.id !== null) warn(`${path}: ${t('importWarnFrabPersonId', JSON.stringify(p.id))}`);
  const code = str(p.code);
  if (code && /^[A-Z0-9]+$/.test(code)) person.code = code;
  else if (code) warn(`${path}: ${t('importWarnFrabPretalxCode', JSON.stringify(code))}`);
  const guid = str(p.guid);
  if (guid && /^[0-9a-f-]{36}$/i.test(guid)) person.guid = guid;
  const bio = str(p.biography);
  if (bio) person.biography = bio;
  const links = references(p.links);
  if (links.length) person.links = links;
  return person;
}

function readEvent(e: Obj, path: string, roomName: string | undefined, warn: (m: string) => void, unknown: Map<string, number>): FrabTalk {
  const missing = EVENT_REQUIRED.filter((k) => !(k in e));
  if (missing.length) warn(`${path}: ${t('importWarnFrabMissing', missing.join(', '))}`);
  for (const k of Object.keys(e)) if (!EVENT_KNOWN.has(k) && k !== 'speakers' && k !== 'event_classifiers') unknown.set(k, (unknown.get(k) ?? 0) + 1);
  if ('id' in e && !(typeof e.id === 'number' && Number.isInteger(e.id))) {
    warn(`${path}: ${t('importWarnFrabTalkId', JSON.stringify(e.id))}`);
  }
  const people = list(e.persons).length ? list(e.persons) : list(e.speakers);
  const talk: FrabTalk = {
    title: str(e.title) ?? '',
    persons: people.map((p, i) => readPerson(obj(p) ?? {}, `${path}.persons[${i}]`, warn)),
    links: references(e.links),
    attachments: references(e.attachments),
  };
  const set = <K extends keyof FrabTalk>(k: K, v: FrabTalk[K] | undefined) => {
    if (v !== undefined) talk[k] = v;
  };
  set('key', str(e.guid) ?? (typeof e.id === 'number' && Number.isInteger(e.id) ? String(e.id) : undefined));
  set('subtitle', str(e.subtitle));
  set('dateTime', str(e.date));
  set('endDateTime', str(e.end));
  set('start', str(e.start));
  set('duration', typeof e.duration === 'number' ? Math.round(e.duration / 60) : str(e.duration));
  set('room', str(e.room) ?? roomName);
  set('track', str(e.track));
  set('type', str(e.type));
  set('language', str(e.language));
  set('abstract', str(e.abstract));
  set('description', str(e.description));
  set('url', str(e.url) ?? str(e.public_url));
  return talk;
}

/** Reads a parsed c3voc schedule document (or one frab event) into a bundle. */
export function frabJsonToBundle(doc: unknown, input: ImportInput, format: string): ImportBundle {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const source = { kind: 'file' as const, name: input.name, format, ...(input.url ? { url: input.url } : {}) };
  const root = obj(doc);
  if (!root) throw new ImportError(t('importErrFrabJsonNoObject'), input.name);

  if (!root.schedule && typeof root.title === 'string' && (Array.isArray(root.persons) || Array.isArray(root.speakers))) {
    // A single frab event (c3voc "event" shape): one talk, no conference.
    return frabToBundle(undefined, [readEvent(root, '$', undefined, () => undefined, new Map())], source);
  }

  const schedule = obj(root.schedule);
  if (!schedule) throw new ImportError(t('importErrFrabJsonNoSchedule'), input.name);
  const conference = obj(schedule.conference);
  if (!conference) throw new ImportError(t('importErrFrabJsonNoConference'), `${input.name}, schedule`);
  if ('rooms' in schedule) warn(t('importWarnFrabJsonRooms'));
  if (!str(schedule.version)) warn(t('importWarnFrabJsonNoVersion'));
  const title = str(conference.title) ?? str(conference.acronym);
  if (!title) throw new ImportError(t('importErrFrabNoTitle'), `${input.name}, schedule.conference.title`);
  if (!Array.isArray(conference.days)) {
    throw new ImportError(t('importErrFrabNoDays'), `${input.name}, schedule.conference.days`);
  }

  const talks: FrabTalk[] = [];
  const unknown = new Map<string, number>();
  conference.days.forEach((day, d) => {
    const rooms = obj(obj(day)?.rooms);
    if (!rooms) {
      warn(t('importWarnFrabDayNoRooms', `schedule.conference.days[${d}]`));
      return;
    }
    for (const [roomName, events] of Object.entries(rooms)) {
      if (!Array.isArray(events)) {
        warn(t('importWarnNotListSkipped', `schedule.conference.days[${d}].rooms["${roomName}"]`));
        continue;
      }
      events.forEach((e, i) => {
        const path = `schedule.conference.days[${d}].rooms["${roomName}"][${i}]`;
        const ev = obj(e);
        if (!ev) return warn(`${path}: ${t('importWarnNotAnObjectSkipped')}`);
        talks.push(readEvent(ev, path, roomName, warn, unknown));
      });
    }
  });
  if (!talks.length) throw new ImportError(t('importErrNoTalks'), input.name);
  for (const [k, n] of unknown) warn(t(n > 1 ? 'importWarnFrabUnknownFieldOther' : 'importWarnFrabUnknownFieldOne', k, n));

  const conf: FrabConference = { title };
  const set = <K extends keyof FrabConference>(k: K, v: FrabConference[K] | undefined) => {
    if (v !== undefined) conf[k] = v;
  };
  set('acronym', str(conference.acronym));
  set('start', str(conference.start));
  set('end', str(conference.end));
  set('timeZone', str(conference.time_zone_name));
  set('baseUrl', str(schedule.base_url) ?? str(conference.url));
  return frabToBundle(conf, talks, source, warnings);
}

/** c3voc schedule JSON (frab and pretalx `schedule.json`). */
export const frabJsonImporter: Importer = {
  id: 'frab-json',
  label: 'Conference schedule JSON (frab, pretalx, c3voc)',
  sniff({ name, head }) {
    if (!looksLikeJson(head)) return 0;
    if (/"schedule"\s*:/.test(head) && /"conference"\s*:/.test(head)) return 0.95;
    if (/"schedule"\s*:/.test(head)) return 0.7;
    if (/"guid"\s*:/.test(head) && /"(persons|do_not_record|recording_license)"\s*:/.test(head)) return 0.6;
    return /schedule/i.test(name) ? 0.2 : 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    const text = checkText(input);
    throwIfAborted(options?.signal, input.name);
    const bundle = frabJsonToBundle(parseJson(text, input.name), input, 'frab-json');
    options?.onProgress?.(1);
    return [bundle];
  },
};
