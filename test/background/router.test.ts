/**
 * The worker API through the router: who may call what, parameter shapes
 * and sizes, and readable errors.
 */
import { importBundle } from '../../src/background/archive/merge';
import type { PodiumDb } from '../../src/background/db';
import { createHandlerTable } from '../../src/background/handler-table';
import { createArchiveHandlers } from '../../src/background/archive/handlers';
import { type CallContext, type Handlers, classifySender, createRouter, dispatch } from '../../src/background/router';
import { SAMPLE_BUNDLES } from '../../src/background/sample-archive';
import type { Runtime } from '../../src/shared/browser';
import { CONTENT_METHODS } from '../../src/shared/messages';
import { bundle, freshDb, snapshot } from './helpers';

const opts = { extensionId: 'podium@test', extensionBase: 'chrome-extension://podium-test/' };
const pageSender = { id: 'podium@test', url: 'chrome-extension://podium-test/popup.html' } as Runtime.MessageSender;
const contentSender = { id: 'podium@test', url: 'https://ep2016.europython.eu/talks', tab: { id: 4 } } as Runtime.MessageSender;
const page: CallContext = classifySender(pageSender, opts)!;
const content: CallContext = classifySender(contentSender, opts)!;

let db: PodiumDb;
let handlers: Handlers;
beforeEach(async () => {
  db = freshDb();
  handlers = createHandlerTable(db);
});
afterEach(async () => {
  await db.delete();
});

const ok = async (method: string, params: unknown, ctx = page) => {
  const r = await dispatch(handlers, method, params, ctx);
  if (!r.ok) throw new Error(r.error);
  return r.value as any;
};

describe('senders', () => {
  it('classifies pages, content scripts and strangers', () => {
    expect(page.fromContent).toBe(false);
    expect(content.fromContent).toBe(true);
    expect(classifySender({ id: 'evil@ext', url: 'chrome-extension://evil/' } as Runtime.MessageSender, opts)).toBeUndefined();
    expect(classifySender({ id: 'podium@test' } as Runtime.MessageSender, opts)).toBeUndefined();
  });

  it('refuses unknown senders', async () => {
    const router = createRouter(handlers, opts);
    const reply = await router({ podium: 1, method: 'counts', params: {} }, { id: 'evil@ext', url: 'https://evil.example' } as Runtime.MessageSender);
    expect(reply).toEqual({ ok: false, error: 'This sender may not talk to Podium.' });
    expect(router({ hello: 1 }, pageSender)).toBeUndefined(); // not ours: other listeners may answer
  });

  it('lets content scripts make only read-only lookups', async () => {
    expect([...CONTENT_METHODS].sort()).toEqual(['findNames', 'getSpeaker', 'loadCard', 'openSpeaker', 'startPage']);
    expect([...CONTENT_METHODS].filter((m) => m in createArchiveHandlers(db))).toEqual(['getSpeaker']);
    // Every method of the worker's table, not only the archive's.
    for (const m of (Object.keys(handlers) as (keyof Handlers)[]).filter((x) => !CONTENT_METHODS.has(x))) {
      expect(await dispatch(handlers, m, {}, content)).toEqual({ ok: false, error: `Web pages may not ask for “${m}”.` });
    }
    expect(await db.speakers.count()).toBe(0); // loadSample, clearArchive… never ran
    // Lookups the content script never makes are refused too: a page gets nothing it does not need.
    expect(await dispatch(handlers, 'ping', {}, content)).toEqual({ ok: false, error: 'Web pages may not ask for “ping”.' });
    expect(await dispatch(handlers, 'findSpeakers', { names: ['Rok Papež'] }, content)).toEqual({ ok: false, error: 'Web pages may not ask for “findSpeakers”.' });
    expect((await dispatch(handlers, 'getSpeaker', { id: 'sp_none' }, content)).ok).toBe(true);
  });

  it('refuses unknown methods, including prototype names', async () => {
    expect(await dispatch(handlers, 'dropDatabase', {}, page)).toEqual({ ok: false, error: 'Unknown request “dropDatabase”.' });
    expect((await dispatch(handlers, '__proto__', {}, page)).ok).toBe(false);
    expect((await dispatch(handlers, 'toString', {}, page)).ok).toBe(false);
  });
});

describe('archive methods', () => {
  beforeEach(async () => {
    for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
  });

  it('answers ping, counts and getSpeaker with talks, events and co-speakers', async () => {
    expect(await ok('ping', undefined)).toEqual({ version: '0.0.0-test', counts: { speakers: 3, talks: 8, events: 7, sources: 3 } });
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Angelo Failla' }, { ref: 'b', name: 'Rok Papež' }], talks: [{ title: 'Pair talk', date: '2021-03-01', speakerRefs: ['a', 'b'] }] }));
    const [hit] = await ok('findSpeakers', { names: ['FAILLA, Angelo', 'nobody here', 'Failla'] });
    expect(hit.key).toBe('angelo failla');
    const view = await ok('getSpeaker', { id: hit.speakers[0].id }, content);
    expect(view.speaker.name).toBe('Angelo Failla');
    expect(view.talks.map((t: { title: string }) => t.title)).toEqual([
      'Pair talk',
      "FBTFTP: Facebook's open source python3 framework for dynamic TFTP servers",
      'DHCP Infrastructure Evolution at Facebook',
      'Python @ Facebook',
    ]);
    expect(view.talks[1].event.name).toBe('EuroPython 2016');
    expect(view.coSpeakers).toEqual([{ id: expect.any(String), name: 'Rok Papež', talks: 1 }]);
    expect(await ok('getSpeaker', { id: 'sp_missing' })).toBeNull();
  });

  it('searches by prefix of names and titles', async () => {
    const r = await ok('search', { query: 'giuseppe', limit: 5 });
    expect(r.speakers.map((s: { name: string }) => s.name)).toEqual(['Giuseppe Lavagetto']);
    const t = await ok('search', { query: 'Testing in prod' });
    expect(t.talks.map((x: { title: string }) => x.title)).toEqual(['Testing in production for fun and profit']);
  });

  it('loads the sample idempotently and clears the archive', async () => {
    expect(await ok('loadSample', {})).toMatchObject({ speakers: 3, talks: 8, events: 7 });
    expect(await ok('clearArchive', {})).toEqual({ speakers: 0, talks: 0, events: 0, sources: 0 });
  });

  it('runs the edit, merge, split and undo methods', async () => {
    const { speakers } = await snapshot(db);
    const [a, b] = speakers;
    const merged = await ok('mergeSpeakers', { keepId: a!.id, otherId: b!.id });
    expect(merged.speaker.aliases).toHaveLength(1);
    expect((await ok('undoHistory', {}))[0].label).toMatch(/^Merge/);
    expect((await ok('undo', {})).label).toMatch(/^Merge/);
    const talks = await db.talks.ofSpeakers([a!.id]);
    const split = await ok('splitSpeaker', { id: a!.id, talkIds: [talks[0]!.id], name: 'Someone Else' });
    expect(split.speaker.name).toBe('Someone Else');
    await ok('updateSpeaker', { id: a!.id, changes: { headline: 'Retired', location: null } });
    await ok('updateTalk', { id: talks[0]!.id, changes: { date: '2016-07-19', start: '10:30', durationMinutes: 45 } });
    await ok('deleteTalk', { id: talks[0]!.id });
    await ok('deleteSpeaker', { id: b!.id });
    expect((await ok('undoHistory', {})).length).toBe(5);
  });

  it('exports and re-imports through messages', async () => {
    const before = await snapshot(db);
    const doc = await ok('exportArchive', {});
    await ok('clearArchive', {});
    expect(await ok('importArchive', { document: JSON.parse(JSON.stringify(doc)), mode: 'replace' })).toMatchObject({ mode: 'replace', speakers: 3, talks: 8 });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('bad input: every path gives a readable error and changes nothing', () => {
  const cases: [string, unknown, RegExp][] = [
    ['getSpeaker', {}, /Bad request for “getSpeaker”: params\.id: expected text, got a undefined/],
    ['getSpeaker', { id: 'x'.repeat(65) }, /params\.id: text longer than 64 characters/],
    ['getSpeaker', { id: 'sp_1', extra: 1 }, /params\.extra: unexpected field/],
    ['getSpeaker', 'sp_1', /params: expected an object, got a string/],
    ['findSpeakers', { names: 'Rok' }, /params\.names: expected a list, got a string/],
    ['findSpeakers', { names: Array(2001).fill('Rok Papež') }, /params\.names: more than 2000 items/],
    ['findSpeakers', { names: ['x'.repeat(201)] }, /params\.names\[0\]: text longer than 200 characters/],
    ['search', { query: 'x', limit: 1000 }, /params\.limit: must be at most 100/],
    ['search', { query: 'x', limit: 2.5 }, /params\.limit: expected a whole number/],
    ['ping', { x: 1 }, /params\.x: unexpected field/],
    ['importBundle', {}, /params\.bundle: expected an object/],
    ['importBundle', { bundle: { ...bundle({}), talks: [{ title: 'T', speakerRefs: ['ghost'] }] } }, /params\.bundle\.talks\[0\]\.speakerRefs\[0\]: unknown speaker ref "ghost"/],
    ['importBundle', { bundle: { ...bundle({}), speakers: [{ ref: 'a', name: 'x'.repeat(501) }] } }, /params\.bundle\.speakers\[0\]\.name: text longer than 500 characters/],
    ['importBundle', { bundle: { ...bundle({}), speakers: [{ ref: 'a', name: 'A', ['__proto__']: { x: 1 } }] } }, /forbidden field name|unexpected field/],
    ['importBundle', { bundle: { ...bundle({}), talks: Array(200_001).fill({ title: 'T', speakerRefs: [] }) } }, /params\.bundle\.talks: more than 200000 items/],
    ['importArchive', { document: [], mode: 'replace' }, /params\.document: expected a Podium archive document/],
    ['importArchive', { document: {}, mode: 'overwrite' }, /params\.mode: expected one of replace, merge/],
    ['importArchive', { document: { format: 'podium-archive', version: 1 }, mode: 'merge' }, /This is not a valid Podium archive: exportedAt: expected text/],
    ['updateSpeaker', { id: 'sp_missing', changes: {} }, /No speaker with id “sp_missing” in the archive\./],
    ['updateSpeaker', { id: 'sp_1', changes: { name: '' } }, /params\.changes\.name: must not be empty/],
    ['updateTalk', { id: 'tk_1', changes: { date: 'last tuesday' } }, /params\.changes\.date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD/],
    ['updateTalk', { id: 'tk_1', changes: { start: '25h' } }, /params\.changes\.start: expected a time as HH:MM/],
    ['updateTalk', { id: 'tk_1', changes: { kind: 'sermon' } }, /params\.changes\.kind: expected one of talk, keynote/],
    ['deleteTalk', { id: 'tk_missing' }, /No talk with id “tk_missing”/],
    ['mergeSpeakers', { keepId: 'sp_a' }, /params\.otherId: expected text/],
    ['splitSpeaker', { id: 'sp_a', talkIds: Array(10_001).fill('tk') }, /params\.talkIds: more than 10000 items/],
    ['undo', {}, /There is nothing to undo\./],
    ['undo', { id: 'undo_gone' }, /That change can no longer be undone\./],
  ];

  it.each(cases)('%s %j', async (method, params, message) => {
    for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
    const before = await snapshot(db);
    const reply = await dispatch(handlers, method, params, page);
    expect(reply.ok).toBe(false);
    expect(reply.ok ? '' : reply.error).toMatch(message);
    expect(await snapshot(db)).toEqual(before);
  });
});
