/**
 * Talks in buckets (src/background/archive/talk-store.ts): what the former
 * table and its `speakerIds`/`eventId` indexes answered, the directory kept
 * in step by every write, and all-or-nothing transactions.
 */
import { MAX_BUCKETS, bucketOf, bucketsFor } from '../../../src/background/archive/talk-store';
import type { PodiumDb } from '../../../src/background/db';
import type { Talk } from '../../../src/shared/types';
import { freshDb } from '../helpers';

const at = '2025-01-01T00:00:00.000Z';
const talk = (n: number, speakerIds: string[], eventId?: string): Talk => ({
  id: `tk_${String(n).padStart(4, '0')}`,
  title: `Talk ${n}`,
  titleKey: `talk ${n}`,
  abstract: [],
  kind: 'talk',
  speakerIds,
  ...(eventId ? { eventId } : {}),
  links: [],
  tags: [],
  sources: ['src_1'],
  createdAt: at,
  updatedAt: at,
});
const ids = (talks: (Talk | undefined)[]) => talks.map((t) => t?.id).sort();

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

/** 1,000 talks: speaker `sp_{n % 40}` (and `sp_x` on every tenth), event `ev_{n % 7}`. */
const many = Array.from({ length: 1000 }, (_, n) => talk(n, n % 10 ? [`sp_${n % 40}`] : [`sp_${n % 40}`, 'sp_x'], `ev_${n % 7}`));

describe('talk store', () => {
  it('stores talks in buckets and reads them back by id, speaker and event', async () => {
    await db.talks.bulkPut(many);
    expect(await db.talks.count()).toBe(1000);
    // About 64 talks a bucket.
    expect(await db.talkBuckets.count()).toBe(bucketsFor(1000));
    expect(bucketsFor(1000)).toBe(16);
    expect(await db.talks.get('tk_0123')).toEqual(many[123]);
    expect(await db.talks.get('tk_9999')).toBeUndefined();
    expect(ids(await db.talks.bulkGet(['tk_0005', 'nope', 'tk_0900']))).toEqual(['tk_0005', 'tk_0900', undefined]);
    expect(ids(await db.talks.ofSpeakers(['sp_3']))).toEqual(ids(many.filter((t) => t.speakerIds.includes('sp_3'))));
    expect(await db.talks.ofSpeakers(['sp_x', 'sp_0'])).toHaveLength(many.filter((t) => t.speakerIds.some((s) => s === 'sp_x' || s === 'sp_0')).length);
    expect(ids(await db.talks.ofEvents(['ev_2', 'ev_5']))).toEqual(ids(many.filter((t) => t.eventId === 'ev_2' || t.eventId === 'ev_5')));
    expect(await db.talks.ofSpeakers(['sp_none'])).toEqual([]);
    expect(ids(await db.talks.toArray())).toEqual(ids(many));
  });

  it('keeps the directory in step when a talk changes speakers or event, and when it is deleted', async () => {
    await db.talks.bulkPut(many);
    const moved = { ...many[1]!, speakerIds: ['sp_new'], eventId: 'ev_new' };
    await db.talks.put(moved);
    expect(ids(await db.talks.ofSpeakers(['sp_new']))).toEqual(['tk_0001']);
    expect(ids(await db.talks.ofSpeakers(['sp_1']))).not.toContain('tk_0001');
    expect(ids(await db.talks.ofEvents(['ev_new']))).toEqual(['tk_0001']);
    expect(ids(await db.talks.ofEvents(['ev_1']))).not.toContain('tk_0001');
    expect(await db.talks.count()).toBe(1000);

    await db.talks.bulkDelete(['tk_0001', 'tk_0002', 'tk_nope']);
    expect(await db.talks.ofSpeakers(['sp_new'])).toEqual([]);
    expect(await db.talks.get('tk_0002')).toBeUndefined();
    expect(await db.talks.count()).toBe(998);
    const shard = (await db.talkLinks.toArray()).flatMap((r) => Object.keys(r.links ?? {}));
    expect(shard).not.toContain('sp_new');
  });

  it('re-buckets every talk as the archive grows, losing nothing and keeping the directory', async () => {
    const more = Array.from({ length: 3000 }, (_, n) => talk(1000 + n, ['sp_more']));
    for (const part of [many, more.slice(0, 1500), more.slice(1500)]) for (let i = 0; i < part.length; i += 250) await db.talks.bulkPut(part.slice(i, i + 250));
    expect(await db.talkBuckets.count()).toBe(bucketsFor(4000));
    expect(bucketsFor(4000)).toBe(64);
    expect(await db.talks.count()).toBe(4000);
    expect(await db.talks.ofSpeakers(['sp_more'])).toHaveLength(3000);
    await db.talks.bulkDelete(more.map((t) => t.id));
    expect(ids(await db.talks.toArray())).toEqual(ids(many));
    expect(await db.talks.get('tk_0777')).toEqual(many[777]);
    expect(ids(await db.talks.ofSpeakers(['sp_x']))).toEqual(ids(many.filter((t) => t.speakerIds.includes('sp_x'))));
    expect(await db.talks.count()).toBe(1000);
    // Deleting never shrinks the layout back (no churn at a boundary).
    await db.talks.bulkDelete(many.slice(0, 900).map((t) => t.id));
    expect(await db.talks.count()).toBe(100);
    expect(ids(await db.talks.toArray())).toEqual(ids(many.slice(900)));
  });

  it('sizes buckets for about 64 talks, in powers of two, within bounds', () => {
    expect(bucketsFor(0)).toBe(16);
    expect(bucketsFor(1025)).toBe(32);
    expect(bucketsFor(100_000)).toBe(2048);
    expect(bucketsFor(10_000_000)).toBe(MAX_BUCKETS);
  });

  it('drops a bucket that becomes empty', async () => {
    await db.talks.put(talk(1, ['sp_1']));
    expect(await db.talkBuckets.get(bucketOf('tk_0001', bucketsFor(1)))).toBeDefined();
    await db.talks.delete('tk_0001');
    expect(await db.talkBuckets.count()).toBe(0);
    expect(await db.talks.count()).toBe(0);
  });

  it('runs writes of one transaction one after another, so none is lost', async () => {
    // Same bucket for all: each write rewrites it.
    const n = bucketsFor(6);
    const sameBucket = Array.from({ length: 1000 }, (_, i) => talk(i, ['sp_1'])).filter((t) => bucketOf(t.id, n) === bucketOf('tk_0000', n)).slice(0, 6);
    expect(sameBucket.length).toBe(6);
    await db.transaction('rw', db.talks.scope, () => Promise.all(sameBucket.map((t) => db.talks.put(t))));
    expect(ids(await db.talks.ofSpeakers(['sp_1']))).toEqual(ids(sameBucket));
    expect(await db.talks.count()).toBe(6);
  });

  it('rolls back with its transaction: buckets, directory and count', async () => {
    await db.talks.bulkPut(many.slice(0, 10));
    const failing = db.transaction('rw', [db.meta, ...db.talks.scope], async () => {
      await db.talks.bulkPut([talk(500, ['sp_rolled'])]);
      await db.talks.bulkDelete(['tk_0003']);
      throw new Error('import failed half way');
    });
    await expect(failing).rejects.toThrow('half way');
    expect(await db.talks.count()).toBe(10);
    expect(await db.talks.ofSpeakers(['sp_rolled'])).toEqual([]);
    expect(await db.talks.get('tk_0003')).toEqual(many[3]);
  });

  it('bulkAdd refuses a talk that is already stored', async () => {
    await db.talks.bulkPut([talk(1, ['sp_1'])]);
    await expect(db.talks.bulkAdd([talk(2, ['sp_2']), talk(1, ['sp_1'])])).rejects.toThrow('tk_0001');
    expect(await db.talks.count()).toBe(1);
  });

  it('tells onWriting listeners as a write starts (with its transaction), onWrite ones once it is made', async () => {
    const seen: string[] = [];
    db.talks.onWriting((puts, dels, trans) => seen.push(`writing ${puts.length}/${dels?.length} in ${trans ? 'a transaction' : 'none'}`));
    db.talks.onWrite((puts) => seen.push(`wrote ${puts.length}`));
    await db.talks.bulkPut([talk(1, ['sp_1']), talk(2, ['sp_2'])]);
    // A write that fails was still announced, never reported made.
    await expect(db.talks.bulkAdd([talk(1, ['sp_1'])])).rejects.toThrow('tk_0001');
    expect(seen).toEqual(['writing 2/0 in a transaction', 'wrote 2', 'writing 1/0 in a transaction']);
  });

  it('pages through every talk once, in the order toArray gives', async () => {
    await db.talks.bulkPut(many);
    const all = await db.talks.toArray();
    for (const limit of [1, 7, 333, 5000]) {
      const seen: Talk[] = [];
      let cursor: string | undefined;
      do {
        const page = await db.talks.slice(cursor, limit);
        expect(page.records.length).toBeLessThanOrEqual(limit);
        seen.push(...page.records);
        cursor = page.next;
        if (limit === 1 && seen.length > 50) break;
      } while (cursor !== undefined);
      if (limit === 1) expect(seen).toEqual(all.slice(0, seen.length));
      else expect(seen).toEqual(all);
    }
    const visited: string[] = [];
    await db.talks.each((t) => visited.push(t.id));
    expect(visited).toEqual(all.map((t) => t.id));
    const paged: string[] = [];
    for await (const page of db.talks.pages()) paged.push(...page.map((t) => t.id));
    expect(paged).toEqual(all.map((t) => t.id));
  });

  it('clears everything', async () => {
    await db.talks.bulkPut(many);
    await db.talks.clear();
    expect(await db.talks.count()).toBe(0);
    expect(await db.talks.toArray()).toEqual([]);
    expect(await db.talks.ofSpeakers(['sp_1'])).toEqual([]);
  });
});
