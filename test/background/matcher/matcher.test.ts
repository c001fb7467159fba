import Dexie from 'dexie';
import { bumpRevision } from '../../../src/background/archive/revision';
import { PodiumDb } from '../../../src/background/db';
import * as compileModule from '../../../src/background/matcher/compile';
import { compileInSlices, compileMatcher, idsForHash, nameForms } from '../../../src/background/matcher/compile';
import { createMatcherHandlers } from '../../../src/background/matcher/handlers';
import { MatcherStore, type StoredMatcher } from '../../../src/background/matcher/store';
import type { CallContext } from '../../../src/background/router';
import { decodeTables, findCandidates } from '../../../src/background/matcher/candidates';
import { formHash } from '../../../src/background/matcher/fold';
import * as verifyModule from '../../../src/background/matcher/verify';
import { NameFinder } from '../../../src/background/matcher/find-names';
import { nameKeys as sharedNameKeys } from '../../../src/shared/names';
import type { Speaker } from '../../../src/shared/types';

function speaker(id: string, name: string, aliases: string[] = [], headline?: string): Speaker {
  const at = '2026-01-01T00:00:00Z';
  return {
    id, name, aliases: aliases.map((value) => ({ value, sources: [] })), nameKeys: [], headline: headline ? [{ value: headline, sources: [] }] : [],
    location: [], summary: [], positions: [], education: [], skills: [], publications: [], projects: [], links: [], photoUrl: [],
    identifiers: [], idKeys: [], sources: [], createdAt: at, updatedAt: at,
  };
}

async function write(db: PodiumDb, people: Speaker[]): Promise<void> {
  await db.transaction('rw', [...db.speakers.scope, db.meta], async () => {
    await db.speakers.bulkPut(people);
    await bumpRevision(db);
  });
}

/** An index's postings as sorted `hash:id` pairs, to compare two indexes however they were built. */
const pairs = (m: { postingHashes: Uint32Array; postingChecks?: Uint32Array; postingIds: string[] }) =>
  [...m.postingHashes].map((h, i) => `${h}:${m.postingChecks?.[i]}:${m.postingIds[i]}`).sort();

const ctx = { sender: { id: 'podium@test', tab: { id: 1 } }, fromContent: true } as unknown as CallContext;
let db: PodiumDb;
beforeEach(() => {
  db = new PodiumDb(`matcher-${Math.random().toString(36).slice(2)}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('compileMatcher', () => {
  it('keeps forms of two to five words, both orders of "Last, First", and aliases', () => {
    expect(nameForms('Cher')).toEqual([]);
    expect(nameForms('Papež, Rok')).toHaveLength(2);
    const m = compileMatcher([{ id: 'a', name: 'Rok Papež', aliases: [{ value: 'R. Papez' }, { value: 'Rok' }] }]);
    expect(m.formCount).toBe(2);
    expect(idsForHash(m, formHash(nameForms('ROK PAPEZ')[0]!.tokens))).toEqual(['a']);
  });

  it('stays compact: 50,000 speakers in well under a few MB of hash tables', () => {
    const people = Array.from({ length: 50_000 }, (_, i) => ({ id: `sp${i}`, name: `Given${i % 5000} Family${i}`, aliases: [{ value: `Family${i}, Given${i % 5000}` }] }));
    const m = compileMatcher(people);
    expect(m.first.byteLength + m.forms.byteLength).toBeLessThan(2_000_000);
  });
});

describe('updating the matcher (compileInSlices with changes)', () => {
  /** Slices that are never due: the whole job in one go. */
  const noPause = { due: () => false, pause: async () => undefined };
  it('gives the index a full compile gives, after additions, renames and deletions', async () => {
    const before = [
      { id: 'a', name: 'Rok Papež', aliases: [{ value: 'R. Papez' }] },
      { id: 'b', name: 'Angelo Failla' },
      { id: 'c', name: 'Cher' },
      { id: 'd', name: 'Giuseppe Lavagetto' },
    ];
    const after = [
      { id: 'a', name: 'Rok Papež', aliases: [{ value: 'R. Papez' }] },
      { id: 'b', name: 'Angelo M. Failla' },
      { id: 'c', name: 'Cher' },
      { id: 'e', name: 'Papež, Ana' },
    ];
    const updated = await compileInSlices(noPause, [], { prev: compileMatcher(before), changed: new Map([['b', after[1]!], ['d', null], ['e', after[3]!]]) });
    const full = compileMatcher(after);
    expect(pairs(updated)).toEqual(pairs(full));
    expect([...updated.first].sort()).toEqual([...full.first].sort());
    expect([...updated.forms].sort()).toEqual([...full.forms].sort());
    expect(updated.people.sort()).toEqual(['a', 'b', 'c', 'e']);
    expect(updated.speakerCount).toBe(4);
    expect(idsForHash(updated, formHash(nameForms('Giuseppe Lavagetto')[0]!.tokens))).toEqual([]);
  });

  it('in the worker’s time slices, compiles and updates to the same index, letting other work run between people', async () => {
    const people = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, name: `Person Number${i} Example` }));
    let pauses = 0;
    const everyStep = { due: () => true, pause: async () => void pauses++ };
    const sliced = await compileInSlices(everyStep, people);
    const whole = compileMatcher(people);
    expect(pairs(sliced)).toEqual(pairs(whole));
    expect([...sliced.first]).toEqual([...whole.first]);
    expect(sliced.people).toEqual(whole.people);
    // A pause after each person, and after each step of assembling the index (sort, the two hash sets).
    expect(pauses).toBe(40 + 3);
    const changed = new Map([['p3', { id: 'p3', name: 'Renamed Person' }], ['p7', null]]);
    const update = await compileInSlices(everyStep, [], { prev: whole, changed });
    const renamed = people.filter((p) => p.id !== 'p7').map((p) => (p.id === 'p3' ? { id: 'p3', name: 'Renamed Person' } : p));
    expect(pairs(update)).toEqual(pairs(compileMatcher(renamed)));
    // The previous postings kept (one step), the renamed person, the assembly.
    expect(pauses).toBe(43 + 1 + 1 + 3);
  });
});

describe('matcher handlers', () => {
  it('serves hashes only, and confirms candidates against the archive', async () => {
    await write(db, [speaker('sp_papez', 'Rok Papež', [], 'Production Engineer'), speaker('sp_failla', 'Angelo Failla')]);
    const h = createMatcherHandlers(db, new MatcherStore(db, 10));
    const payload = (await h.matcherIndex.run({}, ctx))!;
    expect(JSON.stringify(payload)).not.toMatch(/pape|faill/i);
    const tables = decodeTables(payload);
    const candidates = findCandidates('Papez, Rok and Angelo Failla and Rok Novak', tables).map((c) => c.name);
    expect(candidates).toEqual(['Rok Papez', 'Angelo Failla']);
    const confirmed = await h.matchNames.run({ names: [...candidates, 'Rok Novak', 'Rok'] }, ctx);
    expect(confirmed).toEqual([
      { name: 'Rok Papez', speakers: [{ id: 'sp_papez', name: 'Rok Papež', headline: 'Production Engineer' }] },
      { name: 'Angelo Failla', speakers: [{ id: 'sp_failla', name: 'Angelo Failla' }] },
    ]);
  });

  it('returns every speaker sharing a name', async () => {
    await write(db, [speaker('a', 'Angelo Failla'), speaker('b', 'Angelo Failla')]);
    const h = createMatcherHandlers(db, new MatcherStore(db, 10));
    const [hit] = await h.matchNames.run({ names: ['angelo failla'] }, ctx);
    expect(hit!.speakers.map((s) => s.id).sort()).toEqual(['a', 'b']);
  });

  it('answers null for an empty archive', async () => {
    expect(await createMatcherHandlers(db, new MatcherStore(db, 10)).matcherIndex.run({}, ctx)).toBeNull();
  });
});

describe('findNames (page text → confirmed names)', () => {
  it('finds names in text lines, with offsets into the text sent, and confirms each against the archive', async () => {
    await write(db, [speaker('sp_papez', 'Rok Papež', [], 'Production Engineer'), speaker('sp_failla', 'Angelo Failla')]);
    const h = createMatcherHandlers(db, new MatcherStore(db, 10));
    // Text nodes joined by newlines, as the content script sends them.
    const text = 'Keynote\nby Papez, Rok\nand\nANGELO\nFAILLA\nRok Novak, Angelo';
    const r = await h.findNames.run({ parts: [text] }, ctx);
    expect(r.active).toBe(true);
    const found = [];
    for (let i = 0; i < r.hits.length; i += 3) found.push([text.slice(r.hits[i]!, r.hits[i + 1]!), r.names[r.hits[i + 2]!]!.speakers.map((x) => x.id)]);
    expect(found).toEqual([
      ['Papez, Rok', ['sp_papez']],
      ['ANGELO\nFAILLA', ['sp_failla']],
    ]);
    expect(r.names.map((n) => n.name)).toEqual(['Rok Papez', 'ANGELO FAILLA']);
    // Ids only: the card reads the records when it opens.
    expect(r.names[0]!.speakers).toEqual([{ id: 'sp_papez' }]);
  });

  it('says the archive has nothing to look for, confirms from the index without reading the database, and answers later requests from its verdicts', async () => {
    const store = new MatcherStore(db, 10);
    const h = createMatcherHandlers(db, store);
    expect(await h.findNames.run({ parts: ['Angelo Failla'] }, ctx)).toEqual({ active: false, names: [], hits: [] });
    await write(db, [speaker('a', 'Angelo Failla')]);
    expect((await h.findNames.run({ parts: [''] }, ctx)).active).toBe(true);
    const get = jest.spyOn(db.speakers, 'bulkGet');
    const revisionReads = jest.spyOn(db.meta, 'get');
    const confirm = jest.spyOn(verifyModule, 'confirmFromIndex');
    const once = await h.findNames.run({ parts: ['Angelo Failla, Angelo Failla'] }, ctx);
    const twice = await h.findNames.run({ parts: ['talk by angelo failla'] }, ctx);
    expect(once.hits).toHaveLength(6);
    expect(twice.hits).toEqual([8, 21, 0]);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(get).not.toHaveBeenCalled();
    // Nor the revision, known since the last request and not bumped since: no database read at all.
    expect(revisionReads).not.toHaveBeenCalled();
    confirm.mockRestore();
  });

  it('starts a page: its first text searched as findNames does, whether there is anything to look for, and the user’s settings for pages', async () => {
    const settings = { marks: true, privacy: true, intentDelayMs: 120, markStyle: 'underline' as const };
    const h = createMatcherHandlers(db, new MatcherStore(db, 10), () => undefined, async () => settings);
    expect(await h.startPage.run({ parts: ['Angelo Failla'] }, ctx)).toEqual({ active: false, names: [], hits: [], settings });
    await write(db, [speaker('a', 'Angelo Failla')]);
    const parts = ['Talk by', 'Angelo', 'Failla', 'Rok Novak'];
    const started = await h.startPage.run({ parts }, ctx);
    expect(started).toEqual({ ...(await h.findNames.run({ parts }, ctx)), settings });
    expect(started.hits).toEqual([8, 21, 0]);
    expect(started.names).toEqual([{ name: 'Angelo Failla', speakers: [{ id: 'a' }] }]);
    // A page without text yet asks with none.
    expect(await h.startPage.run({ parts: [] }, ctx)).toEqual({ active: true, names: [], hits: [], settings });
  });

  it('answers a page at once from the previous index while the new one is built, then asks that frame to scan again', async () => {
    await write(db, [speaker('a', 'Angelo Failla')]);
    const store = new MatcherStore(db, 60_000); // no background rebuild from the watch during the test
    const pushes: [number, number, unknown][] = [];
    const h = createMatcherHandlers(db, store, (tab, frame, message) => pushes.push([tab, frame, message]));
    const frame = { ...ctx, sender: { id: 'podium@test', tab: { id: 7 }, frameId: 3 } } as unknown as CallContext;
    const text = 'Angelo Failla and Giuseppe Lavagetto';
    expect((await h.findNames.run({ parts: [text] }, frame)).names.map((n) => n.name)).toEqual(['Angelo Failla']);
    await write(db, [speaker('b', 'Giuseppe Lavagetto')]);
    let built = false;
    store.onRebuilt(() => (built = true));
    // The previous index answers (no wait for the recompile); the frame is noted.
    const stale = await h.findNames.run({ parts: [text] }, frame);
    expect(stale.names.map((n) => n.name)).toEqual(['Angelo Failla']);
    expect(built).toBe(false);
    expect(pushes).toEqual([]);
    await store.rebuild();
    expect(pushes).toEqual([[7, 3, { podium: 1, push: 'archiveChanged', params: {} }]]);
    expect((await h.findNames.run({ parts: [text] }, frame)).names.map((n) => n.name)).toEqual(['Angelo Failla', 'Giuseppe Lavagetto']);
    await store.rebuild();
    expect(pushes).toHaveLength(1); // told once
    // A write that changes no name (a talk edited): answered from the index as it was, and no rescan asked.
    await db.transaction('rw', db.meta, () => bumpRevision(db));
    await h.findNames.run({ parts: [text] }, frame);
    await store.rebuild();
    expect(pushes).toHaveLength(1);
  });

  it('refuses text above the size limit with a readable error', async () => {
    const { dispatch } = await import('../../../src/background/router');
    await write(db, [speaker('a', 'Angelo Failla')]);
    const handlers = createMatcherHandlers(db, new MatcherStore(db, 10));
    for (const method of ['findNames', 'startPage']) {
      const reply = await dispatch(handlers as never, method, { parts: ['x'.repeat(600_000), 'x'.repeat(400_001)] }, ctx);
      expect(reply).toMatchObject({ ok: false });
      expect((reply as { error: string }).error).toMatch(new RegExp(`${method}.*more than 1000000 characters`));
    }
    expect(await dispatch(handlers as never, 'startPage', {}, ctx)).toMatchObject({ ok: false, error: expect.stringMatching(/params\.parts: expected a list/) });
  });
});

describe('confirming candidates from the index', () => {
  /** Two names whose 32-bit form hashes collide (found by search; the test checks they do). */
  const TWINS = ['Dan Example52518', 'Cleo Example63817'] as const;

  it('rejects a name whose form hash collides with an archive name’s, which the form hash alone would take', async () => {
    expect(formHash(nameForms(TWINS[0])[0]!.tokens)).toBe(formHash(nameForms(TWINS[1])[0]!.tokens));
    // "Cleo" is some speaker's first word, so the page's "Cleo Example63817" is a candidate through the colliding hash.
    await write(db, [speaker('dan', TWINS[0]), speaker('cleo', 'Cleo Someone')]);
    const h = createMatcherHandlers(db, new MatcherStore(db, 10));
    const text = `Talks by ${TWINS[1]} and ${TWINS[0]}`;
    expect(findCandidates(text, decodeTables((await h.matcherIndex.run({}, ctx))!)).map((c) => c.name)).toEqual([TWINS[1], TWINS[0]]);
    const r = await h.findNames.run({ parts: [text] }, ctx);
    expect(r.names).toEqual([{ name: TWINS[0], speakers: [{ id: 'dan' }] }]);
    // The records say the same.
    expect((await h.matchNames.run({ names: [...TWINS] }, ctx)).map((x) => x.name)).toEqual([TWINS[0]]);
  });

  it('confirms what checking the speakers’ records confirms: aliases, both orders, apostrophes, folded letters, the archive’s keys', async () => {
    const people = [
      { ...speaker('papez', 'Rok Papež', ['R. Papez']) },
      { ...speaker('ana', 'Papež, Ana') },
      { ...speaker('obrien', 'Seán O’Brien') },
      { ...speaker('zoe', 'Zoë Ångström-Weiß') },
      { ...speaker('langa', 'Łukasz Langa') },
      { ...speaker('leidel', 'Jannis Leidel (he/him)'), nameKeys: sharedNameKeys('Jannis Leidel (he/him)') },
      { ...speaker('lee', '李昱勳 (Yu-Hsun Lee)'), nameKeys: sharedNameKeys('李昱勳 (Yu-Hsun Lee)') },
      { ...speaker('twin1', 'Angelo Failla') },
      { ...speaker('twin2', 'Angelo Failla') },
    ];
    await write(db, people);
    const store = new MatcherStore(db, 10);
    const m = await store.get();
    const text = [
      'Rok Papez; Papez, Rok; R. Papez; Rok Novak',
      'Ana Papež | Papež, Ana | Ana Papez Junior',
      'Sean O’Brien, Sean OBrien, SEAN O BRIEN',
      'Zoe Angstrom-Weiss; Zoë Ångström Weiß; Zoe Angstrom',
      'Lukasz Langa, Łukasz  Langa',
      'Jannis Leidel; Yu-Hsun Lee; Yu Hsun Lee',
      'ANGELO FAILLA; Failla, Angelo; Angelo Failla-Smith',
    ].join('\n');
    const candidates = findCandidates(text, decodeTables(m.payload)).map((c) => c.name);
    const byIndex = verifyModule.confirmFromIndex(m, m.postingChecks!, candidates);
    const byRecords = (await verifyModule.verifyNames(db, m, candidates)).map(({ name, speakers }) => ({ name, speakers: speakers.map(({ id }) => ({ id })) }));
    expect(byIndex).toEqual(byRecords);
    const ids = new Set(byIndex.flatMap((x) => x.speakers.map((s) => s.id)));
    expect([...ids].sort()).toEqual(['ana', 'langa', 'lee', 'leidel', 'obrien', 'papez', 'twin1', 'twin2', 'zoe']);
    expect(byIndex.find((x) => /angelo/i.test(x.name))!.speakers.map((x) => x.id).sort()).toEqual(['twin1', 'twin2']);
  });

  it('an index stored by an older version, without key checks: answers pages by reading speakers, and is rebuilt with them', async () => {
    await write(db, [speaker('a', 'Angelo Failla')]);
    const built = await new MatcherStore(db).get();
    const { postingChecks: _checks, ...old } = built;
    const legacy = new Dexie(`${db.name}-matcher`);
    legacy.version(1).stores({ matchers: '&key' });
    await legacy.table('matchers').put({ ...old, postingFirst: undefined, people: undefined });
    legacy.close();
    const store = new MatcherStore(db);
    const get = jest.spyOn(db.speakers, 'bulkGet');
    let stale = 0;
    const rebuilt = new Promise<StoredMatcher>((resolve) => store.onRebuilt((m) => resolve(m)));
    const finder = new NameFinder(db, store);
    const r = await finder.find('by Angelo Failla', () => stale++);
    expect(r.names).toEqual([{ name: 'Angelo Failla', speakers: [{ id: 'a' }] }]);
    expect(get).toHaveBeenCalledTimes(1);
    expect(stale).toBe(1);
    const again = await rebuilt;
    expect(again.postingChecks).toEqual(built.postingChecks);
    // Stored with them: a restarted worker reads them back and needs no rebuild.
    const next = new MatcherStore(db);
    const rebuild = jest.spyOn(next, 'rebuild');
    expect((await next.get()).postingChecks).toEqual(built.postingChecks);
    expect(rebuild).not.toHaveBeenCalled();
  });
});

describe('MatcherStore', () => {
  /** A store over the same database, as in a restarted worker, which must serve the stored index without recompiling. */
  async function restarted(): Promise<{ store: MatcherStore; again: StoredMatcher }> {
    const store = new MatcherStore(db);
    const spy = jest.spyOn(store, 'rebuild');
    const again = await store.get();
    expect(spy).not.toHaveBeenCalled();
    return { store, again };
  }

  it('persists the index so a restarted worker serves it without recompiling', async () => {
    await write(db, [speaker('a', 'Angelo Failla')]);
    const first = await new MatcherStore(db).get();
    const { again } = await restarted();
    expect(again.payload).toEqual(first.payload);
    expect(again.postingHashes).toEqual(first.postingHashes);
    expect(again.postingIds).toEqual(first.postingIds);
    // What only updates of this worker's own index use stays in memory: not stored, not read back at every start.
    expect(first.people).toEqual(['a']);
    expect(again.people).toBeUndefined();
    expect(again.postingFirst).toBeUndefined();
  });

  it('a restarted worker, after a write, compiles from the archive: the index a full compile gives', async () => {
    await write(db, [speaker('a', 'Angelo Failla')]);
    await new MatcherStore(db).get();
    const { store } = await restarted();
    await write(db, [speaker('b', 'Giuseppe Lavagetto')]);
    const after = await store.get();
    expect(pairs(after)).toEqual(pairs(await new MatcherStore(db).rebuild()));
    expect(after.speakerCount).toBe(2);
  });

  it('warm() reads the stored index before any page asks; a page asking meanwhile shares that one read', async () => {
    await write(db, [speaker('a', 'Angelo Failla')]);
    const first = await new MatcherStore(db).get();
    const store = new MatcherStore(db);
    const rebuild = jest.spyOn(store, 'rebuild');
    const reads = jest.spyOn(store as unknown as { load: () => Promise<unknown> }, 'load');
    store.warm();
    const h = createMatcherHandlers(db, store, () => undefined, async () => ({}) as never);
    const started = await h.startPage.run({ parts: [] }, ctx);
    expect(started.active).toBe(true);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(rebuild).not.toHaveBeenCalled();
    expect((await store.get()).postingIds).toEqual(first.postingIds);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('reads an index stored by an older version, its ids as strings, without recompiling', async () => {
    await write(db, [speaker('a', 'Angelo Failla'), speaker('b', 'Giuseppe Lavagetto')]);
    const first = await new MatcherStore(db).get();
    const old = new Dexie(`${db.name}-matcher`);
    old.version(1).stores({ matchers: '&key' });
    await old.table('matchers').put({ ...first });
    old.close();
    const { store, again } = await restarted();
    expect(again.postingIds).toEqual(first.postingIds);
    const [hit] = await createMatcherHandlers(db, store).matchNames.run({ names: ['angelo failla'] }, ctx);
    expect(hit!.speakers.map((s) => s.id)).toEqual(['a']);
  });

  it('recompiles when the archive revision moves on', async () => {
    await write(db, [speaker('a', 'Angelo Failla')]);
    const store = new MatcherStore(db);
    const before = await store.get();
    await write(db, [speaker('b', 'Giuseppe Lavagetto')]);
    const after = await store.get();
    expect(after.archiveRevision).toBe(before.archiveRevision + 1);
    expect(after.formCount).toBe(2);
  });

  it('after writes it followed, updates the index without reading the archive again, as a full compile would', async () => {
    const store = new MatcherStore(db); // before the database opens: it follows every write
    await write(db, [speaker('a', 'Angelo Failla'), speaker('b', 'Rok Papež')]);
    const first = await store.get();
    expect(first.formCount).toBeGreaterThan(0);
    const read = jest.spyOn(db.speakers, 'each');
    await write(db, [speaker('c', 'Giuseppe Lavagetto'), speaker('b', 'Rok B. Papež')]);
    await db.transaction('rw', [...db.speakers.scope, db.meta], async () => {
      await db.speakers.delete('a');
      await bumpRevision(db);
    });
    const updated = await store.get();
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
    const fresh = await new MatcherStore(db).rebuild();
    expect(pairs(updated)).toEqual(pairs(fresh));
    expect(updated.speakerCount).toBe(2);
    expect(updated.archiveRevision).toBe(fresh.archiveRevision);
    // A cleared table is not followed: the next recompile reads the archive.
    await db.transaction('rw', [...db.speakers.scope, db.meta], async () => {
      await db.speakers.clear();
      await bumpRevision(db);
    });
    expect((await store.get()).speakerCount).toBe(0);
  });

  /** A followed store whose current index holds `people`, compiling ahead writes of `aheadMin` people or more. */
  async function following(people: Speaker[], aheadMin = 1): Promise<MatcherStore> {
    const store = new MatcherStore(db, 1000, aheadMin); // before the database opens: it follows every write
    await write(db, people);
    await store.get();
    return store;
  }

  it('compiles a write’s people while its transaction is still open, and after the commit serves them without compiling again', async () => {
    const store = await following([speaker('a', 'Angelo Failla')]);
    const compiles = jest.spyOn(compileModule, 'compileInSlices');
    await db.transaction('rw', [...db.speakers.scope, db.meta], async () => {
      await db.speakers.bulkPut([speaker('b', 'Giuseppe Lavagetto'), speaker('c', 'Rok Papež')]);
      await bumpRevision(db);
      // The database still writing: the worker compiles meanwhile.
      await Dexie.waitFor(new Promise((r) => setTimeout(r, 50)));
      expect(compiles).toHaveBeenCalledTimes(1);
    });
    const updated = await store.get();
    expect(compiles).toHaveBeenCalledTimes(1);
    compiles.mockRestore();
    const fresh = await new MatcherStore(db).rebuild();
    expect(pairs(updated)).toEqual(pairs(fresh));
    expect(updated.archiveRevision).toBe(fresh.archiveRevision);
  });

  it('leaves writes of fewer people than its threshold to the compile after the commit', async () => {
    const store = await following([speaker('a', 'Angelo Failla')], 3);
    const compiles = jest.spyOn(compileModule, 'compileInSlices');
    await db.transaction('rw', [...db.speakers.scope, db.meta], async () => {
      await db.speakers.bulkPut([speaker('b', 'Giuseppe Lavagetto'), speaker('c', 'Rok Papež')]);
      await bumpRevision(db);
      await Dexie.waitFor(new Promise((r) => setTimeout(r, 20)));
      expect(compiles).not.toHaveBeenCalled();
    });
    expect((await store.get()).speakerCount).toBe(3);
    expect(compiles).toHaveBeenCalledTimes(1);
    compiles.mockRestore();
  });

  it('drops what it compiled for a transaction that aborts, and adds writes committed after one on top', async () => {
    const store = await following([speaker('a', 'Angelo Failla')]);
    await expect(
      db.transaction('rw', [...db.speakers.scope, db.meta], async () => {
        await db.speakers.bulkPut([speaker('x', 'Nobody Written')]);
        await Dexie.waitFor(new Promise((r) => setTimeout(r, 20)));
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect((await store.get()).speakerCount).toBe(1);
    await write(db, [speaker('b', 'Giuseppe Lavagetto')]);
    await write(db, [speaker('b', 'Giuseppe B. Lavagetto'), speaker('c', 'Rok Papež')]);
    await db.transaction('rw', [...db.speakers.scope, db.meta], async () => {
      await db.speakers.delete('a');
      await bumpRevision(db);
    });
    const updated = await store.get();
    const fresh = await new MatcherStore(db).rebuild();
    expect(pairs(updated)).toEqual(pairs(fresh));
    expect(updated.speakerCount).toBe(2);
    expect(updated.postingIds).not.toContain('x');
  });

  it('rebuilds in the background after speakers change (watch)', async () => {
    const store = new MatcherStore(db, 5);
    const stop = store.watch();
    await write(db, [speaker('a', 'Angelo Failla')]);
    const spy = jest.spyOn(store, 'rebuild');
    await new Promise((r) => setTimeout(r, 60));
    stop();
    expect(spy).toHaveBeenCalled();
  });
});
