/**
 * The archive revision: a counter bumped by every write transaction, so a
 * derived structure the worker persisted (a matcher, a search index) can tell
 * on start whether it still matches the archive or must be rebuilt.
 */
import type { PodiumDb } from '../db';

export const REVISION_KEY = 'revision';

/** Bumps the revision. Call inside a `rw` transaction that includes `db.meta`. */
export async function bumpRevision(db: PodiumDb): Promise<number> {
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
