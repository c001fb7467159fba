/**
 * People in buckets (src/background/archive/speaker-store.ts): what the
 * former table and its `nameKeys`/`idKeys` indexes answered, the directory
 * kept in step by every write, growth, and all-or-nothing transactions.
 */
import type { PodiumDb } from '../../../src/background/db';
import type { Speaker } from '../../../src/shared/types';
import { freshDb } from '../helpers';

const at = '2025-01-01T00:00:00.000Z';
const person = (n: number, extra: Partial<Speaker> = {}): Speaker => ({
  id: `sp_${String(n).padStart(4, '0')}`,
  name: `Person ${n}`,
  aliases: [],
  nameKeys: [`person ${n}`, ...(n % 5 ? [] : [`p ${n}`])],
  headline: [],
  location: [],
  summary: [],
  positions: [],
  education: [],
  skills: [],
  publications: [],
  projects: [],
  links: [],
  photoUrl: [],
  identifiers: [],
  idKeys: n % 4 ? [] : [`pretalx:${n}`],
  sources: ['src_1'],
  createdAt: at,
  updatedAt: at,
  ...extra,
});
const ids = (people: (Speaker | undefined)[]) => people.map((s) => s?.id).sort();

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const many = Array.from({ length: 1500 }, (_, n) => person(n));

describe('speaker store', () => {
  it('stores people in buckets and finds them by id, name key and identifier key', async () => {
    await db.speakers.bulkPut(many);
    expect(await db.speakers.count()).toBe(1500);
    expect(await db.speakerBuckets.count()).toBe(64); // 32 a bucket
    expect(await db.speakers.get('sp_0123')).toEqual(many[123]);
    expect(await db.speakers.get('sp_9999')).toBeUndefined();
    expect(ids(await db.speakers.bulkGet(['sp_0005', 'nope', 'sp_0900']))).toEqual(['sp_0005', 'sp_0900', undefined]);
    expect(ids(await db.speakers.withNameKeys(['person 7', 'p 10', 'person 10']))).toEqual(['sp_0007', 'sp_0010']);
    expect(ids(await db.speakers.withIdKeys(['pretalx:8', 'pretalx:9']))).toEqual(['sp_0008']);
    expect(await db.speakers.withNameKeys(['nobody'])).toEqual([]);
    expect(await db.speakers.withNameKeys([])).toEqual([]);
    expect(ids(await db.speakers.toArray())).toEqual(ids(many));
  });

  it('keeps the directory in step when a person is renamed, shares a name, or is deleted', async () => {
    await db.speakers.bulkPut(many);
    await db.speakers.put({ ...many[7]!, name: 'Ada Quokka', nameKeys: ['ada quokka'], idKeys: ['orcid:1'] });
    expect(await db.speakers.withNameKeys(['person 7'])).toEqual([]);
    expect(ids(await db.speakers.withNameKeys(['ada quokka']))).toEqual(['sp_0007']);
    expect(ids(await db.speakers.withIdKeys(['orcid:1']))).toEqual(['sp_0007']);
    await db.speakers.put(person(2000, { nameKeys: ['ada quokka'] }));
    expect(ids(await db.speakers.withNameKeys(['ada quokka']))).toEqual(['sp_0007', 'sp_2000']);
    await db.speakers.bulkDelete(['sp_0007', 'sp_0008', 'nope']);
    expect(ids(await db.speakers.withNameKeys(['ada quokka', 'person 8']))).toEqual(['sp_2000']);
    expect(await db.speakers.withIdKeys(['orcid:1', 'pretalx:8'])).toEqual([]);
    expect(await db.speakers.count()).toBe(1499);
  });

  it('grows its layout as people arrive in batches, and reads each person once by pages, slices and visits', async () => {
    for (let i = 0; i < many.length; i += 100) await db.speakers.bulkPut(many.slice(i, i + 100));
    expect(await db.speakerBuckets.count()).toBe(64);
    const paged: Speaker[] = [];
    for await (const page of db.speakers.pages(7)) paged.push(...page);
    expect(ids(paged)).toEqual(ids(many));
    const visited: Speaker[] = [];
    await db.speakers.each((s) => visited.push(s));
    expect(ids(visited)).toEqual(ids(many));
    const sliced: Speaker[] = [];
    let cursor: string | undefined;
    do {
      const page = await db.speakers.slice(cursor, 333);
      sliced.push(...page.records);
      cursor = page.next;
    } while (cursor);
    expect(sliced.map((s) => s.id)).toEqual(visited.map((s) => s.id));
    expect(ids(await db.speakers.withNameKeys(['person 1499']))).toEqual(['sp_1499']);
  });

  it('refuses an id already stored with bulkAdd, and an aborted transaction leaves people and directory as they were', async () => {
    await db.speakers.bulkPut(many.slice(0, 10));
    await expect(db.speakers.bulkAdd([person(3)])).rejects.toThrow(/sp_0003 is already stored/);
    await expect(
      db.transaction('rw', db.speakers.scope, async () => {
        await db.speakers.put({ ...many[1]!, nameKeys: ['renamed'] });
        await db.speakers.bulkPut(Array.from({ length: 600 }, (_, n) => person(5000 + n)));
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(await db.speakers.count()).toBe(10);
    expect(await db.speakerBuckets.count()).toBeLessThanOrEqual(16);
    expect(ids(await db.speakers.withNameKeys(['person 1']))).toEqual(['sp_0001']);
    expect(await db.speakers.withNameKeys(['renamed'])).toEqual([]);
    await db.speakers.clear();
    expect(await db.speakers.count()).toBe(0);
    expect(await db.speakers.withNameKeys(['person 1'])).toEqual([]);
  });
});
