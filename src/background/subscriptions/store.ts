/**
 * Where subscriptions live: the list (what the user chose, and what this
 * browser last saw) in `storage.local`, where Settings and sync read it; the
 * snapshot of each (which talk is which, large) in the archive's `meta`
 * table, beside the records it points at.
 */
import browser from '../../shared/browser';
import { parseSubscriptions, type Subscription, SUBSCRIPTIONS_KEY } from '../../shared/subscriptions';
import type { PodiumDb } from '../db';
import type { Snapshot } from './apply';

export async function loadSubscriptions(): Promise<Subscription[]> {
  return parseSubscriptions((await browser.storage.local.get(SUBSCRIPTIONS_KEY))[SUBSCRIPTIONS_KEY]);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Changes the list: `change` gets the stored list and returns the new one.
 * Changes run one after another (a refresh finishing while the user pauses
 * another subscription must not write back a list without that pause).
 */
export function changeSubscriptions(change: (list: Subscription[]) => Subscription[]): Promise<Subscription[]> {
  const run = queue.then(async () => {
    const stored = await loadSubscriptions();
    const before = JSON.stringify(stored);
    const next = change(stored);
    // An unchanged list is not written: every write wakes Settings, the alarms and sync.
    if (JSON.stringify(next) !== before) await browser.storage.local.set({ [SUBSCRIPTIONS_KEY]: next });
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Changes one subscription (if it still exists); returns it as stored. */
export async function changeSubscription(id: string, change: (sub: Subscription) => Subscription): Promise<Subscription | undefined> {
  let out: Subscription | undefined;
  await changeSubscriptions((list) => list.map((s) => (s.id === id ? (out = change(s)) : s)));
  return out;
}

const snapshotKey = (id: string) => `subscription:${id}`;

export async function loadSnapshot(db: PodiumDb, id: string): Promise<Snapshot> {
  const row = await db.meta.get(snapshotKey(id));
  const talks = row?.['talks'];
  const sourceIds = row?.['sourceIds'];
  return {
    talks: talks && typeof talks === 'object' ? (talks as Record<string, string>) : {},
    sourceIds: Array.isArray(sourceIds) ? sourceIds.filter((s): s is string => typeof s === 'string') : [],
  };
}

export async function saveSnapshot(db: PodiumDb, id: string, snapshot: Snapshot): Promise<void> {
  await db.meta.put({ key: snapshotKey(id), ...snapshot });
}

export async function deleteSnapshot(db: PodiumDb, id: string): Promise<void> {
  await db.meta.delete(snapshotKey(id));
}
