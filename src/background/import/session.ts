/**
 * Import sessions: many bundles (four schedule files, a whole pyvideo
 * archive of 540 events) that the user imports, watches and may cancel as
 * one thing.
 *
 * The worker keeps what the page sends (staging, in memory) and merges it
 * all at the commit, in one all-or-nothing transaction: each table is read
 * and written once for the whole import, whatever the number of files.
 * Merging file by file read every stored person and rewrote every talk
 * bucket once per file (4 files of 25,000 talks: 54 s against one merge's
 * ~15 s, measured through the import page). Cancel drops what is staged; a
 * worker stopped mid-import loses the staging, and the page is told the
 * import must be saved again (nothing was written).
 *
 * Memory stays bounded: past {@link STAGE_TALKS} staged talks the worker
 * writes what it holds as one journaled batch (`flush`) and stages on.
 * Each flush is merged by `mergePrepared` in its own transaction, and
 * inside it (merge.ts `beforeWrite`) the session writes a journal row to
 * `meta`: the ids the batch creates and the stored versions of the records
 * it merges into, read just before they are overwritten. Because journal and
 * merge commit together, the journal is exact even if the worker stops
 * between two batches.
 *
 * - commit: merges what is staged (journaled only if earlier batches were
 *   flushed), deletes the journal rows; what was imported stays.
 * - abort: drops the staging and, in one transaction, walks the journal
 *   newest first, deleting what each batch created and putting back what it
 *   changed, so the archive ends exactly as it was before the session.
 * - a session the page abandoned (closed tab, crash) is rolled back when the
 *   next session starts, once it has been idle for {@link STALE_AFTER_MS}.
 *
 * Hand edits made to records flushed during a session are undone by an
 * abort along with the import; that is documented in the import view.
 */
import type { ImportResult, MergeCounts } from '../../shared/archive-format';
import * as i18n from '../../shared/i18n';
import type { ImportPreview, ImportSessionSummary, PreviewMatch } from '../../shared/messages';
import type { ImportBundle, PodiumEvent, Speaker, Talk } from '../../shared/types';
import type { PodiumDb } from '../db';
import { newId, stamp } from '../archive/ids';
import { type Prepared, prepareBundle } from '../archive/drafts';
import { importBundle, mergePrepared, type MergePlan } from '../archive/merge';
import { bumpRevision } from '../archive/revision';
import { noteSessionActivity, noteSessionEnded } from '../archive/import-activity';

const PREFIX = 'import-session:';
/** A session untouched this long, and never committed, is rolled back when another starts. */
export const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Talks a session holds in the worker before it writes them as a journaled
 * batch: about 300 MB of worker memory at the most, and more talks than any
 * real schedule export has.
 */
export const STAGE_TALKS = 250_000;

/** What a session holds in the worker, not yet written. */
interface Stage {
  /**
   * Bundles made into records as they arrive, in order: the worker does it
   * while the page sends the next (2–3 s for 100,000 talks that the commit
   * no longer waits for).
   */
  prepared: Prepared[];
  /** The bundle that came last, as sent: the next request may carry more parts of it. */
  open: ImportBundle | undefined;
  talks: number;
  limit: number;
  /** Counts and warnings of the batches already flushed. */
  totals: ImportResult;
  /** Bundles received (a big file's parts count once): the page checks it before it builds on a staging sent ahead. */
  received: number;
  /** The requests of this session, run one after the other. */
  queue: Promise<unknown>;
}

/** Staged imports of this worker, by `<database>/<session id>`. */
const stages = new Map<string, Stage>();
const stageKey = (db: PodiumDb, sessionId: string) => `${db.name}/${sessionId}`;

/** Said when the worker restarted while it held part of an import. */
const lost = (): string => i18n.t('importSessionLost');

const noCounts = (): MergeCounts => ({ created: 0, merged: 0 });
const emptyResult = (): ImportResult => ({ sourceIds: [], speakers: noCounts(), talks: noCounts(), events: noCounts(), warnings: [] });

/** Adds `r`'s counts and warnings to `into` (warnings capped). */
function addResult(into: ImportResult, r: ImportResult): void {
  into.sourceIds.push(...r.sourceIds);
  for (const k of ['speakers', 'talks', 'events'] as const) {
    into[k].created += r[k].created;
    into[k].merged += r[k].merged;
  }
  for (const w of r.warnings) if (into.warnings.length < 1000) into.warnings.push(w);
}

/** Appends a continuation (the next part of one big file) to the bundle it continues. */
function appendPart(into: ImportBundle, part: ImportBundle): void {
  const speakers = new Set(into.speakers.map((x) => x.ref));
  const events = new Set(into.events.map((x) => x.ref));
  for (const x of part.speakers) if (!speakers.has(x.ref)) into.speakers.push(x);
  for (const x of part.events) if (!events.has(x.ref)) into.events.push(x);
  for (const t of part.talks) into.talks.push(t);
  for (const w of part.warnings) into.warnings.push(w);
}

type SessionRow = {
  key: string;
  sessionId: string;
  label: string;
  startedAt: string;
  touchedAt: number;
  bundles: number;
  created: ImportSessionSummary['created'];
  merged: ImportSessionSummary['merged'];
};

type JournalRow = {
  key: string;
  created: { speakers: string[]; talks: string[]; events: string[]; sources: string[] };
  before: { speakers: Speaker[]; talks: Talk[]; events: PodiumEvent[] };
};

const sessionKey = (id: string) => `${PREFIX}${id}`;
const journalPrefix = (id: string) => `${PREFIX}${id}/`;
const journalKey = (id: string, n: number) => `${journalPrefix(id)}${String(n).padStart(6, '0')}`;
const present = <T>(rows: (T | undefined)[]): T[] => rows.filter((r): r is T => r !== undefined);
const summary = (s: SessionRow): Omit<ImportSessionSummary, 'totals'> => ({ sessionId: s.sessionId, bundles: s.bundles, created: s.created, merged: s.merged });

async function getSession(db: PodiumDb, sessionId: string): Promise<SessionRow> {
  const row = (await db.meta.get(sessionKey(sessionId))) as SessionRow | undefined;
  if (!row) throw new Error(i18n.t('importSessionClosed'));
  return row;
}

/** What this worker stages for an open session; fails when the session is closed or the worker restarted since. */
async function heldStage(db: PodiumDb, sessionId: string): Promise<Stage> {
  await getSession(db, sessionId);
  const stage = stages.get(stageKey(db, sessionId));
  if (!stage) throw new Error(lost());
  return stage;
}

/** Starts a session; rolls back sessions that were abandoned. `stageTalks`: see {@link STAGE_TALKS} (tests set it low). */
export async function importSessionStart(db: PodiumDb, label: string, now = Date.now(), stageTalks = STAGE_TALKS): Promise<{ sessionId: string }> {
  const open = (await db.meta.where('key').startsWith(PREFIX).toArray()).filter((r) => !String(r.key).includes('/')) as unknown as SessionRow[];
  for (const s of open) if (now - s.touchedAt > STALE_AFTER_MS) await importSessionAbort(db, s.sessionId);
  const sessionId = newId('undo').replace(/^undo/, 'imp');
  const row: SessionRow = {
    key: sessionKey(sessionId),
    sessionId,
    label: label.slice(0, 200),
    startedAt: new Date(now).toISOString(),
    touchedAt: now,
    bundles: 0,
    created: { speakers: 0, talks: 0, events: 0, sources: 0 },
    merged: { speakers: 0, talks: 0, events: 0 },
  };
  await db.meta.put(row);
  stages.set(stageKey(db, sessionId), { prepared: [], open: undefined, talks: 0, limit: stageTalks, totals: emptyResult(), received: 0, queue: Promise.resolve() });
  noteSessionActivity(db, sessionId, now);
  return { sessionId };
}

/**
 * Takes one bundle, or several, into the session: staged in the worker, or
 * merged at once when the staging is full (see {@link STAGE_TALKS}).
 * `continues`: the first bundle is the next part of the last one staged (a
 * big file the page sent in parts), so the file stays one source.
 * `stageOnly`: the page sends ahead, before the user pressed Save; nothing
 * may be written then, so a bundle that would fill the staging is refused.
 * Returns the counts of what was written now (nothing, while staging).
 */
export function importSessionAdd(
  db: PodiumDb,
  sessionId: string,
  bundle: ImportBundle | readonly ImportBundle[],
  opts: { continues?: boolean; stageOnly?: boolean } = {},
): Promise<ImportResult> {
  // One request after the other, in the order they came: the page sends the next while this one is staged.
  const stage = stages.get(stageKey(db, sessionId));
  const run = () => addNow(db, sessionId, bundle, opts);
  if (!stage) return run();
  const next = stage.queue.then(run, run);
  stage.queue = next.catch(() => undefined);
  return next;
}

async function addNow(
  db: PodiumDb,
  sessionId: string,
  bundle: ImportBundle | readonly ImportBundle[],
  { continues = false, stageOnly = false }: { continues?: boolean; stageOnly?: boolean },
): Promise<ImportResult> {
  const bundles = Array.isArray(bundle) ? (bundle as readonly ImportBundle[]) : [bundle as ImportBundle];
  const stage = await heldStage(db, sessionId);
  if (stageOnly && stage.talks + bundles.reduce((n, b) => n + b.talks.length, 0) > stage.limit) throw new Error(i18n.t('importSessionFull'));
  // The matcher and the search index wait for the session's end (archive/revision.ts).
  noteSessionActivity(db, sessionId);
  bundles.forEach((b, i) => {
    if (i === 0 && continues && stage.open && stage.open.source.name === b.source.name) appendPart(stage.open, b);
    else {
      close(stage);
      stage.open = b;
      stage.received++;
    }
    stage.talks += b.talks.length;
  });
  if (stage.talks <= stage.limit) return emptyResult();
  try {
    return await flush(db, sessionId, stage);
  } finally {
    noteSessionActivity(db, sessionId);
  }
}

/**
 * What the worker holds of a session: the bundles received. Fails when the
 * worker restarted since (the staging is gone) or the session was closed.
 */
export async function importSessionStaged(db: PodiumDb, sessionId: string): Promise<{ bundles: number }> {
  const stage = await heldStage(db, sessionId);
  await stage.queue;
  return { bundles: stage.received };
}

/** Makes the open bundle into records: no more parts of it will come. */
function close(stage: Stage): void {
  if (!stage.open) return;
  stage.prepared.push(prepareBundle(stage.open, stamp(), stage.prepared.length));
  stage.open = undefined;
}

/** Everything staged, as records, in order; the stage is left empty. */
function takeStaged(stage: Stage): Prepared[] {
  close(stage);
  const prepared = stage.prepared;
  stage.prepared = [];
  stage.talks = 0;
  return prepared;
}

/** Writes what is staged as one journaled batch. */
async function flush(db: PodiumDb, sessionId: string, stage: Stage): Promise<ImportResult> {
  const r = await addToSession(db, sessionId, takeStaged(stage));
  addResult(stage.totals, r);
  return r;
}

function addToSession(db: PodiumDb, sessionId: string, bundles: readonly Prepared[]): Promise<ImportResult> {
  return mergePrepared(db, bundles, {
    beforeWrite: async (plan: MergePlan) => {
      // Same transaction as the merge: the session row and the stored records are read as they are now.
      const session = await getSession(db, sessionId);
      const [speakers, talks, events] = await Promise.all([
        db.speakers.bulkGet(plan.merged.speakers),
        db.talks.bulkGet(plan.merged.talks),
        db.events.bulkGet(plan.merged.events),
      ]);
      const journal: JournalRow = {
        key: journalKey(sessionId, session.bundles),
        created: { ...plan.created, sources: plan.sourceIds },
        before: { speakers: present(speakers), talks: present(talks), events: present(events) },
      };
      session.bundles += bundles.length;
      session.touchedAt = Date.now();
      session.created.speakers += plan.created.speakers.length;
      session.created.talks += plan.created.talks.length;
      session.created.events += plan.created.events.length;
      session.created.sources += plan.sourceIds.length;
      session.merged.speakers += plan.merged.speakers.length;
      session.merged.talks += plan.merged.talks.length;
      session.merged.events += plan.merged.events.length;
      await db.meta.bulkPut([journal, session]);
    },
  });
}

async function journalKeys(db: PodiumDb, sessionId: string): Promise<string[]> {
  return (await db.meta.where('key').startsWith(journalPrefix(sessionId)).primaryKeys()) as string[];
}

/**
 * Keeps what the session imported: merges what is staged, then forgets the
 * journal. With nothing flushed before, the merge and the end of the session
 * are one transaction and need no journal; otherwise the last batch is
 * journaled like the others, and a failure leaves the session to be aborted.
 */
export async function importSessionCommit(db: PodiumDb, sessionId: string): Promise<ImportSessionSummary> {
  try {
    const stage = stages.get(stageKey(db, sessionId));
    if (!stage) {
      await getSession(db, sessionId);
      throw new Error(lost());
    }
    await stage.queue; // requests still being staged
    close(stage); // outside the transaction: no more parts will come
    const staged = stage.prepared.length > 0;
    const flushed = (await getSession(db, sessionId)).bundles > 0;
    if (staged && flushed) await flush(db, sessionId, stage);
    const result = await db.transaction('rw', [db.sources, ...db.speakers.scope, db.events, ...db.talks.scope, db.meta], async () => {
      const session = await getSession(db, sessionId);
      if (staged && !flushed) {
        const bundles = takeStaged(stage);
        const r = await mergePrepared(db, bundles);
        addResult(stage.totals, r);
        session.bundles += bundles.length;
        session.created.sources += r.sourceIds.length;
        for (const k of ['speakers', 'talks', 'events'] as const) {
          session.created[k] += r[k].created;
          session.merged[k] += r[k].merged;
        }
      }
      await db.meta.bulkDelete([...(await journalKeys(db, sessionId)), session.key]);
      return { ...summary(session), totals: stage.totals };
    });
    stages.delete(stageKey(db, sessionId));
    return result;
  } finally {
    noteSessionEnded(db, sessionId);
  }
}

/** Puts the archive back as it was before the session, in one transaction. */
export async function importSessionAbort(db: PodiumDb, sessionId: string): Promise<ImportSessionSummary> {
  const stage = stages.get(stageKey(db, sessionId));
  stages.delete(stageKey(db, sessionId));
  // A request already past its staging (a journaled batch being written) finishes first, so the journal holds it.
  await stage?.queue;
  try {
    return await abortSession(db, sessionId);
  } finally {
    noteSessionEnded(db, sessionId);
  }
}

function abortSession(db: PodiumDb, sessionId: string): Promise<ImportSessionSummary> {
  return db.transaction('rw', [...db.speakers.scope, ...db.talks.scope, db.events, db.sources, db.meta], async () => {
    const session = await getSession(db, sessionId);
    const keys = (await journalKeys(db, sessionId)).sort().reverse();
    // One journal row at a time, newest first: memory holds one bundle's journal.
    for (const key of keys) {
      const row = (await db.meta.get(key)) as JournalRow | undefined;
      if (!row) continue;
      await Promise.all([
        db.speakers.bulkDelete(row.created.speakers),
        db.talks.bulkDelete(row.created.talks),
        db.events.bulkDelete(row.created.events),
        db.sources.bulkDelete(row.created.sources),
      ]);
      await Promise.all([db.speakers.bulkPut(row.before.speakers), db.talks.bulkPut(row.before.talks), db.events.bulkPut(row.before.events)]);
    }
    await db.meta.bulkDelete([...keys, session.key]);
    if (keys.length) await bumpRevision(db);
    return summary(session);
  });
}

/**
 * The import review's question: what would this bundle create, and which
 * stored people, talks and events would it merge with? Runs the archive's
 * own matching (merge.ts, `dryRun`) and writes nothing.
 */
export async function previewBundle(db: PodiumDb, bundle: ImportBundle): Promise<ImportPreview> {
  const matches: Pick<ImportPreview, 'speakers' | 'talks' | 'events'> = { speakers: [], talks: [], events: [] };
  const result = await importBundle(db, bundle, {
    dryRun: true,
    beforeWrite: async (plan) => {
      const [speakers, talks, events] = await Promise.all([
        db.speakers.bulkGet(plan.merged.speakers),
        db.talks.bulkGet(plan.merged.talks),
        db.events.bulkGet(plan.merged.events),
      ]);
      const label = new Map<string, string>([
        ...present(speakers).map((s) => [s.id, s.name] as const),
        ...present(talks).map((t) => [t.id, t.title] as const),
        ...present(events).map((e) => [e.id, e.name] as const),
      ]);
      // drafts.ts names incoming records `new:<kind>:<index in the bundle>`.
      const collect = (map: ReadonlyMap<string, string>, kind: string, out: PreviewMatch[]) => {
        for (const [incoming, id] of map) {
          const m = /^new:(\w+):(\d+)$/.exec(incoming);
          const name = label.get(id);
          if (m && m[1] === kind && name !== undefined) out.push({ index: Number(m[2]), id, label: name });
        }
      };
      collect(plan.speakerMap, 'sp', matches.speakers);
      collect(plan.talkMap, 'tk', matches.talks);
      collect(plan.eventMap, 'ev', matches.events);
    },
  });
  return { result, ...matches };
}
