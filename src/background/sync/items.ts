/**
 * The synced state as a map of items, each resolved on its own by its last
 * change. Both browsers hold the whole map (this one in `storage.local`, the
 * shared copy in `storage.sync`); merging two maps is commutative and
 * idempotent, so partial or repeated deliveries of the other browser's
 * writes can never lose a change or start a loop.
 */
import type { SyncConflict, SyncKind } from '../../shared/sync';

/**
 * One synced thing: `k` names it (`settings`, `theme`, `site:<pattern>`,
 * `sub:<id>`, `e:<target>:<field>`), `a` is when it last changed (epoch ms),
 * `b` the browser that changed it, `v` its value (null for a removed one).
 */
export interface Item {
  k: string;
  a: number;
  b: string;
  v: unknown;
}

export type Items = Record<string, Item>;

export const version = (i: Item): string => `${i.a}.${i.b}`;

/** Key-order-independent JSON, so the same value always compares equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** True when `x` is the later change; equal times fall to the browser id, then the value, so every browser picks the same. */
export function newer(x: Item, y: Item): boolean {
  if (x.a !== y.a) return x.a > y.a;
  if (x.b !== y.b) return x.b > y.b;
  return canonical(x.v) > canonical(y.v);
}

export function kindOf(key: string): SyncKind {
  if (key === 'settings' || key === 'theme') return key;
  if (key.startsWith('site:')) return 'site';
  if (key.startsWith('sub:')) return 'subscription';
  return 'edit';
}

/** An item from an untrusted value (another browser's write), or undefined. */
export function parseItem(raw: unknown): Item | undefined {
  if (!Array.isArray(raw) || raw.length !== 4) return undefined;
  const [k, a, b, v] = raw as unknown[];
  if (typeof k !== 'string' || !k || k.length > 2000 || typeof a !== 'number' || !Number.isFinite(a) || typeof b !== 'string' || b.length > 64) return undefined;
  return { k, a, b, v: v === undefined ? null : v };
}

/** The compact form stored in `storage.sync`: a tuple, no field names. */
export const packItem = (i: Item): [string, number, string, unknown] => [i.k, i.a, i.b, i.v];

export interface MergeOutcome {
  /** The merged map (what both sides should hold). */
  items: Items;
  /** Items the other browser changed that this one must apply. */
  fromOther: Item[];
  /** Keys whose newest version is only here (the sync side must be written). */
  toPush: string[];
  conflicts: KeyedConflict[];
}

/** A conflict before it is given a label for people. */
export type KeyedConflict = Omit<SyncConflict, 'label'> & { key: string };

/**
 * Merges this browser's items with those read from `storage.sync`. `bases`
 * holds, per key, the version both sides last agreed on: a difference where
 * both moved away from it is a conflict (one side's change was dropped), and
 * is reported; a difference where only one moved is simply an update.
 */
export function mergeItems(local: Items, remote: Items, bases: Record<string, string>, now: number): MergeOutcome {
  const items: Items = { ...local };
  const fromOther: Item[] = [];
  const toPush: string[] = [];
  const conflicts: KeyedConflict[] = [];
  for (const [k, r] of Object.entries(remote)) {
    const l = local[k];
    if (!l) {
      items[k] = r;
      fromOther.push(r);
      continue;
    }
    if (version(l) === version(r)) continue;
    const remoteWins = newer(r, l);
    const base = bases[k];
    if (base !== version(l) && base !== version(r) && canonical(l.v) !== canonical(r.v)) {
      conflicts.push({ key: k, kind: kindOf(k), winner: remoteWins ? 'other' : 'here', at: now });
    }
    if (remoteWins) {
      items[k] = r;
      fromOther.push(r);
    } else toPush.push(k);
  }
  for (const k of Object.keys(local)) if (!remote[k]) toPush.push(k);
  return { items, fromOther, toPush, conflicts };
}
