/**
 * Import sessions in progress, per archive database, as this worker sees
 * them: derived structures (the matcher, the search index) put their
 * background refreshes off while a session streams its batches, and do them
 * once when it ends, instead of once between every two batches. A request
 * for them meanwhile still gets a correct answer (each checks the revision or
 * its pending changes on use); only the work done unasked waits.
 */
import type { PodiumDb } from '../db';

/** A session the page abandoned stops counting after this long without a batch, so nothing waits for ever. */
export const SESSION_QUIET_MS = 30_000;

const sessions = new Map<string, Map<string, number>>();
const settledListeners = new Map<string, Set<() => void>>();
const startedListeners = new Map<string, Set<() => void>>();

/** Notes that the session wrote or is about to write a batch (starts it if new). */
export function noteSessionActivity(db: Pick<PodiumDb, 'name'>, sessionId: string, now = Date.now()): void {
  let open = sessions.get(db.name);
  if (!open) sessions.set(db.name, (open = new Map()));
  const started = !open.has(sessionId);
  open.set(sessionId, now);
  if (started) for (const fn of [...(startedListeners.get(db.name) ?? [])]) fn();
}

/** Notes that the session was committed or aborted; when it was the last, tells the listeners. */
export function noteSessionEnded(db: Pick<PodiumDb, 'name'>, sessionId: string): void {
  const open = sessions.get(db.name);
  if (!open?.delete(sessionId)) return;
  if (open.size === 0) {
    sessions.delete(db.name);
    for (const fn of [...(settledListeners.get(db.name) ?? [])]) fn();
  }
}

/** True while an import session of this archive had a batch in the last {@link SESSION_QUIET_MS}. */
export function importSessionBusy(db: Pick<PodiumDb, 'name'>, now = Date.now()): boolean {
  const open = sessions.get(db.name);
  if (!open) return false;
  for (const [id, at] of open) if (now - at < SESSION_QUIET_MS) return true;
  else open.delete(id);
  if (open.size === 0) sessions.delete(db.name);
  return false;
}

function listen(listeners: Map<string, Set<() => void>>, db: Pick<PodiumDb, 'name'>, fn: () => void): () => void {
  let set = listeners.get(db.name);
  if (!set) listeners.set(db.name, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Calls `fn` each time the last open import session of this archive ends. Returns the unsubscribe function. */
export function onImportSessionsSettled(db: Pick<PodiumDb, 'name'>, fn: () => void): () => void {
  return listen(settledListeners, db, fn);
}

/** Calls `fn` each time an import session of this archive starts. Returns the unsubscribe function. */
export function onImportSessionStarted(db: Pick<PodiumDb, 'name'>, fn: () => void): () => void {
  return listen(startedListeners, db, fn);
}
