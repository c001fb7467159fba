/**
 * Records stored in buckets, not one row each: the layout of talks and
 * people (talk-store.ts, speaker-store.ts).
 *
 * Chromium's IndexedDB spends about 100 µs of its own CPU on every record
 * and index entry it writes (LevelDB writes, then compaction), Firefox about
 * half that, so 50,000 people with their name and identifier index entries
 * took 9 s to write in Chromium and 6 s in Firefox, whatever the worker did;
 * the same people in about 1,600 rows with a directory take under 1.5 s. So:
 * - the buckets table: row `n` holds every record whose id hashes to `n`,
 *   sorted by id. A record is read by reading its bucket. The number of
 *   buckets grows with the table (a power of two, {@link BucketKind.perBucket}
 *   records each; every record is re-bucketed when it doubles).
 * - the links table: the directory the indexes used to be (which records
 *   each key has, in shards named by the kind's `links`), the record count
 *   and the bucket count. Written in the same transaction as the buckets,
 *   so it is never out of step with them.
 *
 * {@link BucketTable} offers the slice of Dexie's table API the archive uses,
 * and {@link BucketTable.linkedTo} for the former indexes.
 */
import Dexie, { type Table } from 'dexie';

const MIN_BUCKETS = 16;
export const MAX_BUCKETS = 8192;
const COUNT_KEY = 'count';
const LAYOUT_KEY = 'layout';
/** Buckets read at once when walking the whole table (a few MB). */
const PAGE_BUCKETS = 256;

/** What differs between the kinds of records kept in buckets. */
export interface BucketKind<T extends { id: string }> {
  /** The record's name in errors ("Talk"). */
  noun: string;
  /** Records per bucket the layout aims at. */
  perBucket: number;
  /** The field of a bucket row that holds its records. */
  field: string;
  /** The directory entries of a record: the shard each key is kept in, and the key. */
  links(record: T, add: (shard: string, key: string) => void): void;
}

/** The bucket count for `records` records, `perBucket` each. */
export function bucketsFor(records: number, perBucket: number): number {
  let n = MIN_BUCKETS;
  while (n < MAX_BUCKETS && n * perBucket < records) n *= 2;
  return n;
}

/** A bucket row: its id and, under the kind's field, its records. */
export type BucketRow = { id: number } & Record<string, unknown>;

/** A directory shard (key → record ids), the count row, or the layout row (bucket count). */
export interface LinkRow {
  id: string;
  links?: Record<string, string[]>;
  count?: number;
  buckets?: number;
}

/** The two Dexie tables of a bucket store, with its bucket rows' type. */
export interface BucketTablesOf<Row> {
  buckets: Table<Row, number>;
  links: Table<LinkRow, string>;
}

export type BucketTables = BucketTablesOf<BucketRow>;

/** The records a bucket row holds under the kind's field. */
const recordsIn = <T extends { id: string }>(kind: BucketKind<T>, row: BucketRow | undefined): T[] => (row?.[kind.field] ?? []) as T[];

/** FNV-1a: spreads ids evenly whatever their format. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const bucketOf = (id: string, buckets: number): number => hash(id) % buckets;

/** How many buckets the records are in now, and how many records there are. */
async function layoutOf(links: BucketTables['links']): Promise<{ buckets: number; count: number }> {
  const [layout, count] = await links.bulkGet([LAYOUT_KEY, COUNT_KEY]);
  return { buckets: layout?.buckets ?? MIN_BUCKETS, count: count?.count ?? 0 };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Records to write per `bulkPut`: serialising one holds the worker (about 8 ms for 500 talks in Chromium). */
const CHUNK_RECORDS = 512;
/** Directory shards per `bulkPut` (a name shard holds about 600 keys at 50,000 people). */
const CHUNK_SHARDS = 8;

/**
 * Puts rows a chunk at a time with two chunks in flight, so the worker
 * answers messages (a keystroke's search, a page's names) between chunks:
 * one `bulkPut` of 100,000 talks held it 1.6 s in Chromium.
 */
async function putInChunks<R>(table: { bulkPut(rows: R[]): PromiseLike<unknown> }, rows: readonly R[], chunk: number): Promise<void> {
  let previous: PromiseLike<unknown> | undefined;
  for (let i = 0; i < rows.length; i += chunk) {
    const next = table.bulkPut(rows.slice(i, i + chunk));
    if (previous) await previous;
    previous = next;
  }
  await previous;
}

/**
 * Directory changes of one write, applied to the shards it touches at the
 * end. Within a write an id's removal always comes before its addition
 * (the old version of a record, then the new), so an addition wins.
 */
class LinkDelta<T extends { id: string }> {
  private shards = new Map<string, Map<string, { add: string[]; del?: string[] }>>();

  constructor(private readonly kind: BucketKind<T>) {}

  record(r: T, add: boolean): void {
    this.kind.links(r, (shard, key) => {
      const keys = this.shards.get(shard) ?? this.shards.set(shard, new Map()).get(shard)!;
      const change = keys.get(key) ?? keys.set(key, { add: [] }).get(key)!;
      if (add) change.add.push(r.id);
      else (change.del ??= []).push(r.id);
    });
  }

  async apply(links: BucketTables['links']): Promise<void> {
    if (this.shards.size === 0) return;
    const ids = [...this.shards.keys()];
    const rows = await links.bulkGet(ids);
    const out = ids.map((id, i) => {
      const map = rows[i]?.links ?? {};
      for (const [key, { add, del }] of this.shards.get(id)!) {
        const before = map[key];
        if (!before && !del) {
          map[key] = add.length > 1 ? [...new Set(add)] : add;
          continue;
        }
        const now = new Set(before);
        for (const x of del ?? []) now.delete(x);
        for (const x of add) now.add(x);
        if (now.size) map[key] = [...now];
        else delete map[key];
      }
      return { id, links: map };
    });
    await putInChunks(links, out, CHUNK_SHARDS);
  }
}

/** Record ids that `keys` have in their shards (`shardOf`). */
async function linked(links: BucketTables['links'], keys: readonly string[], shardOf: (key: string) => string): Promise<string[]> {
  const shardIds = [...new Set(keys.map(shardOf))];
  const rows = await links.bulkGet(shardIds);
  const shards = new Map(shardIds.map((id, i) => [id, rows[i]?.links]));
  const out = new Set<string>();
  for (const key of keys) for (const x of shards.get(shardOf(key))?.[key] ?? []) out.add(x);
  return [...out];
}

/**
 * Puts and deletes records: rewrites the buckets they fall in, the
 * directory shards whose links change, and the count; re-buckets every
 * record when the table outgrows its bucket count. Call inside a `rw`
 * transaction over both tables. `add` refuses ids already stored.
 */
export async function writeRecords<T extends { id: string }>(
  kind: BucketKind<T>,
  tables: BucketTables,
  puts: readonly T[],
  deletes: readonly string[] = [],
  add = false,
): Promise<void> {
  const recordsOf = (row: BucketRow | undefined) => recordsIn(kind, row);
  const layout = await layoutOf(tables.links);
  const work = new Map<number, { puts: T[]; dels: string[] }>();
  const slot = (id: string) => {
    const b = bucketOf(id, layout.buckets);
    return work.get(b) ?? work.set(b, { puts: [], dels: [] }).get(b)!;
  };
  for (const id of deletes) slot(id).dels.push(id);
  for (const r of puts) slot(r.id).puts.push(r);
  const ids = [...work.keys()].sort((a, b) => a - b);
  const rows = await tables.buckets.bulkGet(ids);
  const delta = new LinkDelta(kind);
  let count = 0;
  /** Each touched bucket's records after this write (empty: the bucket goes). */
  const changed = new Map<number, T[]>();
  ids.forEach((id, i) => {
    const held = new Map(recordsOf(rows[i]).map((r) => [r.id, r]));
    const { puts: p, dels } = work.get(id)!;
    for (const rid of dels) {
      const old = held.get(rid);
      if (!old) continue;
      delta.record(old, false);
      held.delete(rid);
      count--;
    }
    for (const r of p) {
      const old = held.get(r.id);
      if (old && add) throw new Dexie.ConstraintError(`${kind.noun} ${r.id} is already stored.`);
      if (old) delta.record(old, false);
      else count++;
      delta.record(r, true);
      held.set(r.id, r);
    }
    if (held.size || rows[i]) changed.set(id, [...held.values()]);
  });
  const total = layout.count + count;
  const buckets = Math.max(layout.buckets, bucketsFor(total, kind.perBucket));
  const grow = buckets > layout.buckets;
  let out: [number, T[]][];
  if (grow) {
    // Outgrown: every record into the new layout, the untouched rows as stored and the touched ones as written.
    const next = new Map<number, T[]>();
    const place = (r: T) => {
      const b = bucketOf(r.id, buckets);
      (next.get(b) ?? next.set(b, []).get(b)!).push(r);
    };
    for (const row of await tables.buckets.toArray()) if (!changed.has(row.id)) recordsOf(row).forEach(place);
    for (const held of changed.values()) held.forEach(place);
    await tables.buckets.clear();
    out = [...next];
  } else {
    out = [...changed].filter(([, held]) => held.length);
  }
  const gone = grow ? [] : [...changed].filter(([, held]) => !held.length).map(([id]) => id);
  await Promise.all([
    putInChunks(
      tables.buckets,
      out.sort((a, b) => a[0] - b[0]).map(([id, held]) => ({ id, [kind.field]: held.sort(byId) })),
      Math.max(1, Math.round(CHUNK_RECORDS / kind.perBucket)),
    ),
    gone.length ? tables.buckets.bulkDelete(gone) : undefined,
    delta.apply(tables.links),
    count !== 0 ? tables.links.put({ id: COUNT_KEY, count: total }) : undefined,
    grow ? tables.links.put({ id: LAYOUT_KEY, buckets }) : undefined,
  ]);
}

/**
 * Listener for a write, told inside the writing transaction: the records
 * written and the ids deleted (`null`: all of them, a clear).
 */
export type WriteListener<T> = (puts: readonly T[], dels: readonly string[] | null, trans: IDBTransaction | undefined) => void;

/** A table of records in buckets, over {@link BucketTables}: the part of Dexie's table API the archive uses. */
export class BucketTable<T extends { id: string }> {
  private listeners = new Set<WriteListener<T>>();
  private starting = new Set<WriteListener<T>>();

  constructor(
    private readonly db: Dexie,
    private readonly tables: () => BucketTables,
    private readonly kind: BucketKind<T>,
  ) {}

  /** The Dexie tables a transaction over these records must include. */
  get scope(): Table[] {
    const t = this.tables();
    return [t.buckets, t.links] as Table[];
  }

  /** Calls `fn` with every write (its transaction may still abort). */
  onWrite(fn: WriteListener<T>): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Calls `fn` with every write as it starts: a listener can work on them while the database writes. */
  onWriting(fn: WriteListener<T>): () => void {
    this.starting.add(fn);
    return () => this.starting.delete(fn);
  }

  async get(id: string): Promise<T | undefined> {
    return (await this.bulkGet([id]))[0];
  }

  async bulkGet(ids: readonly string[]): Promise<(T | undefined)[]> {
    if (ids.length === 0) return [];
    return this.read(async (t) => {
      const { buckets: n } = await layoutOf(t.links);
      const buckets = [...new Set(ids.map((id) => bucketOf(id, n)))];
      const wanted = new Set(ids);
      const found = new Map<string, T>();
      for (const row of await t.buckets.bulkGet(buckets)) for (const x of this.recordsOf(row)) if (wanted.has(x.id)) found.set(x.id, x);
      return ids.map((id) => found.get(id));
    });
  }

  /** Every record, bucket by bucket (the order exports use). */
  async toArray(): Promise<T[]> {
    return this.read(async (t) => (await t.buckets.toArray()).flatMap((b) => this.recordsOf(b)));
  }

  /** Visits every record, a few buckets at a time. */
  async each(visit: (record: T) => void): Promise<void> {
    return this.read(async (t) => {
      const { buckets } = await layoutOf(t.links);
      for (let b = 0; b < buckets; b += PAGE_BUCKETS) {
        for (const row of await t.buckets.where(':id').between(b, b + PAGE_BUCKETS, true, false).toArray()) this.recordsOf(row).forEach(visit);
      }
    });
  }

  /**
   * Every record, a few buckets per transaction, each page handed over
   * outside its transaction (the caller may pause between pages; a record
   * written meanwhile may be missed or seen twice, so callers follow writes,
   * as the search index does).
   */
  async *pages(bucketsPerPage = PAGE_BUCKETS): AsyncGenerator<T[]> {
    const { buckets } = await this.read((t) => layoutOf(t.links));
    for (let b = 0; b < buckets; b += bucketsPerPage) {
      const rows = await this.read((t) => t.buckets.where(':id').between(b, b + bucketsPerPage, true, false).toArray());
      yield rows.flatMap((r) => this.recordsOf(r));
    }
  }

  /**
   * At most `limit` records in export order after `cursor` (`"bucket.offset"`
   * of the next record; undefined starts at the beginning), and the cursor of
   * the record after them (undefined at the end).
   */
  async slice(cursor: string | undefined, limit: number): Promise<{ records: T[]; next: string | undefined }> {
    const [b0, o0] = (cursor ?? '0.0').split('.').map(Number) as [number, number];
    return this.read(async (t) => {
      const { buckets } = await layoutOf(t.links);
      const records: T[] = [];
      let from = b0;
      let offset = o0;
      while (records.length < limit && from < buckets) {
        const rows = await t.buckets.where(':id').between(from, from + PAGE_BUCKETS, true, false).toArray();
        for (const row of rows) {
          const held = this.recordsOf(row);
          const take = held.slice(row.id === from ? offset : 0, row.id === from ? offset + limit - records.length : limit - records.length);
          records.push(...take);
          if (records.length === limit) {
            const end = (row.id === from ? offset : 0) + take.length;
            return { records, next: end < held.length ? `${row.id}.${end}` : row.id + 1 < buckets ? `${row.id + 1}.0` : undefined };
          }
        }
        from += PAGE_BUCKETS;
        offset = 0;
      }
      return { records, next: undefined };
    });
  }

  async count(): Promise<number> {
    return this.read(async (t) => (await t.links.get(COUNT_KEY))?.count ?? 0);
  }

  /** Records any of `keys` link to, each once (a former index); `shardOf` names a key's shard as the kind's `links` does. */
  protected async linkedTo(keys: readonly string[], shardOf: (key: string) => string): Promise<T[]> {
    if (keys.length === 0) return [];
    return this.read(async (t) => this.present(await this.bulkGet(await linked(t.links, keys, shardOf))));
  }

  put(record: T): Promise<void> {
    return this.write([record], []);
  }

  bulkPut(records: readonly T[]): Promise<void> {
    return this.write(records, []);
  }

  /** Like {@link bulkPut}, but fails (and the transaction with it) if a record is already stored. */
  bulkAdd(records: readonly T[]): Promise<void> {
    return this.write(records, [], true);
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

  private recordsOf(row: BucketRow | undefined): T[] {
    return recordsIn(this.kind, row);
  }

  private present(records: (T | undefined)[]): T[] {
    return records.filter((x): x is T => x !== undefined);
  }

  private read<R>(fn: (t: BucketTables) => Promise<R>): Promise<R> {
    return this.db.transaction('r', this.scope, () => fn(this.tables()));
  }

  private write(puts: readonly T[], dels: readonly string[], add = false): Promise<void> {
    if (puts.length === 0 && dels.length === 0) return Promise.resolve();
    // A sub-transaction: Dexie runs the sub-transactions of one transaction
    // one after another, so two writes never rewrite a bucket from the same read.
    return this.db.transaction('rw', this.scope, async () => {
      this.tell(puts, dels, this.starting);
      await writeRecords(this.kind, this.tables(), puts, dels, add);
      this.tell(puts, dels);
    });
  }

  private tell(puts: readonly T[], dels: readonly string[] | null, listeners = this.listeners): void {
    const trans = Dexie.currentTransaction?.idbtrans as IDBTransaction | undefined;
    for (const fn of listeners) fn(puts, dels, trans);
  }
}
