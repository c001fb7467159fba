/**
 * This browser's copy of the synced items and what it knows about syncing
 * them, in `storage.local` under {@link LEDGER_KEY}. It holds everything,
 * also what does not fit in `storage.sync`: nothing is lost when sync is
 * full, off or throwing.
 */
import type { SyncConflict, SyncOffReason } from '../../shared/sync';
import type { Items } from './items';

export const LEDGER_KEY = 'syncLedger';

export interface AreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface Ledger {
  /** This browser's id in item versions (random, made once). */
  device: string;
  items: Items;
  /** Item key → the version both sides last agreed on (for telling conflicts from updates). */
  bases: Record<string, string>;
  /** Sites enabled here at the last look (tells a revoked site from one never enabled). */
  localSites?: string[];
  /** Subscriptions here at the last look (tells a removed one from one never added); absent before the first look. */
  localSubs?: string[];
  /** Newest first, at most {@link MAX_CONFLICTS}. */
  conflicts: SyncConflict[];
  /** Undo id of a hand change (made or replayed here) → the recipe items it wrote. */
  undo: Record<string, { keys: string[]; at: number }>;
  /** Epoch ms of this browser's `storage.sync` writes in the last hour (the write-rate quotas). */
  writes: number[];
  lastSync?: number;
  off?: { reason: SyncOffReason; detail?: string };
  /** What the last layout put in sync. */
  layout?: { bytes: number; localOnly: number; tooLarge: number };
  pendingUntil?: number;
}

export const MAX_CONFLICTS = 20;
export const MAX_UNDO = 60;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const newDevice = () => Math.random().toString(36).slice(2, 10);

/** The stored ledger, or a new one (`fresh`: nothing was stored, so what is found locally predates sync). */
export async function loadLedger(local: AreaLike, key = LEDGER_KEY): Promise<{ ledger: Ledger; fresh: boolean }> {
  const raw = (await local.get(key))[key];
  if (isObj(raw) && typeof raw['device'] === 'string' && isObj(raw['items'])) {
    const r = raw as unknown as Ledger;
    return {
      ledger: { ...r, bases: r.bases ?? {}, conflicts: r.conflicts ?? [], undo: r.undo ?? {}, writes: r.writes ?? [] },
      fresh: false,
    };
  }
  return { ledger: { device: newDevice(), items: {}, bases: {}, conflicts: [], undo: {}, writes: [] }, fresh: true };
}

export async function saveLedger(local: AreaLike, ledger: Ledger, key = LEDGER_KEY): Promise<void> {
  await local.set({ [key]: ledger });
}
