/**
 * Importing into the archive the way a careful human would: a person or talk
 * already known is merged, never duplicated.
 *
 * - Same person: a shared strong identifier (same scheme and value), or the
 *   same normalised name (or alias) with no conflicting identifier (two
 *   different values of one scheme mean two people who share a name). A
 *   shared identifier wins over a differing name: people change names, and
 *   the old name is kept as an alias. When several people share the name,
 *   the one already credited with one of the incoming talks is chosen; if
 *   that does not decide, a new person is created and a warning says so.
 * - Same talk: same normalised title, overlapping speakers (the same person,
 *   or a person of the same name), and the same year when both know it. A
 *   talk without speakers is the same talk only at the same event.
 * - Same event: same normalised name and year.
 *
 * Everything happens in one read-write transaction: reads use a handful of
 * indexed bulk queries, matching runs in memory, and writes are one
 * `bulkPut` per table, so a 100,000-talk bundle costs no per-record awaits.
 */
import type { ImportResult, MergeCounts } from '../../shared/archive-format';
import type { ImportBundle, PodiumEvent, Source, Speaker, Talk } from '../../shared/types';
import type { Table } from 'dexie';
import type { PodiumDb } from '../db';
import { recordsFromBundle } from './drafts';
import { rankSources, type SourceRank } from './facts';
import { newId, stamp } from './ids';
import { absorbEvent, absorbSpeaker, absorbTalk, identifiersConflict, sameRecord, talkYear } from './records';
import { bumpRevision } from './revision';

/** Records to merge into the archive. Talks point at incoming speaker and event ids. */
export interface Incoming {
  sources: Source[];
  speakers: Speaker[];
  events: PodiumEvent[];
  talks: Talk[];
}

export interface MergeOptions {
  now?: Date;
  /** Treat an incoming record whose id is already stored as that record (merging one Podium archive into another). */
  matchById?: boolean;
  /**
   * Called inside the transaction after matching and before anything is
   * written, with what the merge will do. Stored versions of the records in
   * `plan.merged` are still readable there (an import session journals them).
   */
  beforeWrite?: (plan: MergePlan) => Promise<void> | void;
  /** Match only: run `beforeWrite`, then return the counts without writing anything (the import preview). */
  dryRun?: boolean;
}

/** What one merge will write, given to {@link MergeOptions.beforeWrite}. */
export interface MergePlan {
  /** Sources this merge adds. */
  sourceIds: string[];
  /** Incoming record id (`new:sp:3`, see drafts.ts) → archive id it becomes or merges into. */
  speakerMap: ReadonlyMap<string, string>;
  eventMap: ReadonlyMap<string, string>;
  talkMap: ReadonlyMap<string, string>;
  /** Archive ids written that did not exist before this merge. */
  created: { speakers: string[]; talks: string[]; events: string[] };
  /** Archive ids written that were already stored. */
  merged: { speakers: string[]; talks: string[]; events: string[] };
}

/** Multi-valued index kept in memory while matching: key → record ids. */
class KeyIndex {
  private map = new Map<string, Set<string>>();
  add(keys: readonly string[], id: string): void {
    for (const k of keys) {
      let ids = this.map.get(k);
      if (!ids) this.map.set(k, (ids = new Set()));
      ids.add(id);
    }
  }
  remove(keys: readonly string[], id: string): void {
    for (const k of keys) this.map.get(k)?.delete(id);
  }
  get(keys: readonly string[]): string[] {
    const out = new Set<string>();
    for (const k of keys) for (const id of this.map.get(k) ?? []) out.add(id);
    return [...out];
  }
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
 * big archive), one read of the whole table beats an `anyOf` that walks the
 * index key by key (measured in Chromium: 50,000 name keys and 100,000
 * titles took 15 s by index, a few seconds by scan). Returns every row of
 * the table, or `undefined` when the index is the better way.
 */
async function scanInstead<T>(table: Pick<Table<T, string>, 'count' | 'toArray'>, keys: number): Promise<T[] | undefined> {
  if (keys < SCAN_MIN_KEYS) return undefined;
  const rows = await table.count();
  return keys * SCAN_RATIO >= rows ? await table.toArray() : undefined;
}

/** Keys per stored row above which {@link scanInstead} reads the whole table: a key looked up costs several rows read. */
const SCAN_RATIO = 8;
/** Small imports always use the indexes. */
const SCAN_MIN_KEYS = 500;

/** Filters scanned rows to those with one of `keys` (what `where(index).anyOf(keys)` would return). */
function withAny<T>(rows: T[], keys: readonly string[], keysOf: (row: T) => readonly string[]): T[] {
  const wanted = new Set(keys);
  return rows.filter((r) => keysOf(r).some((k) => wanted.has(k)));
}

/**
 * Merges incoming records into the archive in one transaction and returns
 * what was created and merged. Nothing is written if anything fails.
 */
export async function mergeIncoming(db: PodiumDb, incoming: Incoming, opts: MergeOptions = {}): Promise<ImportResult> {
  const at = stamp(opts.now);
  const warnings: string[] = [];
  return db.transaction('rw', [db.sources, db.speakers, db.events, db.talks, db.meta], async () => {
    /* ---- sources ---- */
    const storedSources = await db.sources.toArray();
    const sourceById = new Map(storedSources.map((s) => [s.id, s]));
    const srcRemap = new Map<string, string>();
    const newSources: Source[] = [];
    for (const s of incoming.sources) {
      const stored = sourceById.get(s.id);
      if (stored && sameRecord(stored, s)) continue;
      const id = stored ? newId('src') : s.id;
      if (id !== s.id) srcRemap.set(s.id, id);
      const source = { ...s, id };
      newSources.push(source);
      sourceById.set(id, source);
    }
    const rank: SourceRank = rankSources(sourceById);
    const inc: Incoming = {
      sources: newSources,
      speakers: incoming.speakers.map((r) => remapSources(r, srcRemap)),
      events: incoming.events.map((r) => remapSources(r, srcRemap)),
      talks: incoming.talks.map((r) => remapSources(r, srcRemap)),
    };

    /* ---- reads: everything matching needs, in bulk ---- */
    const byId = <T>(rows: (T | undefined)[]) => rows.filter((r): r is T => r !== undefined);
    const eventKeys0 = [...new Set(inc.events.map((e) => e.eventKey))];
    const nameKeys0 = [...new Set(inc.speakers.flatMap((s) => s.nameKeys))];
    const idKeys0 = [...new Set(inc.speakers.flatMap((s) => s.idKeys))];
    const titleKeys0 = [...new Set(inc.talks.map((t) => t.titleKey))];
    const [speakerScan, talkScan] = await Promise.all([
      scanInstead(db.speakers, nameKeys0.length + idKeys0.length + (opts.matchById ? inc.speakers.length : 0)),
      scanInstead(db.talks, titleKeys0.length + (opts.matchById ? inc.talks.length : 0)),
    ]);
    const [eventsByKey, eventsById, speakersByName, speakersByIdKey, speakersById, talksByTitle, talksById] = await Promise.all([
      db.events.where('eventKey').anyOf(eventKeys0).toArray(),
      opts.matchById ? db.events.bulkGet(inc.events.map((e) => e.id)).then(byId) : [],
      speakerScan ? withAny(speakerScan, nameKeys0, (s) => s.nameKeys) : db.speakers.where('nameKeys').anyOf(nameKeys0).toArray(),
      speakerScan ? withAny(speakerScan, idKeys0, (s) => s.idKeys) : db.speakers.where('idKeys').anyOf(idKeys0).toArray(),
      !opts.matchById ? [] : speakerScan ? withAny(speakerScan, inc.speakers.map((s) => s.id), (s) => [s.id]) : db.speakers.bulkGet(inc.speakers.map((s) => s.id)).then(byId),
      talkScan ? withAny(talkScan, titleKeys0, (t) => [t.titleKey]) : db.talks.where('titleKey').anyOf(titleKeys0).toArray(),
      !opts.matchById ? [] : talkScan ? withAny(talkScan, inc.talks.map((t) => t.id), (t) => [t.id]) : db.talks.bulkGet(inc.talks.map((t) => t.id)).then(byId),
    ]);

    /* ---- events ---- */
    const events = new Map<string, PodiumEvent>();
    const eventKeys = new KeyIndex();
    for (const e of [...eventsByKey, ...eventsById]) {
      events.set(e.id, e);
      eventKeys.add([e.eventKey], e.id);
    }
    const eventMap = new Map<string, string>();
    const touchedEvents = new Set<string>();
    const eventCounts: MergeCounts = { created: 0, merged: 0 };
    for (const e of inc.events) {
      const target = (opts.matchById ? events.get(e.id) : undefined) ?? events.get(eventKeys.get([e.eventKey])[0] ?? '');
      if (target) {
        absorbEvent(rank, target, e, at);
        eventMap.set(e.id, target.id);
        eventCounts.merged++;
      } else {
        const id = opts.matchById && !e.id.startsWith('new:') ? e.id : newId('ev');
        const created = { ...e, id, createdAt: opts.matchById ? e.createdAt : at, updatedAt: opts.matchById ? e.updatedAt : at };
        events.set(id, created);
        eventKeys.add([created.eventKey], id);
        eventMap.set(e.id, id);
        eventCounts.created++;
      }
      touchedEvents.add(eventMap.get(e.id)!);
    }

    /* ---- speakers ---- */
    const speakers = new Map<string, Speaker>();
    const names = new KeyIndex();
    const idKeys = new KeyIndex();
    const track = (s: Speaker) => {
      speakers.set(s.id, s);
      names.add(s.nameKeys, s.id);
      idKeys.add(s.idKeys, s.id);
    };
    for (const s of [...speakersByName, ...speakersByIdKey, ...speakersById]) if (!speakers.has(s.id)) track(s);

    // Talk context: which stored talks each incoming speaker's talks could be.
    const titlesOf = new Map<string, Set<string>>();
    for (const t of inc.talks) for (const sid of t.speakerIds) (titlesOf.get(sid) ?? titlesOf.set(sid, new Set()).get(sid)!).add(t.titleKey);
    const storedTalksByTitle = new Map<string, Talk[]>();
    for (const t of talksByTitle) (storedTalksByTitle.get(t.titleKey) ?? storedTalksByTitle.set(t.titleKey, []).get(t.titleKey)!).push(t);
    const contextHits = (incomingId: string, candidate: string) => {
      let hits = 0;
      for (const key of titlesOf.get(incomingId) ?? []) for (const t of storedTalksByTitle.get(key) ?? []) if (t.speakerIds.includes(candidate)) hits++;
      return hits;
    };

    const speakerMap = new Map<string, string>();
    const touchedSpeakers = new Set<string>();
    const speakerCounts: MergeCounts = { created: 0, merged: 0 };
    const resolve = (s: Speaker): Speaker | undefined => {
      if (opts.matchById && speakers.has(s.id)) return speakers.get(s.id);
      const compatible = (ids: string[]) => ids.map((id) => speakers.get(id)!).filter((c) => !identifiersConflict(c, s) && !identifiersConflict(s, c));
      const byIdentifier = compatible(idKeys.get(s.idKeys));
      if (byIdentifier.length > 0) return byIdentifier[0];
      const byName = compatible(names.get(s.nameKeys));
      if (byName.length <= 1) return byName[0];
      const scored = byName.map((c) => ({ c, hits: contextHits(s.id, c.id) })).sort((a, b) => b.hits - a.hits);
      if (scored[0]!.hits > 0 && scored[0]!.hits > scored[1]!.hits) return scored[0]!.c;
      warnings.push(`${byName.length} people in the archive are named “${s.name}”; this one was kept apart. Merge by hand if they are the same.`);
      return undefined;
    };
    for (const s of inc.speakers) {
      const target = resolve(s);
      if (target) {
        names.remove(target.nameKeys, target.id);
        idKeys.remove(target.idKeys, target.id);
        absorbSpeaker(rank, target, s, at);
        track(target);
        speakerMap.set(s.id, target.id);
        speakerCounts.merged++;
      } else {
        const id = opts.matchById && !s.id.startsWith('new:') && !speakers.has(s.id) ? s.id : newId('sp');
        track({ ...s, id, createdAt: opts.matchById ? s.createdAt : at, updatedAt: opts.matchById ? s.updatedAt : at });
        speakerMap.set(s.id, id);
        speakerCounts.created++;
      }
      touchedSpeakers.add(speakerMap.get(s.id)!);
    }

    /* ---- talks ---- */
    const talks = new Map<string, Talk>();
    const titles = new KeyIndex();
    for (const t of [...talksByTitle, ...talksById]) {
      talks.set(t.id, t);
      titles.add([t.titleKey], t.id);
    }
    // Speakers and events of stored candidate talks, for name overlap and years.
    const missingSpeakers = [...new Set([...talks.values()].flatMap((t) => t.speakerIds))].filter((id) => !speakers.has(id));
    const missingEvents = [...new Set([...talks.values()].map((t) => t.eventId))].filter((id): id is string => !!id && !events.has(id));
    const [moreSpeakers, moreEvents] = await Promise.all([db.speakers.bulkGet(missingSpeakers), db.events.bulkGet(missingEvents)]);
    for (const s of byId(moreSpeakers)) speakers.set(s.id, s);
    for (const e of byId(moreEvents)) events.set(e.id, e);
    const sameSpeaker = (x: string, y: string) => {
      if (x === y) return true;
      const a = speakers.get(x);
      const b = speakers.get(y);
      return !!a && !!b && a.nameKeys.some((k) => b.nameKeys.includes(k)) && !identifiersConflict(a, b);
    };
    const eventOf = (t: Talk) => (t.eventId ? events.get(t.eventId) : undefined);
    const sameTalk = (a: Talk, b: Talk) => {
      const ya = talkYear(a, eventOf(a));
      const yb = talkYear(b, eventOf(b));
      if (ya !== undefined && yb !== undefined && ya !== yb) return false;
      if (a.speakerIds.length === 0 || b.speakerIds.length === 0) return !!a.eventId && a.eventId === b.eventId;
      return a.speakerIds.some((x) => b.speakerIds.some((y) => sameSpeaker(x, y)));
    };

    const touchedTalks = new Set<string>();
    const talkMap = new Map<string, string>();
    const talkCounts: MergeCounts = { created: 0, merged: 0 };
    for (const raw of inc.talks) {
      const eventId = raw.eventId === undefined ? undefined : eventMap.get(raw.eventId);
      const t: Talk = { ...raw, speakerIds: [...new Set(raw.speakerIds.map((id) => speakerMap.get(id) ?? id))] };
      if (eventId) t.eventId = eventId;
      else delete t.eventId;
      const target =
        (opts.matchById ? talks.get(t.id) : undefined) ??
        titles
          .get([t.titleKey])
          .map((id) => talks.get(id)!)
          .find((c) => sameTalk(c, t));
      if (target) {
        absorbTalk(rank, target, t, at, sameSpeaker);
        touchedTalks.add(target.id);
        talkMap.set(raw.id, target.id);
        talkCounts.merged++;
      } else {
        const id = opts.matchById && !t.id.startsWith('new:') && !talks.has(t.id) ? t.id : newId('tk');
        const created = { ...t, id, createdAt: opts.matchById ? t.createdAt : at, updatedAt: opts.matchById ? t.updatedAt : at };
        talks.set(id, created);
        titles.add([created.titleKey], id);
        touchedTalks.add(id);
        talkMap.set(raw.id, id);
        talkCounts.created++;
      }
    }

    /* ---- plan: for import sessions (journal) and the preview (dry run) ---- */
    if (opts.beforeWrite || opts.dryRun) {
      const storedIds = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
      const wasStored = {
        speakers: storedIds([...speakersByName, ...speakersByIdKey, ...speakersById]),
        talks: storedIds([...talksByTitle, ...talksById]),
        events: storedIds([...eventsByKey, ...eventsById]),
      };
      const split = (ids: Set<string>, stored: Set<string>) => [[...ids].filter((id) => !stored.has(id)), [...ids].filter((id) => stored.has(id))];
      const [cs, ms] = split(touchedSpeakers, wasStored.speakers);
      const [ct, mt] = split(touchedTalks, wasStored.talks);
      const [ce, me] = split(touchedEvents, wasStored.events);
      await opts.beforeWrite?.({
        sourceIds: newSources.map((s) => s.id),
        speakerMap,
        eventMap,
        talkMap,
        created: { speakers: cs!, talks: ct!, events: ce! },
        merged: { speakers: ms!, talks: mt!, events: me! },
      });
      if (opts.dryRun) return { sourceIds: [], speakers: speakerCounts, talks: talkCounts, events: eventCounts, warnings };
    }

    /* ---- writes: one bulk call per table ---- */
    const pick = <T>(map: Map<string, T>, ids: Set<string>) => [...ids].map((id) => map.get(id)!);
    // Issued together, so the worker serialises talks while the database still writes speakers.
    await Promise.all([
      newSources.length > 0 ? db.sources.bulkAdd(newSources) : undefined,
      db.events.bulkPut(pick(events, touchedEvents)),
      db.speakers.bulkPut(pick(speakers, touchedSpeakers)),
      db.talks.bulkPut(pick(talks, touchedTalks)),
      bumpRevision(db),
    ]);
    return {
      sourceIds: newSources.map((s) => s.id),
      speakers: speakerCounts,
      talks: talkCounts,
      events: eventCounts,
      warnings,
    };
  });
}

/**
 * Imports one importer bundle: a new source, its people, talks and events
 * merged into what the archive already knows. All or nothing.
 */
export async function importBundle(db: PodiumDb, bundle: ImportBundle, opts: Pick<MergeOptions, 'now' | 'beforeWrite' | 'dryRun'> = {}): Promise<ImportResult> {
  const { incoming, warnings } = recordsFromBundle(bundle, stamp(opts.now));
  const result = await mergeIncoming(db, incoming, opts);
  return { ...result, warnings: [...bundle.warnings, ...warnings, ...result.warnings] };
}
