/** Two simulated browsers signed in to one sync account, each with its own archive and local storage. */
import { SyncEngine, recordingEdits, useSyncEngine } from '../../../src/background/sync';
import type { AreaLike } from '../../../src/background/sync/ledger';
import type { PodiumDb } from '../../../src/background/db';
import { FakeSyncArea } from '../../mocks/browser';
import { freshDb } from '../helpers';

/** `storage.local` of one browser. */
export class FakeLocalArea implements AreaLike {
  readonly data = new Map<string, unknown>();
  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    const list = keys == null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    for (const k of list) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

/** A settable clock shared by a test's browsers. */
export class Clock {
  t = Date.UTC(2026, 10, 1, 9);
  now = () => this.t;
  tick(ms = 1000) {
    this.t += ms;
  }
}

export interface Side {
  name: string;
  db: PodiumDb;
  local: FakeLocalArea;
  sync: FakeSyncArea;
  engine: SyncEngine;
  edits: ReturnType<typeof recordingEdits>;
  sites: Set<string>;
}

export function browserSide(name: string, sync: FakeSyncArea | undefined, clock: Clock, opts: { debounceMs?: number } = {}): Side {
  const db = freshDb();
  const local = new FakeLocalArea();
  const sites = new Set<string>();
  const engine = new SyncEngine(db, {
    local,
    sync,
    now: clock.now,
    sites: { list: async () => [...sites].sort(), disable: async (p: string) => sites.delete(p) },
    ...opts,
    log: () => {},
  });
  useSyncEngine(db, engine);
  return { name, db, local, sync: sync!, engine, edits: recordingEdits(db), sites };
}

/** Two browsers on one account. */
export function twoBrowsers(clock = new Clock()): { a: Side; b: Side; clock: Clock; account: FakeSyncArea['account'] } {
  const syncA = new FakeSyncArea(undefined, clock.now);
  const syncB = syncA.sibling(clock.now);
  return { a: browserSide('A', syncA, clock), b: browserSide('B', syncB, clock), clock, account: syncA.account };
}
