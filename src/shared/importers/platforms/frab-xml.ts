/**
 * frab / pentabarf schedule XML (FOSDEM 2007–2026, CCC, and pretalx's
 * `schedule.xml` export), parsed with fast-xml-parser.
 *
 * Drift handled: events directly under `<day>` (pentabarf) or under
 * `<day><room>` (frab); `<date>` with offset or only `<day date>` + `<start>`;
 * `<track>` as text or with a `slug` attribute; a top-level `<persons>` with
 * biographies (FOSDEM 2026) joined to talk persons by id.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ImportBundle } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { frabToBundle, type FrabPerson, type FrabTalk } from './frab-model';
import { checkText, throwIfAborted } from './input';
import { str } from './text';

type Node = Record<string, unknown>;

/** Always an array: `undefined` → `[]`, one node → `[node]`. */
export function asArray(v: unknown): unknown[] {
  return v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v];
}

/** Text of an element that may carry attributes (`{'#text': …}`). */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number') return str(v);
  if (v && typeof v === 'object') return str((v as Node)['#text']);
  return undefined;
}

const attr = (n: unknown, name: string) => (n && typeof n === 'object' ? str((n as Node)[`@_${name}`]) : undefined);
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});

/**
 * Parses XML text into plain objects after validating it, so a broken file
 * fails with the line and column of the fault.
 */
export function parseXml(text: string, name: string): Node {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new ImportError(`not well-formed XML: ${msg}`, `${name}, line ${line}, column ${col}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: true,
  });
  return parser.parse(text) as Node;
}

function links(container: unknown, tag: 'link' | 'attachment'): { url: string; title?: string }[] {
  return asArray(node(container)[tag])
    .map((l) => ({ url: attr(l, 'href') ?? '', title: textOf(l) }))
    .filter((l) => l.url)
    .map((l) => (l.title ? { url: l.url, title: l.title } : { url: l.url }));
}

function readTalk(ev: Node, dayDate: string | undefined, roomName: string | undefined, bios: Map<string, FrabPerson>): FrabTalk {
  const persons: FrabPerson[] = asArray(node(ev.persons).person).map((p) => {
    const id = attr(p, 'id');
    const known = id ? bios.get(id) : undefined;
    const person: FrabPerson = { name: textOf(p) ?? known?.name ?? '' };
    if (id) person.id = id;
    const code = attr(p, 'code');
    if (code) person.code = code;
    const guid = attr(p, 'guid');
    if (guid) person.guid = guid;
    if (known?.biography) person.biography = known.biography;
    if (known?.links?.length) person.links = known.links;
    return person;
  });
  const talk: FrabTalk = {
    title: textOf(ev.title) ?? '',
    persons,
    links: links(ev.links, 'link'),
    attachments: links(ev.attachments, 'attachment'),
  };
  const set = <K extends keyof FrabTalk>(k: K, v: FrabTalk[K] | undefined) => {
    if (v !== undefined) talk[k] = v;
  };
  set('subtitle', textOf(ev.subtitle));
  set('dateTime', textOf(ev.date));
  set('dayDate', dayDate);
  set('start', textOf(ev.start));
  set('duration', textOf(ev.duration));
  set('room', textOf(ev.room) ?? roomName);
  set('track', textOf(ev.track));
  set('type', textOf(ev.type));
  set('language', textOf(ev.language));
  set('abstract', textOf(ev.abstract));
  set('description', textOf(ev.description));
  set('url', textOf(ev.url));
  return talk;
}

/** Reads a parsed `<schedule>` document into one bundle. */
export function frabXmlToBundle(doc: Node, input: ImportInput, format: string): ImportBundle {
  const schedule = doc.schedule;
  if (!schedule || typeof schedule !== 'object') {
    throw new ImportError('this XML is not a frab/pentabarf schedule (no <schedule> root element)', input.name);
  }
  const s = node(schedule);
  const c = node(s.conference);
  const title = textOf(c.title) ?? textOf(c.acronym);
  if (!title) throw new ImportError('the schedule has no conference title', `${input.name}, <conference>`);

  const bios = new Map<string, FrabPerson>();
  for (const p of asArray(node(s.persons).person)) {
    const id = attr(p, 'id');
    const name = textOf(node(p).name) ?? textOf(node(p).public_name);
    if (!id || !name) continue;
    const biography = [textOf(node(p).biography), textOf(node(p).extended_biography)].filter(Boolean).join('\n');
    bios.set(id, { id, name, ...(biography ? { biography } : {}), links: links(node(p).links, 'link') });
  }

  const talks: FrabTalk[] = [];
  for (const day of asArray(s.day)) {
    const dayDate = attr(day, 'date');
    for (const ev of asArray(node(day).event)) talks.push(readTalk(node(ev), dayDate, undefined, bios));
    for (const room of asArray(node(day).room)) {
      for (const ev of asArray(node(room).event)) talks.push(readTalk(node(ev), dayDate, attr(room, 'name'), bios));
    }
  }
  if (!talks.length) throw new ImportError('nothing to import: the schedule lists no talks', input.name);

  const conf = {
    title,
    ...(textOf(c.acronym) ? { acronym: textOf(c.acronym) } : {}),
    ...(textOf(c.start) ? { start: textOf(c.start) } : {}),
    ...(textOf(c.end) ? { end: textOf(c.end) } : {}),
    ...(textOf(c.time_zone_name) ? { timeZone: textOf(c.time_zone_name) } : {}),
    ...(textOf(c.base_url) ? { baseUrl: textOf(c.base_url) } : {}),
    ...(textOf(c.venue) ? { venue: textOf(c.venue) } : {}),
    ...(textOf(c.city) ? { city: textOf(c.city) } : {}),
  };
  return frabToBundle(conf, talks, { kind: 'file', name: input.name, format, ...(input.url ? { url: input.url } : {}) });
}

/** frab / pentabarf / pretalx schedule XML. */
export const frabXmlImporter: Importer = {
  id: 'frab-xml',
  label: 'Conference schedule XML (frab, pentabarf, pretalx)',
  sniff({ name, type, head }) {
    const xmlish = /\.xml$/i.test(name) || /xml/i.test(type ?? '') || /^\s*(\uFEFF)?<\?xml/.test(head);
    const hasSchedule = /<schedule[\s>]/.test(head);
    if (hasSchedule && (/<conference[\s>]/.test(head) || /<day[\s>]/.test(head))) return 0.95;
    if (hasSchedule) return 0.8;
    return xmlish && /schedule/i.test(name) ? 0.4 : 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    const text = checkText(input);
    throwIfAborted(options?.signal, input.name);
    const doc = parseXml(text, input.name);
    options?.onProgress?.(0.8);
    const bundle = frabXmlToBundle(doc, input, 'frab-xml');
    options?.onProgress?.(1);
    return [bundle];
  },
};
