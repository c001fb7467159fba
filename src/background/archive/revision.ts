/**
 * The archive revision: a counter bumped by every write transaction, so a
 * derived structure the worker persisted (a matcher, a search index) can tell
 * on start whether it still matches the archive or must be rebuilt.
 */
import Dexie from 'dexie';
import type { PodiumDb } from '../db';

export const REVISION_KEY = 'revision';

/**
 * Per open archive: the revision last read outside a transaction, kept until
 * a bump; `bumps` tells a read that overlapped one not to keep what it read.
 * Only this worker opens the archive, so every bump passes here.
 */
const known = new WeakMap<PodiumDb, { bumps: number; value?: number }>();
const knownFor = (db: PodiumDb) => known.get(db) ?? known.set(db, { bumps: 0 }).get(db)!;

/** Bumps the revision. Call inside a `rw` transaction that includes `db.meta`. */
export async function bumpRevision(db: PodiumDb): Promise<number> {
  // Forgotten before the write: a read from here on waits for this transaction, so it gets what it leaves.
  const k = knownFor(db);
  k.bumps++;
  k.value = undefined;
  const row = await db.meta.get(REVISION_KEY);
  const revision = (typeof row?.['value'] === 'number' ? row['value'] : 0) + 1;
  await db.meta.put({ key: REVISION_KEY, value: revision, at: new Date().toISOString() });
  return revision;
}

/** The current revision (0 for a new archive). */
export async function getRevision(db: PodiumDb): Promise<number> {
  const row = await db.meta.get(REVISION_KEY);
  return typeof row?.['value'] === 'number' ? row['value'] : 0;
}

/**
 * {@link getRevision} without a database read when no write has bumped it
 * since the last one: every page request checks it, and the read waited on
 * whatever else the database was doing (0.3–6 ms per request in Chromium).
 * Inside a transaction it reads, as that transaction may not commit.
 */
export async function latestRevision(db: PodiumDb): Promise<number> {
  if (Dexie.currentTransaction) return getRevision(db);
  const k = knownFor(db);
  if (k.value !== undefined) return k.value;
  const bumps = k.bumps;
  const value = await getRevision(db);
  if (k.bumps === bumps) k.value = value;
  return value;
}
