/** The worker's sync methods: what Settings shows, and its "Sync now". */
import type { Method } from '../../shared/messages';
import { empty } from '../../shared/validate';
import type { PodiumDb } from '../db';
import type { Handlers } from '../router';
import { syncNow, syncStatus } from './index';

export const SYNC_METHODS = ['syncStatus', 'syncNow'] as const satisfies readonly Method[];

export function createSyncHandlers(db: PodiumDb): Pick<Handlers, (typeof SYNC_METHODS)[number]> {
  return {
    syncStatus: { params: empty, run: () => syncStatus(db) },
    syncNow: { params: empty, run: () => syncNow(db) },
  };
}
