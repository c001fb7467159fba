/** The sync area's part of the message map (index.ts composes the areas). */
import type { SyncStatus } from '../sync';

/** Settings kept in storage.sync (src/background/sync). */
export interface SyncCalls {
  /** What is kept in `storage.sync`, how full it is, conflicts resolved and sites enabled on another browser (src/background/sync). */
  syncStatus: { params: Record<string, never>; result: SyncStatus };
  /** Merges with `storage.sync` now (within its write limits) and answers the new status. */
  syncNow: { params: Record<string, never>; result: SyncStatus };
}
