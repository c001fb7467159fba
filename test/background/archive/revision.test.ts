import { bumpRevision, getRevision, latestRevision } from '../../../src/background/archive/revision';
import type { PodiumDb } from '../../../src/background/db';
import { freshDb } from '../helpers';

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const bump = () => db.transaction('rw', db.meta, () => bumpRevision(db));

describe('latestRevision', () => {
  it('reads the revision once, then answers from memory until a write bumps it', async () => {
    await bump();
    const reads = jest.spyOn(db.meta, 'get');
    expect(await latestRevision(db)).toBe(1);
    expect(await latestRevision(db)).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);
    await bump();
    expect(await latestRevision(db)).toBe(2);
    expect(await getRevision(db)).toBe(2);
  });

  it('keeps nothing from a read that a bump overlapped, nor from a transaction that did not commit', async () => {
    await bump();
    // A read in flight when a write bumps: its answer is not kept.
    const inFlight = latestRevision(db);
    const writing = bump();
    await inFlight;
    await writing;
    expect(await latestRevision(db)).toBe(2);
    // A bump that is rolled back: the revision read after it is the committed one.
    await expect(
      db.transaction('rw', db.meta, async () => {
        await bumpRevision(db);
        expect(await latestRevision(db)).toBe(3); // inside the transaction: read, not kept
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await latestRevision(db)).toBe(2);
    expect(await getRevision(db)).toBe(2);
  });
});
