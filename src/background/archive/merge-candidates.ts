/**
 * The read stage of a merge (merge.ts): every stored record the incoming ones
 * could be, fetched in a handful of indexed bulk queries before any matching,
 * so matching runs in memory without per-record awaits. Kept apart because
 * choosing what to read (and when a whole-table scan is cheaper) is its own
 * concern, and the largest part of the merge.
 */
import type { Table } from 'dexie';
import type { PodiumEvent, Source, Speaker, Talk } from '../../shared/types';
import type { PodiumDb } from '../db';
import type { Incoming } from './drafts';
import { rankSources, type SourceRank } from './facts';
import { newId } from './ids';
import { sameRecord } from './records';

/** The batch's sources settled against the archive, and its records citing them by their final ids. */
export interface IncomingSources {
  /** The batch's sets in order, their records citing the final source ids (the sources themselves are in `newSources`). */
  groups: Incoming[];
  /** Sources this merge adds; one whose id is taken by a different stored source gets a new id. */
  newSources: Source[];
  /** Every source known so far; {@link readCandidates} adds those the stored records cite. */
  sourceById: Map<string, Source>;
  /** Ranks by `sourceById` as it is when called, so it sees the sources loaded later. */
  rank: SourceRank;
}

/** Stored records the incoming ones could be, and what matching needs to compare them. */
export interface StoredCandidates {
  /** Events with an incoming event's key (or id, when matching by id); may repeat one, the last copy counts. */
  events: PodiumEvent[];
  /** People with an incoming person's name, identifier (or id). */
  speakers: Map<string, Speaker>;
  /** Not candidates, only compared against: namesakes of candidates and co-speakers of candidate talks. */
  others: Map<string, Speaker>;
  /** Events of candidate talks that are not candidates themselves (for talk years). */
  otherEvents: Map<string, PodiumEvent>;
  /** Talks with an incoming title and a candidate speaker or event (or an incoming id). */
  talks: Map<string, Talk>;
}

const defined = <T>(rows: (T | undefined)[]) => rows.filter((r): r is T => r !== undefined);

/**
 * Settles the batch's sources: a stored identical source is reused, one that
 * differs under the same id is added under a new id, and the records are
 * remapped to match.
 */
export async function readSources(db: PodiumDb, batch: readonly Incoming[]): Promise<IncomingSources> {
  const all = batch.flatMap((inc) => inc.sources);
  const sourceById = new Map<string, Source>();
  const storedIncoming = defined(await db.sources.bulkGet(all.map((s) => s.id)));
  const storedSource = new Map(storedIncoming.map((s) => [s.id, s]));
  for (const s of storedIncoming) sourceById.set(s.id, s);
  const srcRemap = new Map<string, string>();
  const newSources: Source[] = [];
  for (const s of all) {
    const stored = storedSource.get(s.id);
    if (stored && sameRecord(stored, s)) continue;
    const id = stored ? newId('src') : s.id;
    if (id !== s.id) srcRemap.set(s.id, id);
    const source = id === s.id ? s : { ...s, id };
    newSources.push(source);
    sourceById.set(id, source);
  }
  const groups: Incoming[] = batch.map((inc) => ({
    sources: [],
    speakers: inc.speakers.map((r) => remapSources(r, srcRemap)),
    events: inc.events.map((r) => remapSources(r, srcRemap)),
    talks: inc.talks.map((r) => remapSources(r, srcRemap)),
  }));
  return { groups, newSources, sourceById, rank: rankSources(sourceById) };
}

/**
 * Reads everything matching needs, in bulk, in four rounds (each needs the
 * one before): events and people by key, namesakes of those people, their
 * talks with an incoming title, then those talks' co-speakers and events and
 * the sources all of these cite.
 */
export async function readCandidates(db: PodiumDb, { groups, sourceById }: IncomingSources, matchById: boolean): Promise<StoredCandidates> {
  const inc = { speakers: groups.flatMap((g) => g.speakers), events: groups.flatMap((g) => g.events), talks: groups.flatMap((g) => g.talks) };
  const eventKeys = [...new Set(inc.events.map((e) => e.eventKey))];
  const nameKeys = [...new Set(inc.speakers.flatMap((s) => s.nameKeys))];
  const idKeys = [...new Set(inc.speakers.flatMap((s) => s.idKeys))];
  const titleKeys = new Set(inc.talks.map((t) => t.titleKey));
  // 1. Stored events and people the incoming ones could be.
  const speakerScan = await scanInstead<Speaker>(db.speakers, nameKeys.length + idKeys.length + (matchById ? inc.speakers.length : 0));
  /** People with one of `keys`: from the scan when there is one, else by `lookup` (the store's directory, or ids). */
  const people = (keys: string[], keysOf: (s: Speaker) => readonly string[], lookup: (keys: string[]) => Promise<Speaker[]>) =>
    speakerScan ? withAny(speakerScan, keys, keysOf) : lookup(keys);
  const [eventsByKey, eventsById, speakersByName, speakersByIdKey, speakersById, talksById] = await Promise.all([
    rowsWithAny(db.events, 'eventKey', eventKeys),
    matchById ? db.events.bulkGet(inc.events.map((e) => e.id)).then(defined) : [],
    people(nameKeys, (s) => s.nameKeys, (k) => db.speakers.withNameKeys(k)),
    people(idKeys, (s) => s.idKeys, (k) => db.speakers.withIdKeys(k)),
    !matchById ? [] : people(inc.speakers.map((s) => s.id), (s) => [s.id], (ids) => db.speakers.bulkGet(ids).then(defined)),
    !matchById ? [] : db.talks.bulkGet(inc.talks.map((t) => t.id)).then(defined),
  ]);
  const events = [...eventsByKey, ...eventsById];
  const speakers = new Map<string, Speaker>();
  for (const s of [...speakersByName, ...speakersByIdKey, ...speakersById]) speakers.set(s.id, s);
  // 2. People who share another name of a stored candidate: a merged person
  //    keeps their stored names, and a talk credited to a namesake is the same talk.
  const known = new Set(nameKeys);
  const extraKeys = [...new Set([...speakers.values()].flatMap((s) => s.nameKeys))].filter((k) => !known.has(k));
  const others = new Map<string, Speaker>();
  for (const s of await people(extraKeys, (s) => s.nameKeys, (k) => db.speakers.withNameKeys(k))) if (!speakers.has(s.id)) others.set(s.id, s);
  // 3. Stored talks that could be an incoming one: same title, and a speaker
  //    among those people (same talk needs overlapping speakers) or, for talks
  //    without speakers, the same event.
  const speakerKeys = [...speakers.keys(), ...others.keys()];
  const eventIds = [...new Set(events.map((e) => e.id))];
  const talkScan = await scanInstead<Talk>(db.talks, speakerKeys.length + eventIds.length + (matchById ? inc.talks.length : 0));
  const [talksBySpeaker, talksByEvent] = talkScan
    ? [withAny(talkScan, speakerKeys, (t) => t.speakerIds), withAny(talkScan, eventIds, (t) => (t.eventId ? [t.eventId] : []))]
    : await Promise.all([db.talks.ofSpeakers(speakerKeys), db.talks.ofEvents(eventIds)]);
  const talks = new Map<string, Talk>();
  for (const t of [...talksBySpeaker, ...talksByEvent]) if (titleKeys.has(t.titleKey)) talks.set(t.id, t);
  for (const t of talksById) talks.set(t.id, t);
  // 4. Co-speakers and events of those talks (name overlap, years), and every source cited.
  const otherEvents = new Map<string, PodiumEvent>();
  const missingSpeakers = [...new Set([...talks.values()].flatMap((t) => t.speakerIds))].filter((id) => !speakers.has(id) && !others.has(id));
  const missingEvents = [...new Set([...talks.values()].map((t) => t.eventId))].filter((id): id is string => !!id && !eventIds.includes(id));
  const [moreSpeakers, moreEvents] = await Promise.all([db.speakers.bulkGet(missingSpeakers), db.events.bulkGet(missingEvents)]);
  for (const s of defined(moreSpeakers)) others.set(s.id, s);
  for (const e of defined(moreEvents)) otherEvents.set(e.id, e);
  await loadCitedSources(db, sourceById, [...events, ...speakers.values(), ...talks.values()]);
  return { events, speakers, others, otherEvents, talks };
}

/** Adds to `sourceById` the stored sources `records` cite that it lacks. */
async function loadCitedSources(db: PodiumDb, sourceById: Map<string, Source>, records: unknown[]): Promise<void> {
  const cited = new Set<string>();
  for (const r of records) citedSources(r, cited);
  const missing = [...cited].filter((id) => !sourceById.has(id));
  for (const s of defined(await db.sources.bulkGet(missing))) sourceById.set(s.id, s);
}

/** Deep-replaces source ids in every `sources` list of a record. */
function remapSources<T>(record: T, remap: ReadonlyMap<string, string>): T {
  if (remap.size === 0) return record;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === 'sources' && Array.isArray(x) ? x.map((id: string) => remap.get(id) ?? id) : walk(x);
    }
    return out;
  };
  return walk(record) as T;
}

/**
 * When an import brings nearly as many keys as a table holds (re-importing a
 * big archive), one read of the whole table beats looking each key up.
 * Returns every row of the table, or `undefined` when the index is the
 * better way.
 */
async function scanInstead<T>(table: { count(): Promise<number>; toArray(): Promise<T[]> }, keys: number): Promise<T[] | undefined> {
  if (keys < SCAN_MIN_KEYS) return undefined;
  const rows = await table.count();
  return keys * SCAN_RATIO >= rows ? await table.toArray() : undefined;
}

/** Keys per stored row above which {@link scanInstead} reads the whole table. */
const SCAN_RATIO = 2;
/** Small imports always use the indexes. */
const SCAN_MIN_KEYS = 500;

/**
 * Rows of `table` with one of `keys` in `index`, each row once. One `getAll`
 * per key, all issued at once: Dexie's `anyOf` walks a cursor key by key,
 * one round trip to the database each (measured in Chromium: most of the
 * time of a small import).
 */
async function rowsWithAny<T extends { id: string }>(table: Pick<Table<T, string, any>, 'where'>, index: string, keys: readonly string[]): Promise<T[]> {
  if (keys.length === 0) return [];
  const lists = await Promise.all(keys.map((k) => table.where(index).equals(k).toArray()));
  const byId = new Map<string, T>();
  for (const list of lists) for (const r of list) byId.set(r.id, r);
  return [...byId.values()];
}

/** The rows of a whole-table scan with one of `keys`. */
function withAny<T>(scan: readonly T[], keys: readonly string[], keysOf: (row: T) => readonly string[]): T[] {
  const wanted = new Set(keys);
  return scan.filter((r) => keysOf(r).some((k) => wanted.has(k)));
}

/** Adds every source id a record cites (its own list and those of its facts) to `out`. */
function citedSources(record: unknown, out: Set<string>): void {
  if (Array.isArray(record)) {
    for (const x of record) if (x && typeof x === 'object') citedSources(x, out);
    return;
  }
  for (const [k, v] of Object.entries(record as Record<string, unknown>)) {
    if (k === 'sources' && Array.isArray(v)) for (const id of v) out.add(id as string);
    else if (v && typeof v === 'object') citedSources(v, out);
  }
}
