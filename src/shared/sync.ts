/**
 * Settings that follow the user (src/background/sync/): what the worker
 * reports to Settings about `storage.sync`, and the browser's quotas it
 * lays its data out within.
 */

/**
 * `storage.sync` quotas. Chrome enforces all of them (and rejects a write
 * that would exceed one, naming it in the error); Firefox the three sizes.
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync
 */
export const SYNC_QUOTA = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
} as const;

/** What kind of thing a synced item is. */
export type SyncKind = 'settings' | 'theme' | 'site' | 'subscription' | 'edit';

/** One item both browsers had changed since they last agreed, resolved by the later change. */
export interface SyncConflict {
  kind: SyncKind;
  /** What the user knows it by: a site's host, a subscription's label, "headline of Ada Lovelace". */
  label: string;
  /** For an edit: the field, or `delete` / `merge`. */
  field?: string;
  /** Whose change was kept. */
  winner: 'here' | 'other';
  /** Epoch ms the conflict was resolved. */
  at: number;
}

/** Why sync does not reach `storage.sync`. */
export type SyncOffReason = 'unavailable' | 'error' | 'user';

/**
 * `storage.local` key of the user's choice: `false` keeps everything on this
 * device (Podium then removes its data from the account's sync storage).
 * On unless turned off.
 */
export const SYNC_ENABLED_KEY = 'syncEnabled';

export interface SyncStatus {
  /** False when `storage.sync` is missing or its last call failed; local data keeps working. */
  on: boolean;
  off?: { reason: SyncOffReason; detail?: string };
  /** Epoch ms of the last time this browser and `storage.sync` agreed. */
  lastSync?: number;
  bytesUsed: number;
  quotaBytes: number;
  /** What is kept in sync now. */
  synced: { settings: boolean; theme: boolean; sites: number; subscriptions: number; edits: number };
  /** Edits kept on this browser only because sync storage is full (the oldest ones). */
  localOnlyEdits: number;
  /** Edits too large for one sync item (a very long summary): they stay on this browser. */
  tooLargeEdits: number;
  full: boolean;
  /** Changes waiting for the browser's write limit, with when they go out (epoch ms). */
  pendingUntil?: number;
  /** Newest first. */
  conflicts: SyncConflict[];
  /** Sites enabled on another browser but not here: Settings offers "Enable here". */
  suggestedSites: string[];
}
