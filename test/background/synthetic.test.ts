import { importBundle } from '../../src/background/archive/merge';
import { syntheticBundle } from '../../src/background/archive/synthetic';
import { checkImportBundle } from '../../src/shared/archive-format';
import { normalizeName, normalizeTitle } from '../../src/shared/names';
import { freshDb } from './helpers';

// fake-indexeddb's index scans are far slower than a browser's; the machine is shared.
jest.setTimeout(30_000);

describe('syntheticBundle', () => {
  it('is deterministic, valid, and has distinct names and titles', () => {
    const a = syntheticBundle({ talks: 3000, speakers: 1500, seed: 42 });
    expect(syntheticBundle({ talks: 3000, speakers: 1500, seed: 42 })).toEqual(a);
    expect(syntheticBundle({ talks: 3000, speakers: 1500, seed: 43 })).not.toEqual(a);
    expect(() => checkImportBundle(a, 'bundle')).not.toThrow();
    expect(new Set(a.speakers.map((s) => normalizeName(s.name))).size).toBe(1500);
    expect(new Set(a.talks.map((t) => normalizeTitle(t.title))).size).toBe(3000);
    expect(a.speakers.some((s) => /\P{ASCII}/u.test(s.name))).toBe(true);
  });

  it('scales to the benchmark size with distinct keys', () => {
    const big = syntheticBundle({ talks: 100_000, speakers: 50_000 });
    expect(big.talks).toHaveLength(100_000);
    expect(new Set(big.speakers.map((s) => normalizeName(s.name))).size).toBe(50_000);
  });

  it('imports into exactly that many records, and again without duplicates', async () => {
    const db = freshDb();
    const b = syntheticBundle({ talks: 400, speakers: 200, seed: 3 });
    const first = await importBundle(db, b);
    expect(first.speakers).toEqual({ created: 200, merged: 0 });
    expect(first.talks).toEqual({ created: 400, merged: 0 });
    expect(await db.speakers.count()).toBe(200);
    const again = await importBundle(db, b);
    expect(again.speakers).toEqual({ created: 0, merged: 200 });
    expect(again.talks).toEqual({ created: 0, merged: 400 });
    expect(await db.talks.count()).toBe(400);
    await db.delete();
  });
});
