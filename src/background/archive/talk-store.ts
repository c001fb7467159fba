/**
 * Where talks are stored: in buckets, not one row per talk.
 *
 * Chromium's IndexedDB spends about 100 µs of its own CPU on every record
 * and index entry it writes (LevelDB writes, then compaction), so 100,000
 * talk rows with their `speakerIds` and `eventId` index entries took 15–20 s
 * to import, whatever the worker did. The same talks in a few thousand rows
 * cost the database next to nothing. So:
 * - `talkBuckets`: row `n` holds every talk whose id hashes to `n`, sorted
 *   by id. A talk is read by reading its bucket. The number of buckets
 *   grows with the archive (a power of two, about 64 talks each; every talk
 *   is re-bucketed when it doubles). A speaker's talks lie in as many
 *   buckets as they have talks, so big buckets make a prolific speaker slow
 *   to read (80 talks in a 100,000-talk archive: 100–145 ms with buckets of
 *   400 talks, 40–90 ms with 64, 20–65 ms with 25), while each bucket an
 *   import touches is one more row to write (the pyvideo import, 21,000
 *   talks in batches, was measurably slower with 4,096 fixed buckets, and
 *   within noise of the old layout with 64 talks a bucket: 9.2–10.0 s).
 * - `talkLinks`: the directory the indexes used to be: which talks each
 *   speaker and each event has, in shards keyed by a hash of the speaker or
 *   event id, and the number of talks. Written in the same transaction as
 *   the buckets, so it is never out of step with them.
 *
 * {@link TalkTable} offers the slice of Dexie's table API the archive uses,
 * and one lookup per former index ({@link TalkTable.ofSpeakers},
 * {@link TalkTable.ofEvents}).
 */
import Dexie, { type Table } from 'dexie';
import type { Talk } from '../../shared/types';

/** Talks per bucket the layout aims at (about 32 KB). */
const PER_BUCKET = 64;
const MIN_BUCKETS = 16;
export const MAX_BUCKETS = 8192;
const SPEAKER_SHARDS = 64;
const EVENT_SHARDS = 16;
const COUNT_KEY = 'count';
const LAYOUT_KEY = 'layout';
/** Buckets read at once when walking the whole table (a few MB at 100,000 talks). */
const PAGE_BUCKETS = 256;

/** The bucket count for an archive of `talks` talks. */
export function bucketsFor(talks: number): number {
  let n = MIN_BUCKETS;
  while (n < MAX_BUCKETS && n * PER_BUCKET < talks) n *= 2;
  return n;
}

export interface TalkBucket {
  id: number;
  talks: Talk[];
}

/** A directory shard (`s12`: speakers, `e3`: events; id → talk ids), the count row, or the layout row (bucket count). */
export interface TalkLinkRow {
  id: string;
  links?: Record<string, string[]>;
  count?: number;
  buckets?: number;
}

export interface TalkTables {
  buckets: Table<TalkBucket, number>;
  links: Table<TalkLinkRow, string>;
}

/** FNV-1a: spreads ids evenly whatever their format. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const bucketOf = (talkId: string, buckets: number): number => hash(talkId) % buckets;

/** How many buckets the talks are in now, and how many talks there are. */
async function layoutOf(links: TalkTables['links']): Promise<{ buckets: number; count: number }> {
  const [layout, count] = await links.bulkGet([LAYOUT_KEY, COUNT_KEY]);
  return { buckets: layout?.buckets ?? MIN_BUCKETS, count: count?.count ?? 0 };
}
const speakerShard = (id: string) => `s${hash(id) % SPEAKER_SHARDS}`;
const eventShard = (id: string) => `e${hash(id) % EVENT_SHARDS}`;
const byId = (a: Talk, b: Talk) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Directory changes of one write, applied to the shards it touches at the end. */
class LinkDelta {
  private shards = new Map<string, Map<string, { add: Set<string>; del: Set<string> }>>();

  talk(t: Talk, add: boolean): void {
    for (const s of t.speakerIds) this.note(speakerShard(s), s, t.id, add);
    if (t.eventId) this.note(eventShard(t.eventId), t.eventId, t.id, add);
  }

  private note(shard: string, key: string, talkId: string, add: boolean): void {
    const keys = this.shards.get(shard) ?? this.shards.set(shard, new Map()).get(shard)!;
    const change = keys.get(key) ?? keys.set(key, { add: new Set(), del: new Set() }).get(key)!;
    (add ? change.del : change.add).delete(talkId);
    (add ? change.add : change.del).add(talkId);
  }

  async apply(links: TalkTables['links']): Promise<void> {
    if (this.shards.size === 0) return;
    const ids = [...this.shards.keys()];
    const rows = await links.bulkGet(ids);
    await links.bulkPut(
      ids.map((id, i) => {
        const map = rows[i]?.links ?? {};
        for (const [key, { add, del }] of this.shards.get(id)!) {
          const talks = new Set(map[key]);
          for (const t of del) talks.delete(t);
          for (const t of add) talks.add(t);
          if (talks.size) map[key] = [...talks];
          else delete map[key];
        }
        return { id, links: map };
      }),
    );
  }
}

/** Talk ids that `keys` have in the shards of `shardOf`. */
async function linked(links: TalkTables['links'], keys: readonly string[], shardOf: (id: string) => string): Promise<string[]> {
  const shardIds = [...new Set(keys.map(shardOf))];
  const rows = await links.bulkGet(shardIds);
  const shards = new Map(shardIds.map((id, i) => [id, rows[i]?.links]));
  const out = new Set<string>();
  for (const key of keys) for (const t of shards.get(shardOf(key))?.[key] ?? []) out.add(t);
  return [...out];
}

/**
 * Puts and deletes talks: rewrites the buckets they fall in, the directory
 * shards whose links change, and the count; re-buckets every talk when the
 * archive outgrows its bucket count. Call inside a `rw` transaction over
 * both tables. `add` refuses ids already stored.
 */
export async function writeTalks(tables: TalkTables, puts: readonly Talk[], deletes: readonly string[] = [], add = false): Promise<void> {
  const layout = await layoutOf(tables.links);
  const work = new Map<number, { puts: Talk[]; dels: string[] }>();
  const slot = (id: string) => {
    const b = bucketOf(id, layout.buckets);
    return work.get(b) ?? work.set(b, { puts: [], dels: [] }).get(b)!;
  };
  for (const id of deletes) slot(id).dels.push(id);
  for (const t of puts) slot(t.id).puts.push(t);
  const ids = [...work.keys()].sort((a, b) => a - b);
  const rows = await tables.buckets.bulkGet(ids);
  const delta = new LinkDelta();
  let count = 0;
  /** Each touched bucket's talks after this write (empty: the bucket goes). */
  const changed = new Map<number, Talk[]>();
  ids.forEach((id, i) => {
    const talks = new Map((rows[i]?.talks ?? []).map((t) => [t.id, t]));
    const { puts: p, dels } = work.get(id)!;
    for (const tid of dels) {
      const old = talks.get(tid);
      if (!old) continue;
      delta.talk(old, false);
      talks.delete(tid);
      count--;
    }
    for (const t of p) {
      const old = talks.get(t.id);
      if (old && add) throw new Dexie.ConstraintError(`Talk ${t.id} is already stored.`);
      if (old) delta.talk(old, false);
      else count++;
      delta.talk(t, true);
      talks.set(t.id, t);
    }
    if (talks.size || rows[i]) changed.set(id, [...talks.values()]);
  });
  const total = layout.count + count;
  const buckets = Math.max(layout.buckets, bucketsFor(total));
  const grow = buckets > layout.buckets;
  let out: TalkBucket[];
  if (grow) {
    // Outgrown: every talk into the new layout, the untouched rows as stored and the touched ones as written.
    const next = new Map<number, Talk[]>();
    const place = (t: Talk) => {
      const b = bucketOf(t.id, buckets);
      (next.get(b) ?? next.set(b, []).get(b)!).push(t);
    };
    for (const row of await tables.buckets.toArray()) if (!changed.has(row.id)) row.talks.forEach(place);
    for (const talks of changed.values()) talks.forEach(place);
    await tables.buckets.clear();
    out = [...next].map(([id, talks]) => ({ id, talks }));
  } else {
    out = [...changed].filter(([, talks]) => talks.length).map(([id, talks]) => ({ id, talks }));
  }
  for (const b of out) b.talks.sort(byId);
  const gone = grow ? [] : [...changed].filter(([, talks]) => !talks.length).map(([id]) => id);
  await Promise.all([
    out.length ? tables.buckets.bulkPut(out.sort((a, b) => a.id - b.id)) : undefined,
    gone.length ? tables.buckets.bulkDelete(gone) : undefined,
    delta.apply(tables.links),
    count !== 0 ? tables.links.put({ id: COUNT_KEY, count: total }) : undefined,
    grow ? tables.links.put({ id: LAYOUT_KEY, buckets }) : undefined,
  ]);
}

/**
 * Listener for a talk write, told inside the writing transaction: the
 * talks written and the ids deleted (`null`: all of them, a clear).
 */
export type TalkWriteListener = (puts: readonly Talk[], dels: readonly string[] | null, trans: IDBTransaction | undefined) => void;

/** The `talks` of the archive, over {@link TalkTables}: the part of Dexie's table API the archive uses. */
export class TalkTable {
  private listeners = new Set<TalkWriteListener>();
  private starting = new Set<TalkWriteListener>();

  constructor(
    private readonly db: Dexie,
    private readonly tables: () => TalkTables,
  ) {}

  /** The Dexie tables a transaction over talks must include. */
  get scope(): Table[] {
    const t = this.tables();
    return [t.buckets, t.links] as Table[];
  }

  /** Calls `fn` with every talk write (its transaction may still abort). */
  onWrite(fn: TalkWriteListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Calls `fn` with every talk write as it starts: a listener can work on them while the database writes. */
  onWriting(fn: TalkWriteListener): () => void {
    this.starting.add(fn);
    return () => this.starting.delete(fn);
  }

  async get(id: string): Promise<Talk | undefined> {
    return (await this.bulkGet([id]))[0];
  }

  async bulkGet(ids: readonly string[]): Promise<(Talk | undefined)[]> {
    if (ids.length === 0) return [];
    return this.read(async (t) => {
      const { buckets: n } = await layoutOf(t.links);
      const buckets = [...new Set(ids.map((id) => bucketOf(id, n)))];
      const wanted = new Set(ids);
      const found = new Map<string, Talk>();
      for (const row of await t.buckets.bulkGet(buckets)) for (const x of row?.talks ?? []) if (wanted.has(x.id)) found.set(x.id, x);
      return ids.map((id) => found.get(id));
    });
  }

  /** Every talk, bucket by bucket (the order exports use). */
  async toArray(): Promise<Talk[]> {
    return this.read(async (t) => (await t.buckets.toArray()).flatMap((b) => b.talks));
  }

  /** Visits every talk, a few buckets at a time. */
  async each(visit: (talk: Talk) => void): Promise<void> {
    return this.read(async (t) => {
      const { buckets } = await layoutOf(t.links);
      for (let b = 0; b < buckets; b += PAGE_BUCKETS) {
        for (const row of await t.buckets.where(':id').between(b, b + PAGE_BUCKETS, true, false).toArray()) row.talks.forEach(visit);
      }
    });
  }

  /**
   * Every talk, a few buckets per transaction, each page handed over outside
   * its transaction (the caller may pause between pages; a talk written
   * meanwhile may be missed or seen twice, so callers follow writes, as the
   * search index does).
   */
  async *pages(bucketsPerPage = PAGE_BUCKETS): AsyncGenerator<Talk[]> {
    const { buckets } = await this.read((t) => layoutOf(t.links));
    for (let b = 0; b < buckets; b += bucketsPerPage) {
      const rows = await this.read((t) => t.buckets.where(':id').between(b, b + bucketsPerPage, true, false).toArray());
      yield rows.flatMap((r) => r.talks);
    }
  }

  /**
   * At most `limit` talks in export order after `cursor` (`"bucket.offset"`
   * of the next talk; undefined starts at the beginning), and the cursor of
   * the talk after them (undefined at the end).
   */
  async slice(cursor: string | undefined, limit: number): Promise<{ talks: Talk[]; next: string | undefined }> {
    const [b0, o0] = (cursor ?? '0.0').split('.').map(Number) as [number, number];
    return this.read(async (t) => {
      const { buckets } = await layoutOf(t.links);
      const talks: Talk[] = [];
      let from = b0;
      let offset = o0;
      while (talks.length < limit && from < buckets) {
        const rows = await t.buckets.where(':id').between(from, from + PAGE_BUCKETS, true, false).toArray();
        for (const row of rows) {
          const take = row.talks.slice(row.id === from ? offset : 0, row.id === from ? offset + limit - talks.length : limit - talks.length);
          talks.push(...take);
          if (talks.length === limit) {
            const end = (row.id === from ? offset : 0) + take.length;
            return { talks, next: end < row.talks.length ? `${row.id}.${end}` : row.id + 1 < buckets ? `${row.id + 1}.0` : undefined };
          }
        }
        from += PAGE_BUCKETS;
        offset = 0;
      }
      return { talks, next: undefined };
    });
  }

  async count(): Promise<number> {
    return this.read(async (t) => (await t.links.get(COUNT_KEY))?.count ?? 0);
  }

  /** Talks of any of these speakers, each once (the former `speakerIds` index). */
  async ofSpeakers(ids: readonly string[]): Promise<Talk[]> {
    if (ids.length === 0) return [];
    return this.read(async (t) => this.present(await this.bulkGet(await linked(t.links, ids, speakerShard))));
  }

  /** Talks of any of these events, each once (the former `eventId` index). */
  async ofEvents(ids: readonly string[]): Promise<Talk[]> {
    if (ids.length === 0) return [];
    return this.read(async (t) => this.present(await this.bulkGet(await linked(t.links, ids, eventShard))));
  }

  put(talk: Talk): Promise<void> {
    return this.write([talk], []);
  }

  bulkPut(talks: readonly Talk[]): Promise<void> {
    return this.write(talks, []);
  }

  /** Like {@link bulkPut}, but fails (and the transaction with it) if a talk is already stored. */
  bulkAdd(talks: readonly Talk[]): Promise<void> {
    return this.write(talks, [], true);
  }

  delete(id: string): Promise<void> {
    return this.write([], [id]);
  }

  bulkDelete(ids: readonly string[]): Promise<void> {
    return this.write([], ids);
  }

  async clear(): Promise<void> {
    await this.db.transaction('rw', this.scope, async () => {
      const t = this.tables();
      await Promise.all([t.buckets.clear(), t.links.clear()]);
      this.tell([], null);
    });
  }

  private present(talks: (Talk | undefined)[]): Talk[] {
    return talks.filter((x): x is Talk => x !== undefined);
  }

  private read<T>(fn: (t: TalkTables) => Promise<T>): Promise<T> {
    return this.db.transaction('r', this.scope, () => fn(this.tables()));
  }

  private write(puts: readonly Talk[], dels: readonly string[], add = false): Promise<void> {
    if (puts.length === 0 && dels.length === 0) return Promise.resolve();
    // A sub-transaction: Dexie runs the sub-transactions of one transaction
    // one after another, so two writes never rewrite a bucket from the same read.
    return this.db.transaction('rw', this.scope, async () => {
      this.tell(puts, dels, this.starting);
      await writeTalks(this.tables(), puts, dels, add);
      this.tell(puts, dels);
    });
  }

  private tell(puts: readonly Talk[], dels: readonly string[] | null, listeners = this.listeners): void {
    const trans = Dexie.currentTransaction?.idbtrans as IDBTransaction | undefined;
    for (const fn of listeners) fn(puts, dels, trans);
  }
}
