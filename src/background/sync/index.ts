/**
 * Settings that follow the user: the worker's one sync engine per archive,
 * wired to the browser's storage and site permissions, and the hand-edit
 * functions the message handlers call so that each edit joins the recipe.
 */
import { parseSubscriptions } from '../../shared/subscriptions';
import { changeSubscriptions } from '../subscriptions/store';
import type { SpeakerChanges, SplitRequest, TalkChanges, UndoSummary } from '../../shared/archive-format';
import browser from '../../shared/browser';
import type { SyncStatus } from '../../shared/sync';
import { deleteSpeaker, deleteTalk, mergeSpeakers, splitSpeaker, updateSpeaker, updateTalk } from '../archive/edit';
import { undo } from '../archive/undo';
import { DB_NAME, type PodiumDb } from '../db';
import { disableSite, listSites } from '../sites/sites';
import { SyncEngine } from './engine';
import { type AreaLike, LEDGER_KEY } from './ledger';
import { type RecipeEntry, speakerDelete, speakerEdits, speakerMerge, talkDelete, talkEdits } from './recipe';

export { SyncEngine } from './engine';

const engines = new WeakMap<PodiumDb, SyncEngine>();

/** The browser's sync area, if it has one (some builds and policies have none). */
function syncArea(): AreaLike | undefined {
  try {
    return (browser.storage as { sync?: AreaLike }).sync;
  } catch {
    return undefined;
  }
}

/** The engine of this archive (made on first use, over the browser's storage). */
export function syncFor(db: PodiumDb): SyncEngine {
  let engine = engines.get(db);
  if (!engine) {
    engine = new SyncEngine(db, {
      local: browser.storage.local as AreaLike,
      sync: syncArea(),
      sites: { list: listSites, disable: disableSite },
      editSubscriptions: async (edit) => void (await changeSubscriptions((list) => parseSubscriptions(edit(list)))),
      log: (m, e) => console.error(`Podium: ${m}`, e),
      // The worker has one archive; tests open many, and each keeps its own recipe.
      ledgerKey: db.name === DB_NAME ? LEDGER_KEY : `${LEDGER_KEY}:${db.name}`,
    });
    engines.set(db, engine);
  }
  return engine;
}

/** Uses `engine` for `db` (tests: one engine per simulated browser). */
export function useSyncEngine(db: PodiumDb, engine: SyncEngine): void {
  engines.set(db, engine);
}

/**
 * Replays the user's edit recipe on the archive, where a record it names
 * exists and differs. Call after anything that imports (an import, a
 * subscription's refresh): the user's edits win over what was imported.
 * Idempotent, and it records nothing new.
 */
export function applyEditRecipe(db: PodiumDb): Promise<number> {
  return syncFor(db).applyRecipe();
}

/** Runs `fn` (an import), then replays the recipe; a replay failure never fails the import. */
export async function thenApplyRecipe<T>(db: PodiumDb, fn: () => Promise<T>): Promise<T> {
  const result = await fn();
  await applyEditRecipe(db).catch((e) => console.error('Podium: could not replay your edits', e));
  return result;
}

/**
 * Starts syncing in the worker: listeners are added synchronously, so a
 * restarted worker gets the event that woke it. A full cycle runs when the
 * browser starts or Podium is installed, not at every wake of the worker
 * (each page load may wake it): changes in between arrive as events.
 */
export function startSync(db: PodiumDb): void {
  const engine = syncFor(db);
  engine.listen();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync') engine.syncChanged(Object.keys(changes));
    else if (area === 'local') engine.localChanged(Object.keys(changes));
  });
  const sites = () => engine.sitesChanged();
  browser.permissions.onAdded.addListener(sites);
  browser.permissions.onRemoved.addListener(sites);
  const cycle = () => void engine.syncNow().catch((e) => console.error('Podium: sync could not start', e));
  browser.runtime.onStartup.addListener(cycle);
  browser.runtime.onInstalled.addListener(cycle);
}

export const syncStatus = (db: PodiumDb): Promise<SyncStatus> => syncFor(db).status();
export const syncNow = (db: PodiumDb): Promise<SyncStatus> => syncFor(db).syncNow();

/** Records entries without ever failing the edit they describe. */
async function record(db: PodiumDb, entries: RecipeEntry[], undoId: string): Promise<void> {
  await syncFor(db)
    .record(entries, undoId)
    .catch((e) => console.error('Podium: could not add an edit to the sync recipe', e));
}

/**
 * The hand-edit functions of archive/edit.ts, each also adding the edit to
 * the recipe. Entries are made from the records as they were before the
 * edit: that is how the other browser still finds them.
 */
export function recordingEdits(db: PodiumDb) {
  return {
    async updateSpeaker(id: string, changes: SpeakerChanges) {
      const before = await db.speakers.get(id);
      const r = await updateSpeaker(db, id, changes);
      if (before) await record(db, speakerEdits(before, changes), r.undoId);
      return r;
    },
    async updateTalk(id: string, changes: TalkChanges) {
      const before = await db.talks.get(id);
      const entries = before ? await talkEdits(db, before, changes).catch(() => []) : [];
      const r = await updateTalk(db, id, changes);
      await record(db, entries, r.undoId);
      return r;
    },
    async deleteSpeaker(id: string) {
      const before = await db.speakers.get(id);
      const r = await deleteSpeaker(db, id);
      if (before) await record(db, [speakerDelete(before)], r.undoId);
      return r;
    },
    async deleteTalk(id: string) {
      const before = await db.talks.get(id);
      const entry = before ? await talkDelete(db, before) : undefined;
      const r = await deleteTalk(db, id);
      if (entry) await record(db, [entry], r.undoId);
      return r;
    },
    async mergeSpeakers(keepId: string, otherId: string) {
      const [keep, other] = await db.speakers.bulkGet([keepId, otherId]);
      const r = await mergeSpeakers(db, keepId, otherId);
      if (keep && other) await record(db, [speakerMerge(keep, other)], r.undoId);
      return r;
    },
    /** Not in the recipe: which talks and identifiers go to the new person is a choice another archive cannot replay reliably. */
    splitSpeaker: (id: string, req: SplitRequest) => splitSpeaker(db, id, req),
    async undo(id?: string): Promise<UndoSummary> {
      const r = await undo(db, id);
      await syncFor(db)
        .undone(r.id)
        .catch((e) => console.error('Podium: could not withdraw an undone edit from sync', e));
      return r;
    },
  };
}
