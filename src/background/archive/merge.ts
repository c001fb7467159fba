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
 *
 * The stages, in the order they run: merge-candidates.ts reads, merge-match.ts
 * matches, and {@link mergeIncomingBatch} below plans and writes.
 */
import Dexie from 'dexie';
import type { ImportResult } from '../../shared/archive-format';
import { nextTask } from '../../shared/next-task';
import { SLICE_MS } from '../slices';
import type { ImportBundle } from '../../shared/types';
import type { PodiumDb } from '../db';
import { type Incoming, type Prepared, prepareBundle, recordsFromBundle } from './drafts';
import { stamp } from './ids';
import { readCandidates, readSources } from './merge-candidates';
import { type Breather, type MergeContext, type Matched, matchEvents, matchSpeakers, matchTalks, startMatching } from './merge-match';
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
  const matchById = !!opts.matchById;
  return db.transaction('rw', [db.sources, ...db.speakers.scope, db.events, ...db.talks.scope, db.meta], async () => {
    const sources = await readSources(db, batch);
    const stored = await readCandidates(db, sources, matchById);
    const ctx = startMatching({ db, at, warnings, matchById }, sources, stored);
    // Talks only read events and people, so once the last set's people are
    // matched both are final and can be written while the talks are matched.
    // Not when a plan must be shown first: `beforeWrite` reads the stored
    // versions of what the merge changes, and a dry run writes nothing.
    const writeEarly = !opts.beforeWrite && !opts.dryRun;
    let started: Promise<unknown>[] | undefined;
    const breather = transactionSlices();
    for (const [n, group] of sources.groups.entries()) {
      matchEvents(ctx, group);
      await matchSpeakers(ctx, group, breather);
      if (writeEarly && n === sources.groups.length - 1) started = writeEventsAndPeople(ctx);
      // Not sliced: the people's writes may be in flight, and a pause's request would queue behind them.
      matchTalks(ctx, group);
    }
    if (opts.beforeWrite || opts.dryRun) {
      await opts.beforeWrite?.(planOf(ctx));
      if (opts.dryRun) return resultOf(ctx, []);
    }
    await Promise.all([...(started ?? writeEventsAndPeople(ctx)), writeTalks(ctx), bumpRevision(db)]);
    return resultOf(ctx, ctx.sources.newSources.map((s) => s.id));
  });
}

/**
 * Slices of matching people inside the merge's transaction, so that the
 * worker answers a keystroke or a page between them (matching 50,000
 * people held it 1.2 s in Chromium). The pause waits for the next task
 * while keeping the transaction alive with reads (a plain timer would let
 * it commit); those reads queue behind the transaction's writes, so only
 * work done before any write is sliced (sliced talk matching, behind the
 * people's writes, made a Firefox import 5 s slower).
 */
function transactionSlices(): Breather {
  let since = performance.now();
  return {
    due: () => performance.now() - since > SLICE_MS,
    async pause() {
      await Dexie.waitFor(nextTask());
      since = performance.now();
    },
  };
}

/** The plan, for import sessions (their journal) and the preview (dry run): what is created, what merged. */
function planOf(ctx: MergeContext): MergePlan {
  const { stored } = ctx;
  const speakers = splitByStored(ctx.speakers.touched, stored.speakers.values());
  const talks = splitByStored(ctx.talks.touched, stored.talks.values());
  const events = splitByStored(ctx.events.touched, stored.events);
  return {
    sourceIds: ctx.sources.newSources.map((s) => s.id),
    speakerMap: ctx.speakers.map,
    eventMap: ctx.events.map,
    talkMap: ctx.talks.map,
    created: { speakers: speakers.created, talks: talks.created, events: events.created },
    merged: { speakers: speakers.merged, talks: talks.merged, events: events.merged },
  };
}

/** Splits written ids into those new to the archive and those among `stored`. */
function splitByStored(ids: Set<string>, stored: Iterable<{ id: string }>): { created: string[]; merged: string[] } {
  const wasStored = new Set([...stored].map((r) => r.id));
  return { created: [...ids].filter((id) => !wasStored.has(id)), merged: [...ids].filter((id) => wasStored.has(id)) };
}

// Writes: one bulk call per table, in key order. Chromium's IndexedDB
// (LevelDB underneath) spends about a quarter less CPU on keys that arrive
// in order than on scattered ones (measured in its trace, 60,000 talks).

/** The written records of one table, sorted by id. */
function inKeyOrder<T>(m: Matched<T>): T[] {
  return [...m.touched].sort().map((id) => m.byId.get(id)!);
}

/** Starts writing the new sources, events and people; returns the pending writes. */
function writeEventsAndPeople({ db, sources, events, speakers }: MergeContext): Promise<unknown>[] {
  const writes = [sources.newSources.length > 0 ? db.sources.bulkAdd(sources.newSources) : Promise.resolve(), db.events.bulkPut(inKeyOrder(events)), db.speakers.bulkPut(inKeyOrder(speakers))];
  // Awaited with the talks; should matching throw first, the transaction aborts and these rejections are expected.
  for (const w of writes) w.catch(() => undefined);
  return writes;
}

/** Starts writing the talks, last: they are final only once all of them are matched. */
function writeTalks({ db, talks }: MergeContext): Promise<unknown> {
  return db.talks.bulkPut(inKeyOrder(talks));
}

/** The import result: the counts and warnings of the whole batch, and the sources it added. */
function resultOf(ctx: MergeContext, sourceIds: string[]): ImportResult {
  return { sourceIds, speakers: ctx.speakers.counts, talks: ctx.talks.counts, events: ctx.events.counts, warnings: ctx.warnings };
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
export function importBundles(db: PodiumDb, bundles: readonly ImportBundle[], opts: Pick<MergeOptions, 'now' | 'beforeWrite' | 'dryRun'> = {}): Promise<ImportResult> {
  return mergePrepared(
    db,
    bundles.map((bundle, n) => prepareBundle(bundle, stamp(opts.now), n)),
    opts,
  );
}

/** {@link importBundles} of bundles already made into records (`prepareBundle`, in order): an import session makes them as they arrive. */
export async function mergePrepared(db: PodiumDb, prepared: readonly Prepared[], opts: Pick<MergeOptions, 'now' | 'beforeWrite' | 'dryRun'> = {}): Promise<ImportResult> {
  const result = await mergeIncomingBatch(
    db,
    prepared.map((p) => p.incoming),
    opts,
  );
  return { ...result, warnings: [...prepared.flatMap((p) => p.warnings), ...result.warnings] };
}
