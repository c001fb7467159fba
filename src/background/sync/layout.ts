/**
 * How the synced items are laid out in `storage.sync`, within its quotas:
 * items packed in order into chunks `podium:0`, `podium:1`, … of at most
 * QUOTA_BYTES_PER_ITEM each (key plus JSON, as Chrome counts them), all
 * chunks together within QUOTA_BYTES less what other keys use and a little
 * headroom. That is at most 13 keys, far below MAX_ITEMS.
 *
 * Settings, theme, sites and subscriptions come first and always fit (a few
 * KB). The edit recipe fills the rest, newest edits first: when it does not
 * fit, the oldest edits stay in this browser's copy only (they still apply
 * here, and come back into sync when room frees up). Edits are written
 * oldest first, so a new edit changes only the last chunk.
 */
import { SYNC_QUOTA } from '../../shared/sync';
import { type Item, type Items, kindOf, newer, packItem, parseItem } from './items';

export const CHUNK_PREFIX = 'podium:';
const FORMAT = 1;
/** Room left for the rounding of other browsers' byte counts and a format change. */
export const HEADROOM_BYTES = 1024;

const encoder = new TextEncoder();
/** Bytes of an entry as Chrome counts it (key plus its value's JSON), in UTF-8, which is never less. */
export const entryBytes = (key: string, value: unknown): number => encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;

export interface Layout {
  /** `storage.sync` key → value. */
  chunks: Record<string, unknown>;
  bytes: number;
  /** Item keys in the chunks. */
  included: Set<string>;
  /** Edits left out for room (oldest first). */
  localOnly: string[];
  /** Edits that would not fit in one chunk even alone. */
  tooLarge: string[];
}

const chunkKey = (n: number) => `${CHUNK_PREFIX}${n}`;
const chunkValue = (tuples: unknown[]) => ({ v: FORMAT, i: tuples });
const byKey = (x: Item, y: Item) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0);

/** Packs items, in order, into as few chunks as the per-item quota allows. */
function pack(items: readonly Item[], perItem: number): { chunks: Record<string, unknown>; bytes: number } {
  const chunks: Record<string, unknown> = {};
  let bytes = 0;
  let tuples: unknown[] = [];
  let size = 0;
  const close = () => {
    if (!tuples.length) return;
    const key = chunkKey(Object.keys(chunks).length);
    chunks[key] = chunkValue(tuples);
    bytes += entryBytes(key, chunks[key]);
    tuples = [];
  };
  for (const item of items) {
    const t = packItem(item);
    const add = encoder.encode(JSON.stringify(t)).length + 1;
    if (tuples.length && size + add > perItem) close();
    if (!tuples.length) size = entryBytes(chunkKey(Object.keys(chunks).length), chunkValue([]));
    tuples.push(t);
    size += add;
  }
  close();
  return { chunks, bytes };
}

/**
 * The chunks for `items` within `budget` bytes (by default the whole quota
 * less headroom; less what other keys in the area use).
 */
export function layoutItems(items: Items, budget = SYNC_QUOTA.QUOTA_BYTES - HEADROOM_BYTES, perItem = SYNC_QUOTA.QUOTA_BYTES_PER_ITEM): Layout {
  const all = Object.values(items);
  const core = all.filter((i) => kindOf(i.k) !== 'edit').sort(byKey);
  const alone = (i: Item) => entryBytes(chunkKey(99), chunkValue([packItem(i)]));
  const edits = all.filter((i) => kindOf(i.k) === 'edit');
  const tooLarge = edits.filter((i) => alone(i) > perItem);
  const newestFirst = edits.filter((i) => alone(i) <= perItem).sort((x, y) => (newer(x, y) ? -1 : 1));

  let n = newestFirst.length;
  for (;;) {
    const chosen = newestFirst.slice(0, n).reverse();
    const { chunks, bytes } = pack([...core, ...chosen], perItem);
    const keys = Object.keys(chunks).length;
    if ((bytes <= budget && keys <= SYNC_QUOTA.MAX_ITEMS) || n === 0) {
      return {
        chunks,
        bytes,
        included: new Set([...core, ...chosen].map((i) => i.k)),
        localOnly: newestFirst.slice(n).reverse().map((i) => i.k),
        tooLarge: tooLarge.map((i) => i.k),
      };
    }
    // Drop the oldest edits by about the overflow at once, then one at a time near the fit.
    const avg = bytes / Math.max(1, core.length + n);
    n = Math.max(0, n - Math.max(1, Math.floor((bytes - budget) / avg / 2)));
  }
}

/** The items in what `storage.sync` holds (all of it, from `get(null)`); other keys and bad entries are ignored. */
export function readChunks(area: Record<string, unknown>): Items {
  const out: Items = {};
  for (const [key, value] of Object.entries(area)) {
    if (!key.startsWith(CHUNK_PREFIX) || !value || typeof value !== 'object') continue;
    const { v, i } = value as { v?: unknown; i?: unknown };
    // A newer format is another version's: leave it alone rather than misread it.
    if (v !== FORMAT || !Array.isArray(i)) continue;
    for (const raw of i) {
      const item = parseItem(raw);
      // A write seen half-way may hold one item in two chunks: the later change counts.
      if (item && (!out[item.k] || newer(item, out[item.k]!))) out[item.k] = item;
    }
  }
  return out;
}

/** Bytes used in the area by keys that are not Podium's chunks. */
export function foreignBytes(area: Record<string, unknown>): number {
  let n = 0;
  for (const [key, value] of Object.entries(area)) if (!key.startsWith(CHUNK_PREFIX)) n += entryBytes(key, value);
  return n;
}
