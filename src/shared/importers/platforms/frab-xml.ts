/**
 * frab / pentabarf schedule XML (FOSDEM 2007–2026, CCC, and pretalx's
 * `schedule.xml` export), read as a stream with saxes: each `<event>` (and
 * the `<conference>` header and `<persons>` biographies) becomes a small
 * node as soon as it closes and is turned into a talk, so memory holds the
 * talks, never the document. A 45 MB schedule of 100,000 talks is read from
 * the file in chunks; there is no size limit of its own.
 *
 * Drift handled: events directly under `<day>` (pentabarf) or under
 * `<day><room>` (frab); `<date>` with offset or only `<day date>` + `<start>`;
 * `<track>` as text or with a `slug` attribute; a top-level `<persons>` with
 * biographies (FOSDEM 2026) joined to talk persons by id, wherever it
 * stands in the file.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { t } from '../../i18n';
import type { ImportBundle } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { frabToBundle, type FrabConference, type FrabPerson, type FrabTalk } from './frab-model';
import { assertSize, checkText, throwIfAborted } from './input';
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
 * HTML's named entities that schedule exports use although XML does not
 * define them (the old parser accepted them too).
 */
const HTML_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', deg: '°',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•', middot: '·', times: '×',
  eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à', aacute: 'á', acirc: 'â', auml: 'ä', ouml: 'ö', uuml: 'ü', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ',
  iacute: 'í', oacute: 'ó', uacute: 'ú', Eacute: 'É', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', aring: 'å', oslash: 'ø', aelig: 'æ',
};

/** An element being read: attributes, children in order, text. */
interface Open {
  name: string;
  attrs: Record<string, string>;
  children: [string, unknown][];
  text: string;
}

/** The element as the frab model reads it: text alone as a string; attributes as `@_name`; repeated children as arrays; text beside them as `#text`. */
function finish(el: Open): unknown {
  const text = el.text.trim();
  const attrs = Object.keys(el.attrs);
  if (!el.children.length && !attrs.length) return text;
  const out: Node = {};
  for (const k of attrs) out[`@_${k}`] = el.attrs[k];
  for (const [k, v] of el.children) {
    const had = out[k];
    if (had === undefined) out[k] = v;
    else if (Array.isArray(had) && (had as unknown[] & { many?: true }).many) had.push(v);
    else out[k] = Object.assign([had, v], { many: true as const });
  }
  if (text) out['#text'] = text;
  return out;
}

/** What the stream hands over: the header, the biographies and every talk. */
interface FrabDocument {
  conference: Node | undefined;
  bios: Map<string, FrabPerson>;
  talks: FrabTalk[];
}

/**
 * Reads a frab schedule from text chunks. Only `<conference>`, each
 * `<persons><person>` and each `<event>` are built as nodes; days and rooms
 * are followed as context.
 */
async function readSchedule(
  chunksOf: (lineNow: () => number) => AsyncIterable<string> | Iterable<string>,
  name: string,
  options?: ImportOptions,
): Promise<FrabDocument> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const chunks = chunksOf(() => parser.line);
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const doc: FrabDocument = { conference: undefined, bios: new Map(), talks: [] };
  const path: string[] = [];
  /** Elements being built (the captured one and its open descendants). */
  const stack: Open[] = [];
  let dayDate: string | undefined;
  let roomName: string | undefined;
  let failure: ImportError | undefined;
  let root: string | undefined;

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const parent = path[path.length - 1];
    if (!root) {
      root = tag.name;
      if (root !== 'schedule') failure ??= new ImportError(t('importErrFrabXmlNotSchedule'), name);
    }
    path.push(tag.name);
    if (stack.length) {
      stack.push({ name: tag.name, attrs: tag.attributes, children: [], text: '' });
      return;
    }
    const depth = path.length;
    if (depth === 2 && tag.name === 'conference') stack.push({ name: tag.name, attrs: tag.attributes, children: [], text: '' });
    else if (depth === 3 && tag.name === 'person' && parent === 'persons') stack.push({ name: tag.name, attrs: tag.attributes, children: [], text: '' });
    else if (tag.name === 'event' && (parent === 'day' || parent === 'room')) stack.push({ name: tag.name, attrs: tag.attributes, children: [], text: '' });
    else if (depth === 2 && tag.name === 'day') {
      dayDate = str(tag.attributes['date']);
      roomName = undefined;
    } else if (depth === 3 && tag.name === 'room' && parent === 'day') roomName = str(tag.attributes['name']);
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    path.pop();
    const el = stack.pop();
    if (!el) return;
    const value = finish(el);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push([el.name, value]);
      return;
    }
    if (el.name === 'conference') doc.conference = node(value);
    else if (el.name === 'person') {
      const p = node(value);
      const id = attr(p, 'id');
      const personName = textOf(node(p).name) ?? textOf(node(p).public_name);
      if (!id || !personName) return;
      const biography = [textOf(node(p).biography), textOf(node(p).extended_biography)].filter(Boolean).join('\n');
      doc.bios.set(id, { id, name: personName, ...(biography ? { biography } : {}), links: links(node(p).links, 'link') });
    } else doc.talks.push(readTalk(node(value), dayDate, roomName));
  });
  parser.on('error', (e: Error) => {
    failure ??= new ImportError(t('importErrXmlMalformed', e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')), `${name}, ${t('importWhereLineColumn', parser.line, parser.column)}`);
  });

  for await (const chunk of chunks) {
    throwIfAborted(options?.signal, name);
    parser.write(chunk);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  if (!root) throw new ImportError(t('importErrXmlNoElement'), name);
  return doc;
}

function links(container: unknown, tag: 'link' | 'attachment'): { url: string; title?: string }[] {
  return asArray(node(container)[tag])
    .map((l) => ({ url: attr(l, 'href') ?? '', title: textOf(l) }))
    .filter((l) => l.url)
    .map((l) => (l.title ? { url: l.url, title: l.title } : { url: l.url }));
}

function readTalk(ev: Node, dayDate: string | undefined, roomName: string | undefined): FrabTalk {
  const persons: FrabPerson[] = asArray(node(ev.persons).person).map((p) => {
    const person: FrabPerson = { name: textOf(p) ?? '' };
    const id = attr(p, 'id');
    if (id) person.id = id;
    const code = attr(p, 'code');
    if (code) person.code = code;
    const guid = attr(p, 'guid');
    if (guid) person.guid = guid;
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
  set('key', attr(ev, 'guid') ?? attr(ev, 'id'));
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

/** Completes talk persons from the `<persons>` biographies (by id), as the file lists them. */
function joinBios(talks: FrabTalk[], bios: Map<string, FrabPerson>): void {
  if (!bios.size) return;
  for (const t of talks) {
    for (const person of t.persons) {
      const known = person.id ? bios.get(person.id) : undefined;
      if (!known) continue;
      if (!person.name) person.name = known.name;
      if (known.biography) person.biography = known.biography;
      if (known.links?.length) person.links = known.links;
    }
  }
}

/** One bundle from what the stream read. */
function scheduleToBundle(doc: FrabDocument, input: Pick<ImportInput, 'name' | 'url'>, format: string): ImportBundle {
  const c = doc.conference;
  if (!c) throw new ImportError(t('importErrFrabXmlNoConference'), input.name);
  const title = textOf(c.title) ?? textOf(c.acronym);
  if (!title) throw new ImportError(t('importErrFrabXmlNoTitle'), `${input.name}, <conference>`);
  if (!doc.talks.length) throw new ImportError(t('importErrNoTalks'), input.name);
  joinBios(doc.talks, doc.bios);
  const conf: FrabConference = {
    title,
    ...(textOf(c.acronym) ? { acronym: textOf(c.acronym) } : {}),
    ...(textOf(c.start) ? { start: textOf(c.start) } : {}),
    ...(textOf(c.end) ? { end: textOf(c.end) } : {}),
    ...(textOf(c.time_zone_name) ? { timeZone: textOf(c.time_zone_name) } : {}),
    ...(textOf(c.base_url) ? { baseUrl: textOf(c.base_url) } : {}),
    ...(textOf(c.venue) ? { venue: textOf(c.venue) } : {}),
    ...(textOf(c.city) ? { city: textOf(c.city) } : {}),
  };
  return frabToBundle(conf, doc.talks, { kind: 'file', name: input.name, format, ...(input.url ? { url: input.url } : {}) });
}

/** Largest schedule file streamed (a sanity limit: the biggest real one is 2.8 MB, the bench's 45 MB). */
export const MAX_STREAMED_BYTES = 1024 * 1024 * 1024;

/** Characters handed to the parser at a time when reading text already in memory. */
const CHUNK_CHARS = 1 << 20;

function* textChunks(text: string): Iterable<string> {
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
}

/**
 * The file's text in chunks, decoded as strict UTF-8 (BOM removed), with
 * progress by bytes. `lineNow`: the line the parser has read up to, for
 * naming the line of a byte that is not UTF-8.
 */
async function* fileChunks(file: Blob, name: string, lineNow: () => number, options?: ImportOptions): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const reader = (file.stream() as ReadableStream<Uint8Array>).getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      let text: string;
      try {
        text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      } catch {
        // The line of the first bad byte: this chunk decoded leniently, up to its first replacement character.
        const lenient = new TextDecoder('utf-8').decode(value ?? new Uint8Array());
        const bad = Math.max(0, lenient.indexOf('\uFFFD'));
        let line = lineNow();
        for (let i = lenient.indexOf('\n'); i >= 0 && i < bad; i = lenient.indexOf('\n', i + 1)) line++;
        throw new ImportError(t('importErrNotUtf8'), `${name}, ${t('importWhereLine', line)}`);
      }
      if (text) yield text;
      if (done) return;
      read += value.byteLength;
      options?.onProgress?.(0.9 * (read / Math.max(1, file.size)));
    }
  } finally {
    reader.releaseLock();
  }
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
    const doc = await readSchedule(() => textChunks(text), input.name, options);
    options?.onProgress?.(0.9);
    const bundle = scheduleToBundle(doc, input, 'frab-xml');
    options?.onProgress?.(1);
    return [bundle];
  },
  async parseFile(file: Blob, input: Pick<ImportInput, 'name' | 'type' | 'url'>, options?: ImportOptions): Promise<ImportBundle[]> {
    assertSize(file.size, MAX_STREAMED_BYTES, input.name);
    const doc = await readSchedule((lineNow) => fileChunks(file, input.name, lineNow, options), input.name, options);
    const bundle = scheduleToBundle(doc, input, 'frab-xml');
    options?.onProgress?.(1);
    return [bundle];
  },
};
