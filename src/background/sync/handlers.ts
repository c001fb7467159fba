/** The worker's sync methods: what Settings shows, and its "Sync now". */
import type { SyncCalls } from '../../shared/messages';
import { empty } from '../../shared/validate';
import type { PodiumDb } from '../db';
import type { AreaHandlers } from '../router';
import { syncNow, syncStatus } from './index';

export function createSyncHandlers(db: PodiumDb): AreaHandlers<SyncCalls> {
  return {
    syncStatus: { params: empty, run: () => syncStatus(db) },
    syncNow: { params: empty, run: () => syncNow(db) },
  };
}
