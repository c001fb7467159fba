/**
 * Import sessions: many bundles (a whole pyvideo archive, 540 events) that
 * the user imports, watches and may cancel as one thing.
 *
 * Each request (one bundle, or a few the page batched: up to some
 * thousands of talks) is merged by `importBundles` in its own all-or-nothing
 * transaction, so the worker never holds more than one request's records.
 * Inside that same transaction (merge.ts `beforeWrite`) the session writes a
 * journal row to `meta`: the ids the bundle creates and the stored versions
 * of the records it merges into, read just before they are overwritten.
 * Because journal and merge commit together, the journal is exact even if
 * the worker stops between two bundles.
 *
 * - commit: deletes the journal rows; what was imported stays.
 * - abort: in one transaction, walks the journal newest first, deleting what
 *   each bundle created and putting back what it changed; the first
 *   snapshot of a record (taken before the session touched it) is applied
 *   last, so the archive ends exactly as it was before the session.
 * - a session the page abandoned (closed tab, crash) is rolled back when the
 *   next session starts, once it has been idle for {@link STALE_AFTER_MS}.
 *
 * Memory is bounded by one request in the worker; the journal lives on disk
 * (a few MB for the whole pyvideo archive: ids, and snapshots only of the
 * records that already existed). Hand edits made to records during a
 * session are undone by an abort along with the import; that is documented
 * in the import view.
 */
import type { ImportResult } from '../../shared/archive-format';
import type { ImportPreview, ImportSessionSummary, PreviewMatch } from '../../shared/messages';
import type { ImportBundle, PodiumEvent, Speaker, Talk } from '../../shared/types';
import type { PodiumDb } from '../db';
import { newId } from '../archive/ids';
import { importBundle, importBundles, type MergePlan } from '../archive/merge';
import { bumpRevision, noteSessionActivity, noteSessionEnded } from '../archive/revision';

const PREFIX = 'import-session:';
/** A session untouched this long, and never committed, is rolled back when another starts. */
export const STALE_AFTER_MS = 10 * 60 * 1000;

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
const summary = (s: SessionRow): ImportSessionSummary => ({ sessionId: s.sessionId, bundles: s.bundles, created: s.created, merged: s.merged });

async function getSession(db: PodiumDb, sessionId: string): Promise<SessionRow> {
  const row = (await db.meta.get(sessionKey(sessionId))) as SessionRow | undefined;
  if (!row) throw new Error('This import is no longer open (it was finished or cancelled); start it again.');
  return row;
}

/** Starts a session; rolls back sessions that were abandoned. */
export async function importSessionStart(db: PodiumDb, label: string, now = Date.now()): Promise<{ sessionId: string }> {
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
  noteSessionActivity(db, sessionId, now);
  return { sessionId };
}

/**
 * Merges one bundle, or several in one transaction (each as if added on its
 * own, in order), in the session; their journal row commits with them.
 */
export async function importSessionAdd(db: PodiumDb, sessionId: string, bundle: ImportBundle | readonly ImportBundle[]): Promise<ImportResult> {
  const bundles = Array.isArray(bundle) ? (bundle as readonly ImportBundle[]) : [bundle as ImportBundle];
  await getSession(db, sessionId);
  // The matcher and the search index wait for the session's end (archive/revision.ts).
  noteSessionActivity(db, sessionId);
  try {
    return await addToSession(db, sessionId, bundles);
  } finally {
    noteSessionActivity(db, sessionId);
  }
}

function addToSession(db: PodiumDb, sessionId: string, bundles: readonly ImportBundle[]): Promise<ImportResult> {
  return importBundles(db, bundles, {
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

/** Keeps what the session imported. */
export async function importSessionCommit(db: PodiumDb, sessionId: string): Promise<ImportSessionSummary> {
  try {
    return await db.transaction('rw', db.meta, async () => {
      const session = await getSession(db, sessionId);
      await db.meta.bulkDelete([...(await journalKeys(db, sessionId)), session.key]);
      return summary(session);
    });
  } finally {
    noteSessionEnded(db, sessionId);
  }
}

/** Puts the archive back as it was before the session, in one transaction. */
export async function importSessionAbort(db: PodiumDb, sessionId: string): Promise<ImportSessionSummary> {
  try {
    return await abortSession(db, sessionId);
  } finally {
    noteSessionEnded(db, sessionId);
  }
}

function abortSession(db: PodiumDb, sessionId: string): Promise<ImportSessionSummary> {
  return db.transaction('rw', [db.speakers, ...db.talks.scope, db.events, db.sources, db.meta], async () => {
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
