/**
 * The Podium archive document (docs/archive-format.md): the whole archive
 * as one versioned JSON file, and the checks that every imported file and
 * every import bundle pass before anything is written.
 *
 * Checks are strict and bounded: unknown fields, wrong types, oversize text
 * or lists, duplicate ids, dangling references and prototype-polluting keys
 * are all rejected with the path of the first bad value, such as
 * `talks[12].speakerIds[0]: unknown speaker "sp_x"`.
 */
import type {
  DraftEvent,
  DraftSpeaker,
  DraftTalk,
  Education,
  Fact,
  Identifier,
  ImportBundle,
  Link,
  Place,
  PodiumEvent,
  Position,
  Publication,
  Source,
  Speaker,
  Talk,
  Variant,
} from './types';
import { LINK_KINDS, TALK_KINDS } from './types';
import { arr, bool, type Check, literal, NO_PATH, num, obj, optional, pathTo, str, ValidationError } from './validate';

export const ARCHIVE_FORMAT = 'podium-archive';
export const ARCHIVE_VERSION = 1;

/** The exported archive. Records appear as stored, sorted by id. */
export interface ArchiveDocument {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  /** ISO instant of the export. */
  exportedAt: string;
  sources: Source[];
  speakers: Speaker[];
  talks: Talk[];
  events: PodiumEvent[];
}

/** Size limits: generous for real archives (100,000 talks), small enough to refuse a hostile file quickly. */
export const LIMITS = {
  sources: 100_000,
  speakers: 250_000,
  talks: 500_000,
  events: 100_000,
  /** Facts, links, positions… per record. */
  perRecord: 1000,
  /** Sources cited by one fact. */
  citations: 10_000,
  id: 64,
  name: 500,
  short: 200,
  url: 2048,
  text: 20_000,
} as const;

/** Keys that would reach `Object.prototype` when copied carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Throws for any own key named `__proto__`, `constructor` or `prototype`, anywhere in `value`. */
export function rejectDangerousKeys(value: unknown, path = ''): void {
  // Paths are built only to name a key found (a bundle has a million fields).
  if (findDangerousKey(value, NO_PATH) !== undefined) throw new ValidationError(findDangerousKey(value, path)!, 'forbidden field name');
}

/** The path of the first forbidden key, or undefined. */
function findDangerousKey(value: unknown, path: string): string | undefined {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, pathTo(p, i)]));
      continue;
    }
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) return pathTo(p, k);
      stack.push([(v as Record<string, unknown>)[k], pathTo(p, k)]);
    }
  }
  return undefined;
}

const ID_RE = /^[A-Za-z0-9_:-]+$/;
const id: Check<string> = (v, path) => {
  const s = str({ min: 1, max: LIMITS.id })(v, path);
  if (!ID_RE.test(s)) throw new ValidationError(path, 'an id may hold only letters, digits, “_”, “-” and “:”');
  return s;
};
const instant: Check<string> = (v, path) => {
  const s = str({ min: 1, max: 40 })(v, path);
  if (Number.isNaN(Date.parse(s))) throw new ValidationError(path, 'expected an ISO date and time');
  return s;
};
const name = str({ min: 1, max: LIMITS.name });
const short = str({ max: LIMITS.short });
const text = str({ max: LIMITS.text });
const url = str({ min: 1, max: LIMITS.url });
const place: Check<Place> = obj({ city: optional(short), country: optional(short) });
/** A role held (a position without its organisation), stored or draft alike. */
const ROLE_FIELDS = {
  title: optional(short),
  start: optional(short),
  end: optional(short),
  current: optional(bool),
  location: optional(place),
  description: optional(text),
};
/** What an event says about itself, stored or draft alike. */
const EVENT_FIELDS = {
  name: str({ min: 1, max: 1000 }),
  series: optional(short),
  edition: optional(short),
  year: optional(num({ integer: true, min: 0, max: 9999 })),
  startDate: optional(short),
  endDate: optional(short),
  city: optional(short),
  country: optional(short),
  venue: optional(short),
  url: optional(url),
};
const list = <T>(c: Check<T>, max: number = LIMITS.perRecord) => arr(c, { max });

/** Collects every referenced id with its path, to check once all records are read. */
interface Refs {
  sources: [string, string][];
  speakers: [string, string][];
  events: [string, string][];
}

function archiveChecks(refs: Refs) {
  const ref = (kind: keyof Refs): Check<string> => (v, path) => {
    const s = id(v, path);
    refs[kind].push([s, path]);
    return s;
  };
  const cites = list(ref('sources'), LIMITS.citations);
  const fact = <T>(value: Check<T>): Check<Fact<T>> => obj({ value, sources: cites }) as Check<Fact<T>>;
  const linkKind = literal(...LINK_KINDS);
  const link: Check<Link> = obj({ kind: linkKind, url, label: optional(short), sources: cites });
  const position: Check<Position> = obj({
    organisation: name,
    ...ROLE_FIELDS,
    roles: optional(list(obj(ROLE_FIELDS))),
    sources: cites,
  }) as Check<Position>;
  const education: Check<Education> = obj({
    institution: name,
    degree: optional(short),
    field: optional(short),
    start: optional(short),
    end: optional(short),
    sources: cites,
  }) as Check<Education>;
  const publication: Check<Publication> = obj({
    title: str({ min: 1, max: 1000 }),
    year: optional(short),
    venue: optional(short),
    url: optional(url),
    sources: cites,
  }) as Check<Publication>;
  const identifier: Check<Identifier> = obj({
    scheme: literal('pretalx', 'sessionize', 'frab', 'profile-url', 'email-sha256', 'orcid'),
    value: str({ min: 1, max: LIMITS.short }),
    sources: cites,
  });
  const variant: Check<Variant> = obj({
    field: short,
    value: (v, p) => (typeof v === 'number' ? num()(v, p) : text(v, p)),
    sources: cites,
  });
  const pinned = optional(list(short, 50));
  const source: Check<Source> = obj({
    id,
    kind: literal('file', 'page', 'api', 'manual', 'sample'),
    name: str({ max: LIMITS.name }),
    format: short,
    url: optional(url),
    importedAt: instant,
  });
  const speaker: Check<Speaker> = obj({
    id,
    name,
    aliases: list(fact(name)),
    nameKeys: list(str({ max: LIMITS.name })),
    headline: list(fact(str({ max: 1000 }))),
    location: list(fact(place)),
    summary: list(fact(text)),
    positions: list(position),
    education: list(education),
    skills: list(fact(short)),
    publications: list(publication),
    projects: list(fact(str({ max: 1000 }))),
    links: list(link),
    photoUrl: list(fact(url)),
    identifiers: list(identifier),
    idKeys: list(str({ max: 300 })),
    sources: cites,
    pinned,
    createdAt: instant,
    updatedAt: instant,
  }) as Check<Speaker>;
  const talk: Check<Talk> = obj({
    id,
    title: str({ min: 1, max: 1000 }),
    titleKey: str({ max: 1000 }),
    abstract: list(fact(text)),
    kind: literal(...TALK_KINDS),
    language: optional(str({ max: 35 })),
    date: optional(short),
    start: optional(short),
    end: optional(short),
    timeZone: optional(short),
    durationMinutes: optional(num({ min: 0, max: 100_000 })),
    room: optional(short),
    eventId: optional(ref('events')),
    speakerIds: list(ref('speakers')),
    links: list(link),
    tags: list(short),
    sources: cites,
    variants: optional(list(variant)),
    pinned,
    withdrawn: optional(instant),
    createdAt: instant,
    updatedAt: instant,
  }) as Check<Talk>;
  const event: Check<PodiumEvent> = obj({
    id,
    ...EVENT_FIELDS,
    eventKey: str({ max: 1100 }),
    sources: cites,
    variants: optional(list(variant)),
    pinned,
    createdAt: instant,
    updatedAt: instant,
  }) as Check<PodiumEvent>;
  return { source, speaker, talk, event };
}

function uniqueIds(records: { id: string }[], table: string): Set<string> {
  const seen = new Set<string>();
  records.forEach((r, i) => {
    if (seen.has(r.id)) throw new ValidationError(`${table}[${i}].id`, `duplicate id "${r.id}"`);
    seen.add(r.id);
  });
  return seen;
}

/** The error for a file that is not a valid archive; its message says what and where. */
export class ArchiveFormatError extends Error {
  override name = 'ArchiveFormatError';
}

/**
 * Checks a parsed JSON value is a complete, consistent archive document and
 * returns it typed. Throws {@link ArchiveFormatError} naming the first
 * problem: "This is not a Podium archive: talks[12].speakerIds[0]: unknown
 * speaker "sp_x"."
 */
export function parseArchive(value: unknown): ArchiveDocument {
  try {
    rejectDangerousKeys(value);
    const head = obj(
      { format: literal(ARCHIVE_FORMAT), version: (v) => v, exportedAt: instant, sources: (v) => v, speakers: (v) => v, talks: (v) => v, events: (v) => v },
    )(value, '');
    if (head.version !== ARCHIVE_VERSION) {
      throw new ValidationError('version', `this file is version ${JSON.stringify(head.version)}; this Podium reads version ${ARCHIVE_VERSION}`);
    }
    const refs: Refs = { sources: [], speakers: [], events: [] };
    const c = archiveChecks(refs);
    const doc: ArchiveDocument = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      exportedAt: head.exportedAt,
      sources: arr(c.source, { max: LIMITS.sources })(head.sources, 'sources'),
      speakers: arr(c.speaker, { max: LIMITS.speakers })(head.speakers, 'speakers'),
      talks: arr(c.talk, { max: LIMITS.talks })(head.talks, 'talks'),
      events: arr(c.event, { max: LIMITS.events })(head.events, 'events'),
    };
    const known = {
      sources: uniqueIds(doc.sources, 'sources'),
      speakers: uniqueIds(doc.speakers, 'speakers'),
      events: uniqueIds(doc.events, 'events'),
    };
    uniqueIds(doc.talks, 'talks');
    for (const kind of ['speakers', 'events', 'sources'] as const) {
      for (const [rid, path] of refs[kind]) {
        if (!known[kind].has(rid)) throw new ValidationError(path, `unknown ${kind.slice(0, -1)} "${rid.slice(0, LIMITS.id)}"`);
      }
    }
    return doc;
  } catch (e) {
    if (e instanceof ValidationError) throw new ArchiveFormatError(`This is not a valid Podium archive: ${e.message}.`);
    throw e;
  }
}

/* ---------- import bundles (what importers hand the worker) ---------- */

export const BUNDLE_LIMITS = { speakers: 100_000, talks: 200_000, events: 20_000, warnings: 1000 } as const;

const ref = str({ min: 1, max: LIMITS.id * 2 });
const draftSpeaker: Check<DraftSpeaker> = obj({
  ref,
  name,
  aliases: optional(list(name)),
  headline: optional(str({ max: 1000 })),
  location: optional(place),
  summary: optional(text),
  positions: optional(
    list(
      obj({
        organisation: name,
        ...ROLE_FIELDS,
        roles: optional(list(obj(ROLE_FIELDS))),
      }),
    ),
  ),
  education: optional(list(obj({ institution: name, degree: optional(short), field: optional(short), start: optional(short), end: optional(short) }))),
  skills: optional(list(short)),
  publications: optional(list(obj({ title: str({ min: 1, max: 1000 }), year: optional(short), venue: optional(short), url: optional(url) }))),
  projects: optional(list(str({ max: 1000 }))),
  links: optional(list(obj({ kind: literal(...LINK_KINDS), url, label: optional(short) }))),
  photoUrl: optional(url),
  identifiers: optional(list(obj({ scheme: literal('pretalx', 'sessionize', 'frab', 'profile-url', 'email-sha256', 'orcid'), value: str({ min: 1, max: LIMITS.short }) }))),
  inferred: optional(list(literal('name', 'headline', 'location'), 3)),
}) as Check<DraftSpeaker>;
const draftEvent: Check<DraftEvent> = obj({
  ref,
  ...EVENT_FIELDS,
});
const draftTalk: Check<DraftTalk> = obj({
  key: optional(short),
  title: str({ min: 1, max: 1000 }),
  abstract: optional(text),
  kind: optional(literal(...TALK_KINDS)),
  language: optional(str({ max: 35 })),
  date: optional(short),
  start: optional(short),
  end: optional(short),
  timeZone: optional(short),
  durationMinutes: optional(num({ min: 0, max: 100_000 })),
  room: optional(short),
  eventRef: optional(ref),
  speakerRefs: list(ref, 100),
  links: optional(list(obj({ kind: literal(...LINK_KINDS), url, label: optional(short) }))),
  tags: optional(list(short)),
}) as Check<DraftTalk>;

/** Checks an import bundle's shape, sizes and internal references (`speakerRefs`, `eventRef`). */
export const checkImportBundle: Check<ImportBundle> = (value, path) => {
  rejectDangerousKeys(value, path);
  const b = obj({
    source: obj({ kind: literal('file', 'page', 'api', 'manual', 'sample'), name: str({ max: LIMITS.name }), format: short, url: optional(url) }),
    speakers: arr(draftSpeaker, { max: BUNDLE_LIMITS.speakers }),
    talks: arr(draftTalk, { max: BUNDLE_LIMITS.talks }),
    events: arr(draftEvent, { max: BUNDLE_LIMITS.events }),
    warnings: arr(str({ max: 1000 }), { max: BUNDLE_LIMITS.warnings }),
  })(value, path) as ImportBundle;
  const p = (s: string) => (path ? `${path}.${s}` : s);
  const speakerRefs = new Set(b.speakers.map((s) => s.ref));
  const eventRefs = new Set(b.events.map((e) => e.ref));
  b.talks.forEach((t, i) => {
    t.speakerRefs.forEach((r, j) => {
      if (!speakerRefs.has(r)) throw new ValidationError(p(`talks[${i}].speakerRefs[${j}]`), `unknown speaker ref "${r}"`);
    });
    if (t.eventRef !== undefined && !eventRefs.has(t.eventRef)) throw new ValidationError(p(`talks[${i}].eventRef`), `unknown event ref "${t.eventRef}"`);
  });
  return b;
};

/* ---------- what archive operations take and return (the worker API) ---------- */

export interface MergeCounts {
  /** New records written. */
  created: number;
  /** Incoming records merged into a record already there (or earlier in the same input). */
  merged: number;
}

export interface ImportResult {
  /** Ids of the source records this import added. */
  sourceIds: string[];
  speakers: MergeCounts;
  talks: MergeCounts;
  events: MergeCounts;
  /** The importer's warnings, then the merge's (left-out placeholders, ambiguous homonyms). */
  warnings: string[];
}

export type ImportMode = 'replace' | 'merge';

export interface ArchiveImportResult {
  mode: ImportMode;
  /** Records in the document. */
  speakers: number;
  talks: number;
  events: number;
  sources: number;
  /** For `merge`: what was created and merged. */
  merge?: ImportResult;
}

export interface SearchResult {
  speakers: { id: string; name: string; headline?: string }[];
  talks: { id: string; title: string; date?: string; speakerIds: string[] }[];
}

export interface UndoSummary {
  id: string;
  /** What the action was: "Merge “A” into “B”". */
  label: string;
  createdAt: string;
}

/** A hand edit of a speaker; `null` clears a field. */
export interface SpeakerChanges {
  name?: string;
  aliases?: string[];
  headline?: string | null;
  summary?: string | null;
  photoUrl?: string | null;
  location?: Place | null;
  links?: Omit<Link, 'sources'>[];
}

/** A hand edit of a talk; `null` clears a field. */
export interface TalkChanges {
  title?: string;
  abstract?: string | null;
  kind?: Talk['kind'];
  language?: string | null;
  date?: string | null;
  start?: string | null;
  end?: string | null;
  timeZone?: string | null;
  durationMinutes?: number | null;
  room?: string | null;
  eventId?: string | null;
  speakerIds?: string[];
  tags?: string[];
  links?: Omit<Link, 'sources'>[];
}

export interface SplitRequest {
  /** The talks that belong to the other person. */
  talkIds: string[];
  /** The other person's name; defaults to the same name (two people who share it). */
  name?: string;
  /** `scheme:value` identifiers that belong to the other person. */
  idKeys?: string[];
  /** Aliases that belong to the other person. */
  aliases?: string[];
}

/* ---------- the archive in slices (one message each; a whole archive may pass Chrome's 64 MiB message limit) ---------- */

/** The four record tables of an archive document, in document order. */
export const ARCHIVE_TABLES = ['sources', 'speakers', 'talks', 'events'] as const;
export type ArchiveTable = (typeof ARCHIVE_TABLES)[number];

/** Records per slice: a few MB per message for big speakers and talks. */
export const SLICE_RECORDS = 5000;
/** At most this many records in one `importArchiveSlice`. */
export const MAX_SLICE_RECORDS = 20_000;

/** Where an export continues: the table and the last id sent, at the revision the export began at. */
export interface ExportCursor {
  revision: number;
  table: ArchiveTable;
  /** Last id already sent from `table`; absent at the table's start. */
  after?: string;
}

/** Start of a sliced export: the document's head and where to continue. */
export interface ExportBegin {
  head: Pick<ArchiveDocument, 'format' | 'version' | 'exportedAt'>;
  counts: Record<ArchiveTable, number>;
  cursor: ExportCursor;
}

/** One page of records; `next` is null after the last one. */
export interface ExportSlice {
  table: ArchiveTable;
  records: unknown[];
  next: ExportCursor | null;
}
