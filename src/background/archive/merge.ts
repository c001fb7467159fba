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
 * Writing is most of a big import's time (Chromium's IndexedDB stores about
 * 10,000 records a second here), so the database starts on events and people
 * as soon as they are final, while the talks are still being matched, and
 * every table is written in key order.
 */
import type { ImportResult, MergeCounts } from '../../shared/archive-format';
import * as i18n from '../../shared/i18n';
import type { ImportBundle, PodiumEvent, Source, Speaker, Talk } from '../../shared/types';
import type { Table } from 'dexie';
import type { PodiumDb } from '../db';
import { type Incoming, recordsFromBundle } from './drafts';
import { rankSources, type SourceRank } from './facts';
import { newId, stamp } from './ids';
import { absorbEvent, absorbSpeaker, absorbTalk, identifiersConflict, sameRecord, talkYear } from './records';
import { bumpRevision } from './revision';


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
async function rowsWithAny<T extends { id: string }>(table: Pick<Table<T, string, any>, 'where'>, index: string, keys: readonly string[], scan?: T[], keysOf?: (row: T) => readonly string[]): Promise<T[]> {
  if (keys.length === 0) return [];
  if (scan && keysOf) return withAny(scan, keys, keysOf);
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

/**
 * Merges incoming records into the archive in one transaction and returns
 * what was created and merged. Nothing is written if anything fails.
 */
export async function mergeIncoming(db: PodiumDb, incoming: Incoming, opts: MergeOptions = {}): Promise<ImportResult> {
  return mergeIncomingBatch(db, [incoming], opts);
}

/**
 * Merges several incoming sets (bundles) in one transaction, each as if it
 * had been merged on its own after the ones before it: its events, people
 * and talks are matched against the archive and against what the earlier
 * sets created. Incoming ids must be unique across the sets. The result and
 * the plan are those of the whole batch.
 */
export async function mergeIncomingBatch(db: PodiumDb, batch: Incoming[], opts: MergeOptions = {}): Promise<ImportResult> {
  const at = stamp(opts.now);
  const warnings: string[] = [];
  return db.transaction('rw', [db.sources, db.speakers, db.events, ...db.talks.scope, db.meta], async () => {
    const byId = <T>(rows: (T | undefined)[]) => rows.filter((r): r is T => r !== undefined);
    /* ---- sources: only those the records in play cite ---- */
    const all: Incoming = { sources: [], speakers: [], events: [], talks: [] };
    for (const inc of batch) for (const k of ['sources', 'speakers', 'events', 'talks'] as const) for (const r of inc[k]) (all[k] as unknown[]).push(r);
    const sourceById = new Map<string, Source>();
    const loadSources = async (records: unknown[]) => {
      const cited = new Set<string>();
      for (const r of records) citedSources(r, cited);
      const missing = [...cited].filter((id) => !sourceById.has(id));
      for (const s of byId(await db.sources.bulkGet(missing))) sourceById.set(s.id, s);
    };
    const storedIncoming = byId(await db.sources.bulkGet(all.sources.map((s) => s.id)));
    const storedSource = new Map(storedIncoming.map((s) => [s.id, s]));
    for (const s of storedIncoming) sourceById.set(s.id, s);
    const srcRemap = new Map<string, string>();
    const newSources: Source[] = [];
    for (const s of all.sources) {
      const stored = storedSource.get(s.id);
      if (stored && sameRecord(stored, s)) continue;
      const id = stored ? newId('src') : s.id;
      if (id !== s.id) srcRemap.set(s.id, id);
      const source = id === s.id ? s : { ...s, id };
      newSources.push(source);
      sourceById.set(id, source);
    }
    const rank: SourceRank = rankSources(sourceById);
    const groups: Incoming[] = batch.map((inc) => ({
      sources: [],
      speakers: inc.speakers.map((r) => remapSources(r, srcRemap)),
      events: inc.events.map((r) => remapSources(r, srcRemap)),
      talks: inc.talks.map((r) => remapSources(r, srcRemap)),
    }));
    const inc: Incoming = { sources: newSources, speakers: groups.flatMap((g) => g.speakers), events: groups.flatMap((g) => g.events), talks: groups.flatMap((g) => g.talks) };

    /* ---- reads: everything matching needs, in bulk, before any matching ---- */
    const eventKeys0 = [...new Set(inc.events.map((e) => e.eventKey))];
    const nameKeys0 = [...new Set(inc.speakers.flatMap((s) => s.nameKeys))];
    const idKeys0 = [...new Set(inc.speakers.flatMap((s) => s.idKeys))];
    const titleKeys0 = new Set(inc.talks.map((t) => t.titleKey));
    // 1. Stored events and people the incoming ones could be.
    const speakerScan = await scanInstead<Speaker>(db.speakers, nameKeys0.length + idKeys0.length + (opts.matchById ? inc.speakers.length : 0));
    const [eventsByKey, eventsById, speakersByName, speakersByIdKey, speakersById, talksById] = await Promise.all([
      rowsWithAny(db.events, 'eventKey', eventKeys0),
      opts.matchById ? db.events.bulkGet(inc.events.map((e) => e.id)).then(byId) : [],
      rowsWithAny(db.speakers, 'nameKeys', nameKeys0, speakerScan, (s) => s.nameKeys),
      rowsWithAny(db.speakers, 'idKeys', idKeys0, speakerScan, (s) => s.idKeys),
      !opts.matchById ? [] : speakerScan ? rowsWithAny(db.speakers, ':id', inc.speakers.map((s) => s.id), speakerScan, (s) => [s.id]) : db.speakers.bulkGet(inc.speakers.map((s) => s.id)).then(byId),
      !opts.matchById ? [] : db.talks.bulkGet(inc.talks.map((t) => t.id)).then(byId),
    ]);
    const candidates = new Map<string, Speaker>();
    for (const s of [...speakersByName, ...speakersByIdKey, ...speakersById]) candidates.set(s.id, s);
    // 2. People who share another name of a stored candidate: a merged person
    //    keeps their stored names, and a talk credited to a namesake is the same talk.
    const known = new Set(nameKeys0);
    const extraKeys = [...new Set([...candidates.values()].flatMap((s) => s.nameKeys))].filter((k) => !known.has(k));
    const namesakes = new Map<string, Speaker>();
    for (const s of await rowsWithAny(db.speakers, 'nameKeys', extraKeys, speakerScan, (s) => s.nameKeys)) if (!candidates.has(s.id)) namesakes.set(s.id, s);
    // 3. Stored talks that could be an incoming one: same title, and a speaker
    //    among those people (same talk needs overlapping speakers) or, for talks
    //    without speakers, the same event.
    const speakerKeys = [...candidates.keys(), ...namesakes.keys()];
    const eventIds0 = [...new Set([...eventsByKey, ...eventsById].map((e) => e.id))];
    const talkScan = await scanInstead<Talk>(db.talks, speakerKeys.length + eventIds0.length + (opts.matchById ? inc.talks.length : 0));
    const [talksBySpeaker, talksByEvent] = talkScan
      ? [withAny(talkScan, speakerKeys, (t) => t.speakerIds), withAny(talkScan, eventIds0, (t) => (t.eventId ? [t.eventId] : []))]
      : await Promise.all([db.talks.ofSpeakers(speakerKeys), db.talks.ofEvents(eventIds0)]);
    const storedTalks = new Map<string, Talk>();
    for (const t of [...talksBySpeaker, ...talksByEvent]) if (titleKeys0.has(t.titleKey)) storedTalks.set(t.id, t);
    for (const t of talksById) storedTalks.set(t.id, t);
    // 4. Co-speakers and events of those talks (name overlap, years), and every source cited.
    const others = new Map<string, Speaker>(namesakes);
    const otherEvents = new Map<string, PodiumEvent>();
    const missingSpeakers = [...new Set([...storedTalks.values()].flatMap((t) => t.speakerIds))].filter((id) => !candidates.has(id) && !others.has(id));
    const missingEvents = [...new Set([...storedTalks.values()].map((t) => t.eventId))].filter((id): id is string => !!id && !eventIds0.includes(id));
    const [moreSpeakers, moreEvents] = await Promise.all([db.speakers.bulkGet(missingSpeakers), db.events.bulkGet(missingEvents)]);
    for (const s of byId(moreSpeakers)) others.set(s.id, s);
    for (const e of byId(moreEvents)) otherEvents.set(e.id, e);
    await loadSources([...eventsByKey, ...eventsById, ...candidates.values(), ...storedTalks.values()]);

    /* ---- matching state ---- */
    const events = new Map<string, PodiumEvent>();
    const eventKeys = new KeyIndex();
    for (const e of [...eventsByKey, ...eventsById]) {
      events.set(e.id, e);
      eventKeys.add([e.eventKey], e.id);
    }
    const speakers = new Map<string, Speaker>();
    const names = new KeyIndex();
    const idKeys = new KeyIndex();
    const track = (s: Speaker) => {
      speakers.set(s.id, s);
      names.add(s.nameKeys, s.id);
      idKeys.add(s.idKeys, s.id);
    };
    for (const s of candidates.values()) track(s);
    const talks = new Map<string, Talk>();
    const titles = new KeyIndex();
    for (const t of storedTalks.values()) {
      talks.set(t.id, t);
      titles.add([t.titleKey], t.id);
    }
    const eventMap = new Map<string, string>();
    const speakerMap = new Map<string, string>();
    const talkMap = new Map<string, string>();
    const touchedEvents = new Set<string>();
    const touchedSpeakers = new Set<string>();
    const touchedTalks = new Set<string>();
    const eventCounts: MergeCounts = { created: 0, merged: 0 };
    const speakerCounts: MergeCounts = { created: 0, merged: 0 };
    const talkCounts: MergeCounts = { created: 0, merged: 0 };

    const speakerOf = (id: string) => speakers.get(id) ?? others.get(id);
    const sameSpeaker = (x: string, y: string) => {
      if (x === y) return true;
      const a = speakerOf(x);
      const b = speakerOf(y);
      return !!a && !!b && a.nameKeys.some((k) => b.nameKeys.includes(k)) && !identifiersConflict(a, b);
    };
    const eventOf = (t: Talk) => (t.eventId ? (events.get(t.eventId) ?? otherEvents.get(t.eventId)) : undefined);
    const sameTalk = (a: Talk, b: Talk) => {
      const ya = talkYear(a, eventOf(a));
      const yb = talkYear(b, eventOf(b));
      if (ya !== undefined && yb !== undefined && ya !== yb) return false;
      if (a.speakerIds.length === 0 || b.speakerIds.length === 0) return !!a.eventId && a.eventId === b.eventId;
      return a.speakerIds.some((x) => b.speakerIds.some((y) => sameSpeaker(x, y)));
    };

    /* ---- writes: one bulk call per table, in key order ---- */
    // Chromium's IndexedDB (LevelDB underneath) spends about a quarter less
    // CPU on keys that arrive in order than on scattered ones (measured in
    // its trace, 60,000 talks).
    const pick = <T>(map: Map<string, T>, ids: Set<string>) => [...ids].sort().map((id) => map.get(id)!);
    const writes: Promise<unknown>[] = [];
    const writeEventsAndPeople = () => {
      writes.push(
        newSources.length > 0 ? db.sources.bulkAdd(newSources) : Promise.resolve(),
        db.events.bulkPut(pick(events, touchedEvents)),
        db.speakers.bulkPut(pick(speakers, touchedSpeakers)),
      );
      // Awaited with the talks; should matching throw first, the transaction aborts and these rejections are expected.
      for (const w of writes) w.catch(() => undefined);
    };
    // Talks only read events and people, so once the last group's people are
    // matched both are final and can be written while the talks are matched.
    // Not when a plan must be shown first: `beforeWrite` reads the stored
    // versions of what the merge changes, and a dry run writes nothing.
    const writeEarly = !opts.beforeWrite && !opts.dryRun;

    for (const [n, group] of groups.entries()) {
      /* ---- events ---- */
      for (const e of group.events) {
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
      // Talk context: which known talks each incoming speaker's talks could be
      // (stored ones, and those earlier groups of this batch wrote).
      // Built on first use: only people whose name several candidates share need it.
      let titlesOf: Map<string, Set<string>> | undefined;
      const contextHits = (incomingId: string, candidate: string) => {
        if (!titlesOf) {
          titlesOf = new Map();
          for (const t of group.talks) for (const sid of t.speakerIds) (titlesOf.get(sid) ?? titlesOf.set(sid, new Set()).get(sid)!).add(t.titleKey);
        }
        let hits = 0;
        for (const key of titlesOf.get(incomingId) ?? []) for (const id of titles.get([key])) if (talks.get(id)!.speakerIds.includes(candidate)) hits++;
        return hits;
      };
      const resolve = (s: Speaker): Speaker | undefined => {
        if (opts.matchById && speakers.has(s.id)) return speakers.get(s.id);
        const compatible = (ids: string[]) => ids.map((id) => speakers.get(id)!).filter((c) => !identifiersConflict(c, s) && !identifiersConflict(s, c));
        const byIdentifier = compatible(idKeys.get(s.idKeys));
        if (byIdentifier.length > 0) return byIdentifier[0];
        const byName = compatible(names.get(s.nameKeys));
        if (byName.length <= 1) return byName[0];
        const scored = byName.map((c) => ({ c, hits: contextHits(s.id, c.id) })).sort((a, b) => b.hits - a.hits);
        if (scored[0]!.hits > 0 && scored[0]!.hits > scored[1]!.hits) return scored[0]!.c;
        warnings.push(i18n.t('importWarnSameNameKeptApart', byName.length, s.name));
        return undefined;
      };
      for (const s of group.speakers) {
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
      if (writeEarly && n === groups.length - 1) writeEventsAndPeople();

      /* ---- talks ---- */
      for (const raw of group.talks) {
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
          if (opts.matchById) t.id = id;
          else Object.assign(t, { id, createdAt: at, updatedAt: at });
          talks.set(id, t);
          titles.add([t.titleKey], id);
          touchedTalks.add(id);
          talkMap.set(raw.id, id);
          talkCounts.created++;
        }
      }
    }

    /* ---- plan: for import sessions (journal) and the preview (dry run) ---- */
    if (opts.beforeWrite || opts.dryRun) {
      const storedIds = (rows: Iterable<{ id: string }>) => new Set([...rows].map((r) => r.id));
      const wasStored = {
        speakers: storedIds(candidates.values()),
        talks: storedIds(storedTalks.values()),
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

    /* ---- writes (events and people may already be under way) ---- */
    if (writes.length === 0) writeEventsAndPeople();
    await Promise.all([...writes, db.talks.bulkPut(pick(talks, touchedTalks)), bumpRevision(db)]);
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

/**
 * Imports several bundles in one transaction, each merged as if imported on
 * its own after the ones before it (each its own source, stamped in order).
 * All or nothing; the counts and warnings are those of all the bundles.
 */
export async function importBundles(db: PodiumDb, bundles: readonly ImportBundle[], opts: Pick<MergeOptions, 'now' | 'beforeWrite' | 'dryRun'> = {}): Promise<ImportResult> {
  const warnings: string[] = [];
  const batch = bundles.map((bundle, n) => {
    const records = recordsFromBundle(bundle, stamp(opts.now), n === 0 ? '' : `${n}.`);
    warnings.push(...bundle.warnings, ...records.warnings);
    return records.incoming;
  });
  const result = await mergeIncomingBatch(db, batch, opts);
  return { ...result, warnings: [...warnings, ...result.warnings] };
}
