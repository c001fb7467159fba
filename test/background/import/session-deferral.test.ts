/**
 * During an import session the matcher's recompile and the search index's
 * background refresh wait for the session's end; answers stay correct
 * meanwhile and right after the commit or abort.
 */
import { importSessionBusy, noteSessionActivity, SESSION_QUIET_MS } from '../../../src/background/archive/import-activity';
import type { PodiumDb } from '../../../src/background/db';
import { importSessionAbort, importSessionAdd, importSessionCommit, importSessionStart } from '../../../src/background/import/session';
import { importBundle } from '../../../src/background/archive/merge';
import { MatcherStore } from '../../../src/background/matcher/store';
import { SearchService } from '../../../src/background/search/service';
import { bundle, freshDb } from '../helpers';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const one = (name: string, title: string) => bundle({ name: `${name}.txt`, speakers: [{ ref: 'a', name }], talks: [{ title, speakerRefs: ['a'] }] });

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

describe('import session deferral', () => {
  it('recompiles the matcher once, after the commit, and answers correctly meanwhile', async () => {
    const store = new MatcherStore(db, 5);
    // Opening a new database tells every table's watchers it changed: that is not the session's write.
    await db.open();
    const stop = store.watch();
    const rebuild = jest.spyOn(store, 'rebuild');
    const { sessionId } = await importSessionStart(db, 'test', Date.now(), 0);
    await importSessionAdd(db, sessionId, one('Ada Quokka', 'Quokkas in production'));
    await importSessionAdd(db, sessionId, one('Bob Wombat', 'Wombats at scale'));
    await pause(60);
    expect(importSessionBusy(db)).toBe(true);
    expect(rebuild).not.toHaveBeenCalled();
    // Asked meanwhile, it still answers for the archive as it is.
    expect((await store.get()).speakerCount).toBe(2);
    rebuild.mockClear();
    await importSessionAdd(db, sessionId, one('Cy Numbat', 'Numbats'));
    await pause(60);
    expect(rebuild).not.toHaveBeenCalled();
    await importSessionCommit(db, sessionId);
    expect(importSessionBusy(db)).toBe(false);
    await pause(60);
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect((await store.get()).speakerCount).toBe(3);
    stop();
  });

  it('refreshes the search index after the session, and searches see every batch', async () => {
    const service = new SearchService(db, { persistDelayMs: 5 });
    try {
      await service.search('x'); // built (empty)
      const { sessionId } = await importSessionStart(db, 'test', Date.now(), 0);
      await importSessionAdd(db, sessionId, one('Ada Quokka', 'Quokkas in production'));
      await pause(30);
      expect((await service.status()).docs).toBeGreaterThan(0); // a search applies pending changes
      await importSessionAdd(db, sessionId, one('Bob Wombat', 'Wombats at scale'));
      await importSessionAbort(db, sessionId);
      expect((await service.search('wombat')).speakers).toEqual([]);
      expect((await service.search('quokka')).speakers).toEqual([]);
      const again = await importSessionStart(db, 'again', Date.now(), 0);
      await importSessionAdd(db, again.sessionId, one('Bob Wombat', 'Wombats at scale'));
      await importSessionCommit(db, again.sessionId);
      await pause(30);
      expect((await service.search('wombat')).speakers.map((s) => s.name)).toEqual(['Bob Wombat']);
      const fresh = new SearchService(db);
      await fresh.clearStored();
      expect((await fresh.status(true)).docs).toBe((await service.status()).docs);
      fresh.close();
    } finally {
      service.close();
    }
  });

  it('refreshes the search index after the work that goes first (the matcher a page waits for)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const service = new SearchService(db, { persistDelayMs: 5, after: () => gate });
    try {
      await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ada Quokka' }], talks: [{ title: 'Quokkas', speakerRefs: ['a'], eventRef: 'e' }] }));
      await service.search('x'); // built
      const [ada, event] = [(await db.speakers.toArray())[0]!, (await db.events.toArray())[0]!];
      // A large change renaming an event its stored talk shows: not indexed as it is written (search/service.ts `Ahead`), but after.
      await db.transaction('rw', [...db.speakers.scope, db.events], async () => {
        await db.events.put({ ...event, name: 'Zanzibar Summit' });
        await db.speakers.bulkPut(Array.from({ length: 600 }, (_, i) => ({ ...ada, id: `sp_n${i}`, name: `Quentin Numbat${i}` })));
      });
      await pause(50);
      expect((await service.search('numbat0')).updating).toBe(true); // still waiting for the matcher
      release();
      for (let i = 0; i < 100 && (await service.search('numbat0')).updating; i++) await pause(10);
      expect((await service.search('numbat0')).speakers[0]!.name).toBe('Quentin Numbat0');
    } finally {
      service.close();
    }
  });

  it('an import indexed while it was written answers once committed, without waiting for the matcher', async () => {
    const service = new SearchService(db, { persistDelayMs: 5, after: () => new Promise(() => undefined) });
    try {
      await service.search('x'); // built (empty)
      const people = Array.from({ length: 600 }, (_, i) => ({ ref: `p${i}`, name: `Quentin Numbat${i}` }));
      const { sessionId } = await importSessionStart(db, 'big');
      await importSessionAdd(db, sessionId, bundle({ name: 'big.xml', speakers: people, talks: [{ title: 'Numbats', speakerRefs: ['p0'] }] }));
      await importSessionCommit(db, sessionId);
      for (let i = 0; i < 100 && (await service.search('numbat0')).updating; i++) await pause(10);
      const found = await service.search('numbat0');
      expect(found.updating).toBeUndefined();
      expect(found.speakers[0]!.name).toBe('Quentin Numbat0');
    } finally {
      service.close();
    }
  });

  it('stops waiting for a session the page abandoned', () => {
    const now = Date.now();
    noteSessionActivity(db, 'imp-gone', now);
    expect(importSessionBusy(db, now + 1)).toBe(true);
    expect(importSessionBusy(db, now + SESSION_QUIET_MS + 1)).toBe(false);
  });
});
