import { deleteTalk, mergeSpeakers, updateSpeaker } from '../../../src/background/archive/edit';
import { importSessionAdd, importSessionCommit, importSessionStart } from '../../../src/background/import/session';
import { importBundle } from '../../../src/background/archive/merge';
import { undo } from '../../../src/background/archive/undo';
import { clearArchive, exportArchive, importArchive } from '../../../src/background/archive/transfer';
import { SAMPLE_BUNDLES } from '../../../src/background/sample-archive';
import { createArchiveHandlers } from '../../../src/background/archive/handlers';
import { SearchService } from '../../../src/background/search/service';
import { SearchIndex } from '../../../src/background/search/search-index';
import { PodiumDb } from '../../../src/background/db';
import type { PodiumEvent, Talk } from '../../../src/shared/types';
import { bundle, freshDb, speakerNamed } from '../helpers';

/** `n` people, Quentin Numbat0…, each with a talk "Numbat colony i" at the bundle's event `e`; `headlines` by person number. */
function numbats(n: number, headlines: Record<number, string> = {}) {
  const people = Array.from({ length: n }, (_, i) => ({ ref: `p${i}`, name: `Quentin Numbat${i}`, ...(headlines[i] ? { headline: headlines[i] } : {}) }));
  const talks = people.map((p, i) => ({ title: `Numbat colony ${i}`, speakerRefs: [p.ref], eventRef: 'e' }));
  return { people, talks };
}

const view = async (s: SearchService, q: string) =>
  (await s.search(q, 50)).groups.map((g) => ({ kind: g.kind, count: g.count, hits: g.hits.map((h) => `${h.id}:${h.label}:${h.detail}`).sort() }));

// Every case twice: changes indexed from the values their writes committed, and read back from the archive
// (what happens to changes past the number of values kept).
describe.each([
  ['indexing committed values', undefined],
  ['reading changes back', 0],
])('SearchService, %s', (_, knownMax) => {
  let db: PodiumDb;
  let service: SearchService;
  beforeEach(async () => {
    db = freshDb();
    service = new SearchService(db, { persistDelayMs: 10, knownMax });
    for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
  });
  afterEach(async () => {
    service.close();
    await db.delete();
  });

  it('finds sample speakers by typo and without diacritics', async () => {
    expect((await service.search('papex')).speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    expect((await service.search('lavageto')).speakers.map((s) => s.name)).toEqual(['Giuseppe Lavagetto']);
    expect((await service.search('Rok Papez')).groups[0]!.hits[0]!.label).toBe('Rok Papež');
  });

  it('answers from the index as it was while a large import is added, then with the new records; a small edit is applied before answering', async () => {
    await service.search('x'); // built
    const people = Array.from({ length: 700 }, (_, i) => ({ ref: `p${i}`, name: `Quentin Numbat${i}` }));
    await importBundle(db, bundle({ speakers: people, talks: [{ title: 'Numbats at scale', speakerRefs: ['p0'] }] }));
    // The keystroke right after the import does not wait for 700 records to be indexed.
    const first = await service.search('papez');
    expect(first.updating).toBe(true);
    expect(first.speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    for (let i = 0; i < 100 && (await service.search('numbat699')).updating; i++) await new Promise((r) => setTimeout(r, 10));
    const after = await service.search('numbat699');
    expect(after.updating).toBeUndefined();
    expect(after.speakers[0]!.name).toBe('Quentin Numbat699');
    const rok = await speakerNamed(db, 'Rok Papež');
    await updateSpeaker(db, rok.id, { headline: 'Quizmaster at Zzyzx' });
    const edited = await service.search('zzyzx');
    expect(edited.updating).toBeUndefined();
    expect(edited.speakers.map((s) => s.name)).toEqual(['Rok Papež']);
  });

  it('after a worker restart answers from the stored index though the archive moved on, then with everything', async () => {
    await service.search('x');
    await service.flush(); // stored at this revision
    service.close();
    // A worker stopped right after an import: the archive moved on without the service.
    await importBundle(db, bundle({ name: 'late.xml', speakers: [{ ref: 'a', name: 'Zelda Quokkaberg' }], talks: [{ title: 'Quokkas late', speakerRefs: ['a'] }] }));
    const restarted = new PodiumDb(db.name); // closed, as in a new worker
    const again = new SearchService(restarted, { persistDelayMs: 10, knownMax });
    try {
      const first = await again.search('papez');
      expect(first.updating).toBe(true);
      expect(first.speakers.map((x) => x.name)).toEqual(['Rok Papež']);
      for (let i = 0; i < 200 && (await again.search('quokkaberg')).updating; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await again.search('quokkaberg')).speakers.map((x) => x.name)).toEqual(['Zelda Quokkaberg']);
    } finally {
      again.close();
      restarted.close();
      service = new SearchService(db, { knownMax }); // for afterEach
    }
  });

  it('with no stored index and a large archive (a first import), answers at once while it is indexed', async () => {
    const { syntheticBundle } = await import('../../fixtures/synthetic');
    service.close();
    const big = syntheticBundle({ talks: 6000, speakers: 3000, seed: 5 });
    await importBundle(db, big);
    const restarted = new PodiumDb(db.name);
    const fresh = new SearchService(restarted, { persistDelayMs: 10, knownMax });
    try {
      const name = big.speakers[2999]!.name;
      const first = await fresh.search(name);
      expect(first.updating).toBe(true);
      for (let i = 0; i < 500 && (await fresh.search(name)).updating; i++) await new Promise((r) => setTimeout(r, 10));
      const later = await fresh.search(name);
      expect(later.updating).toBeUndefined();
      expect(later.speakers[0]!.name).toBe(name);
    } finally {
      fresh.close();
      restarted.close();
      service = new SearchService(db, { knownMax });
    }
  }, 30_000);

  it('follows imports, edits, merges, deletes and undo incrementally, like a rebuild', async () => {
    await service.search('x'); // built
    const rok = await speakerNamed(db, 'Rok Papež');
    await updateSpeaker(db, rok.id, { headline: 'Quizmaster at Zzyzx' });
    expect((await service.search('zzyzx')).speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ada Quokka' }], talks: [{ title: 'Quokkas in production', speakerRefs: ['a'], eventRef: 'e' }] }));
    expect((await service.search('quokka')).groups.map((g) => g.kind)).toEqual(['speaker', 'talk']);
    const ada = await speakerNamed(db, 'Ada Quokka');
    await mergeSpeakers(db, rok.id, ada.id);
    const merged = await service.search('quokka');
    expect(merged.speakers.map((s) => s.name)).toEqual(['Rok Papež']); // alias
    const talkId = merged.talks[0]!.id;
    await deleteTalk(db, talkId);
    expect((await service.search('quokkas')).talks).toEqual([]);
    await undo(db);
    expect((await service.search('quokkas')).talks.map((t) => t.id)).toEqual([talkId]);

    const fresh = new SearchService(db);
    await fresh.clearStored();
    await fresh.status(true);
    for (const q of ['rok', 'quokka', 'zzyzx', 'europython', 'a', 'kubernetes', 'production']) expect([q, await view(service, q)]).toEqual([q, await view(fresh, q)]);
    fresh.close();
  });

  it('persists the index with the archive revision and loads it in a new worker', async () => {
    expect((await service.status()).origin).toBe('built');
    const rok = await speakerNamed(db, 'Rok Papež');
    await updateSpeaker(db, rok.id, { headline: 'Wizard of Qwxz' });
    await service.search('qwxz');
    await service.flush();
    const next = new SearchService(db);
    const status = await next.status();
    expect(status.origin).toBe('loaded');
    expect((await next.search('qwxz')).speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    next.close();
  });

  it('rebuilds after the archive is replaced or cleared', async () => {
    const doc = await exportArchive(db);
    await service.search('rok');
    await clearArchive(db);
    expect((await service.search('rok')).groups).toEqual([]);
    await importArchive(db, doc, 'replace');
    expect((await service.search('rok papez')).speakers.map((s) => s.name)).toEqual(['Rok Papež']);
  });

  it('answers the popup methods: talk, event, and removing a source', async () => {
    const h = createArchiveHandlers(db);
    const r = await service.search('kubernetes');
    const talk = await h.getTalk.run({ id: r.talks[0]!.id }, {} as never);
    expect(talk!.talk.speakers.map((s) => s.name)).toContain('Giuseppe Lavagetto');
    const event = await h.getEvent.run({ id: talk!.talk.eventId! }, {} as never);
    expect(event!.talks.map((t) => t.id)).toContain(talk!.talk.id);
    const src = talk!.sources[0]!.id;
    const { removed } = await h.removeSource.run({ id: src }, {} as never);
    expect(removed.talks).toBeGreaterThan(0);
    expect(await h.getTalk.run({ id: talk!.talk.id }, {} as never)).toBeNull();
    await undo(db);
    expect(await h.getTalk.run({ id: talk!.talk.id }, {} as never)).not.toBeNull();
  });
});

describe('SearchService, indexing committed values', () => {
  let db: PodiumDb;
  afterEach(async () => {
    await db.delete();
  });

  it('adds a large import from the values it committed, reading none of them back', async () => {
    db = freshDb();
    const service = new SearchService(db, { persistDelayMs: 10 });
    try {
      for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
      await service.search('x'); // built
      const { people, talks } = numbats(3000);
      const speakerReads = jest.spyOn(db.speakers, 'bulkGet');
      const talkReads = jest.spyOn(db.talks, 'bulkGet');
      const eventTalks = jest.spyOn(db.talks, 'ofEvents');
      const pages = jest.spyOn(db.talks, 'pages');
      // Into an event the archive has: its talks are not read back either, as the event did not change.
      await importBundle(db, bundle({ speakers: people, talks }));
      // What the merge read: the search index reads after the commit, in a timer.
      for (const spy of [speakerReads, talkReads, eventTalks]) spy.mockClear();
      await service.status(); // brought up to date
      expect((await service.search('numbat2999')).speakers[0]!.name).toBe('Quentin Numbat2999');
      expect((await service.search('numbat colony 2999')).talks.length).toBeGreaterThan(0);
      const read = (spy: jest.SpyInstance) => spy.mock.calls.reduce((n, [ids]: [readonly string[]]) => n + ids.length, 0);
      expect(pages).not.toHaveBeenCalled(); // no rebuild
      expect(read(speakerReads)).toBe(0);
      expect(read(eventTalks)).toBe(0);
      expect(read(talkReads)).toBe(0);
    } finally {
      service.close();
    }
  });

  it('takes the index as the archive was when an import session starts, and adds the session from its committed values', async () => {
    db = freshDb();
    for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
    db.close();
    const worker = new PodiumDb(db.name); // a new worker: nothing loaded yet
    const service = new SearchService(worker, { persistDelayMs: 10 });
    try {
      const pages = jest.spyOn(worker.talks, 'pages');
      const { sessionId } = await importSessionStart(worker, 'files', Date.now());
      // More talks than an index is built for before answering (read back, they would be a rebuild).
      const people = Array.from({ length: 2000 }, (_, i) => ({ ref: `p${i}`, name: `Zelda Quokkaberg${i}` }));
      const talks = Array.from({ length: 5200 }, (_, i) => ({ title: `Quokka census ${i}`, speakerRefs: [`p${i % 2000}`], eventRef: 'e' }));
      await importSessionAdd(worker, sessionId, [bundle({ name: 'a.xml', speakers: people, talks })]);
      await importSessionCommit(worker, sessionId);
      for (let i = 0; i < 500 && (await service.search('quokkaberg1999')).updating; i++) await new Promise((r) => setTimeout(r, 10));
      const found = await service.search('quokkaberg1999');
      expect(found.updating).toBeUndefined();
      expect(found.speakers[0]!.name).toBe('Zelda Quokkaberg1999');
      expect((await service.search('quokka census 5199')).talks.length).toBeGreaterThan(0);
      expect((await service.search('rok papez')).speakers.map((s) => s.name)).toEqual(['Rok Papež']);
      // Talks read once: the sample archive's, for the index at the start; the session's come from the commit.
      expect(pages).toHaveBeenCalledTimes(1);
    } finally {
      service.close();
      worker.close();
    }
  });

  it('merges a large change into the index’s sorted base at once, not when typing pauses', async () => {
    db = freshDb();
    const service = new SearchService(db, { persistDelayMs: 60_000 });
    const compactions = jest.spyOn(SearchIndex.prototype, 'compactInSlices');
    try {
      await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ada Quokka' }], talks: [] }));
      await service.search('ada');
      compactions.mockClear();
      const stores = jest.spyOn(service, 'persist');
      // A small edit stays in the delta until the index is stored.
      await updateSpeaker(db, (await speakerNamed(db, 'Ada Quokka')).id, { headline: 'Keeper of Quokkas' });
      await service.status();
      expect(compactions).not.toHaveBeenCalled();
      // Past 50,000 postings: 6,000 people and their talks.
      const people = Array.from({ length: 6000 }, (_, i) => ({ ref: `p${i}`, name: `Quentin Numbat${i}` }));
      const talks = people.map((p, i) => ({ title: `Numbat colony ${i} of the eastern wombat burrows`, speakerRefs: [p.ref] }));
      await importBundle(db, bundle({ speakers: people, talks }));
      await service.status();
      // Compacted while the import was written (after each write, and at the commit).
      expect(compactions).toHaveBeenCalled();
      expect(stores).not.toHaveBeenCalled();
      expect((await service.search('numbat5999')).speakers[0]!.name).toBe('Quentin Numbat5999');
      expect((await service.search('keeper')).speakers[0]!.name).toBe('Ada Quokka');
    } finally {
      compactions.mockRestore();
      service.close();
    }
  });

  it('stores the index after a change once typing pauses, not between keystrokes', async () => {
    db = freshDb();
    // A store waits 300 ms after the last search: the 20 ms typing below never leaves such a gap, even on a loaded machine.
    const service = new SearchService(db, { persistDelayMs: 300 });
    try {
      await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ada Quokka' }], talks: [] }));
      await service.search('ada');
      const stores = jest.spyOn(service, 'persist');
      await updateSpeaker(db, (await speakerNamed(db, 'Ada Quokka')).id, { headline: 'Keeper of Quokkas' });
      // Typing every 20 ms for about 600 ms (twice the delay): nothing is stored meanwhile.
      for (let i = 0; i < 30; i++) {
        await service.search(`keeper ${i}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(stores).not.toHaveBeenCalled();
      for (let i = 0; i < 150 && !stores.mock.calls.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(stores).toHaveBeenCalled();
    } finally {
      service.close();
    }
  });

  /** A service over a new archive holding Ada Quokka's one talk at EuroPython 2016, indexed; and that event. */
  async function quokkaArchive(): Promise<{ service: SearchService; event: PodiumEvent }> {
    db = freshDb();
    const service = new SearchService(db, { persistDelayMs: 10 });
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ada Quokka' }], talks: [{ title: 'Quokkas in production', speakerRefs: ['a'], eventRef: 'e' }] }));
    await service.search('x');
    return { service, event: (await db.events.toArray())[0]! };
  }

  /** Indexing after the commit (`applyChanges`): what a transaction indexed while it wrote does not go through it. */
  const indexedAfter = (service: SearchService) => jest.spyOn(service as unknown as { applyChanges: () => Promise<void> }, 'applyChanges');

  it('indexes a large import while the database writes it: once committed the copy answers, like a rebuild', async () => {
    db = freshDb();
    const service = new SearchService(db, { persistDelayMs: 10 });
    try {
      for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
      await service.search('x'); // built
      const after = indexedAfter(service);
      const { people, talks } = numbats(3000, { 7: 'Keeper of Zebus' });
      await importBundle(db, bundle({ speakers: people, talks, events: [{ ref: 'e', name: 'Wombat Week 2031', year: 2031 }] }));
      await service.status();
      expect(after).not.toHaveBeenCalled();
      const found = await service.search('numbat2999');
      expect(found.updating).toBeUndefined();
      expect(found.speakers[0]!.name).toBe('Quentin Numbat2999');
      expect((await service.search('numbat colony 17')).groups.find((g) => g.kind === 'talk')!.hits[0]!.detail).toContain('Wombat Week 2031');
      const fresh = new SearchService(db);
      await fresh.clearStored();
      await fresh.status(true);
      for (const q of ['numbat2999', 'zebus', 'rok papez', 'europython', 'numbat colony 1234', 'keeper']) expect([q, await view(service, q)]).toEqual([q, await view(fresh, q)]);
      // Thousands of equal hits: the same counts (which 50 come first may differ in order of indexing).
      const counts = async (x: SearchService, q: string) => (await view(x, q)).map((g) => [g.kind, g.count]);
      for (const q of ['numbat', 'wombat', 'colony', 'a']) expect([q, await counts(service, q)]).toEqual([q, await counts(fresh, q)]);
      fresh.close();
    } finally {
      service.close();
    }
  });

  it('talks written into a stored event that the import leaves as it is show that event', async () => {
    const { service, event } = await quokkaArchive();
    try {
      const after = indexedAfter(service);
      // Talks added straight to the store, into the event (stored, not written here).
      const now = new Date().toISOString();
      const talks: Talk[] = Array.from({ length: 800 }, (_, i) => ({
        id: `tk_q${i}`,
        title: `Quokka herding ${i}`,
        titleKey: `quokka herding ${i}`,
        abstract: [],
        kind: 'talk',
        speakerIds: [],
        eventId: event.id,
        links: [],
        tags: [],
        sources: ['src_1'],
        createdAt: now,
        updatedAt: now,
      }));
      await db.transaction('rw', [...db.talks.scope], () => db.talks.bulkPut(talks));
      await service.status();
      expect(after).not.toHaveBeenCalled();
      const hit = (await service.search('quokka herding 799')).groups.find((g) => g.kind === 'talk')!.hits[0]!;
      expect(hit.label).toBe('Quokka herding 799');
      expect(hit.detail).toContain('EuroPython 2016');
    } finally {
      service.close();
    }
  });

  it('leaves to the usual path a large transaction that renames an event its other talks show, and one that aborts', async () => {
    const { service, event } = await quokkaArchive();
    try {
      const people = Array.from({ length: 700 }, (_, i) => ({ id: `sp_z${i}`, name: `Zora Numbat${i}` }));
      const full = (await db.speakers.toArray())[0]!;
      // Aborted half-way: nothing of it answers.
      await expect(
        db.transaction('rw', db.speakers.scope, async () => {
          await db.speakers.bulkPut(people.map((p) => ({ ...full, ...p })));
          throw new Error('interrupted');
        }),
      ).rejects.toThrow('interrupted');
      await service.status();
      expect((await service.search('zora numbat5')).speakers).toEqual([]);
      // Renamed, with many people: the event's old talk shows the new name.
      const after = indexedAfter(service);
      await db.transaction('rw', [...db.speakers.scope, db.events], async () => {
        await db.events.put({ ...event, name: 'Zanzibar Summit 2016' });
        await db.speakers.bulkPut(people.map((p) => ({ ...full, ...p })));
      });
      await service.status();
      expect(after).toHaveBeenCalled();
      expect((await service.search('quokkas')).groups.find((g) => g.kind === 'talk')!.hits[0]!.detail).toContain('Zanzibar Summit 2016');
      expect((await service.search('zora numbat5')).speakers.map((s) => s.name)).toContain('Zora Numbat5');
    } finally {
      service.close();
    }
  });

  it('renaming an event renames it in its talks', async () => {
    db = freshDb();
    const service = new SearchService(db, { persistDelayMs: 10 });
    try {
      await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ada Quokka' }], talks: [{ title: 'Quokkas in production', speakerRefs: ['a'], eventRef: 'e' }] }));
      expect((await service.search('quokkas')).groups.find((g) => g.kind === 'talk')!.hits[0]!.detail).toContain('EuroPython 2016');
      const event = (await db.events.toArray())[0]!;
      await db.events.put({ ...event, name: 'Zanzibar Summit 2016' });
      const hit = (await service.search('quokkas')).groups.find((g) => g.kind === 'talk')!.hits[0]!;
      expect(hit.detail).toContain('Zanzibar Summit 2016');
      expect((await service.search('zanzibar')).groups.map((g) => g.kind).sort()).toEqual(['event', 'talk']);
    } finally {
      service.close();
    }
  });
});
