/**
 * Export and import of the whole archive in slices (one message each), as
 * the import page sends a 100,000-talk archive: the same document, the same
 * all-or-nothing import, the same errors as one message.
 */
import { quotaMessage } from '../../../src/background/archive/errors';
import { importBundle } from '../../../src/background/archive/merge';
import { syntheticBundle } from '../../fixtures/synthetic';
import { exportArchive, importArchive } from '../../../src/background/archive/transfer';
import type { PodiumDb } from '../../../src/background/db';
import { createArchiveHandlers } from '../../../src/background/archive/handlers';
import { type Handlers, dispatch } from '../../../src/background/router';
import { SAMPLE_BUNDLES } from '../../../src/background/sample-archive';
import { type Call, exportArchiveParts, importArchiveInSlices } from '../../../src/shared/archive-transfer';
import type { Method } from '../../../src/shared/messages';
import { bundle, firstSpeakerDocument, freshDb, snapshot } from '../helpers';

jest.setTimeout(60_000);

const page = { sender: { id: 'podium@test', url: 'chrome-extension://podium-test/popup.html' }, fromContent: false };

let db: PodiumDb;
let other: PodiumDb;
beforeEach(async () => {
  db = freshDb();
  other = freshDb();
  for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
  await importBundle(db, syntheticBundle({ talks: 40, speakers: 20, seed: 5 }));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await db.delete();
  await other.delete();
});

/**
 * A page's `call` through the real router, JSON-cloned both ways as Chrome
 * does; slices of `limit` records so that small archives take many slices.
 */
function caller(target: PodiumDb, limit = 7, handlers: Handlers = createArchiveHandlers(target) as Handlers): Call & { calls: Method[] } {
  const calls: Method[] = [];
  const call = (async (method: Method, params: unknown) => {
    calls.push(method);
    const p = method === 'exportArchiveSlice' ? { ...(params as object), limit } : params;
    const reply = await dispatch(handlers, method, JSON.parse(JSON.stringify(p)), page);
    if (!reply.ok) throw new Error(reply.error);
    return JSON.parse(JSON.stringify(reply.value));
  }) as Call;
  return Object.assign(call, { calls });
}

const withoutTime = (doc: Record<string, unknown>) => ({ ...doc, exportedAt: '' });

/** Every table without `updatedAt` (a merge that changes nothing still touches it, as one-message merges do). */
async function content(target: PodiumDb) {
  const strip = <T extends object>(xs: T[]) => xs.map((x) => ({ ...x, updatedAt: undefined }));
  const t = await snapshot(target);
  return { sources: t.sources, speakers: strip(t.speakers), talks: strip(t.talks), events: strip(t.events) };
}

it('export in slices is exactly the one-message document', async () => {
  const call = caller(db);
  const text = (await exportArchiveParts(call)).join('');
  const doc = JSON.parse(text);
  expect(withoutTime(doc)).toEqual(withoutTime(JSON.parse(JSON.stringify(await exportArchive(db)))));
  expect(text).toBe(JSON.stringify({ ...(await exportArchive(db)), exportedAt: doc.exportedAt }));
  expect(call.calls.filter((m) => m === 'exportArchiveSlice').length).toBeGreaterThan(10);
});

it('an empty archive exports as a valid empty document', async () => {
  const text = (await exportArchiveParts(caller(other))).join('');
  expect(JSON.parse(text)).toMatchObject({ format: 'podium-archive', version: 1, sources: [], speakers: [], talks: [], events: [] });
});

it('round-trips exactly through slices (replace)', async () => {
  const doc = JSON.parse((await exportArchiveParts(caller(db))).join(''));
  const r = await importArchiveInSlices(caller(other), doc, 'replace');
  expect(r).toMatchObject({ mode: 'replace', speakers: doc.speakers.length, talks: doc.talks.length });
  expect(await snapshot(other)).toEqual(await snapshot(db));
});

it('merging an export into its own archive through slices changes no record', async () => {
  const before = await content(db);
  const doc = JSON.parse((await exportArchiveParts(caller(db))).join(''));
  await importArchiveInSlices(caller(db), doc, 'merge');
  expect(await content(db)).toEqual(before);
});

it('refuses to go on when the archive changes between slices', async () => {
  const call = caller(db);
  const begin = await call('exportArchiveBegin', {});
  await call('exportArchiveSlice', { cursor: begin.cursor });
  await importBundle(db, bundle({ speakers: [{ ref: 'n', name: 'New Person' }] }));
  await expect(call('exportArchiveSlice', { cursor: begin.cursor })).rejects.toThrow(/archive changed while it was being exported/);
});

describe('a bad document sent in slices changes nothing and says what and where', () => {
  it.each([
    ['a dangling speaker id', (d: any) => (d.talks[3].speakerIds[0] = 'sp_x'), /^This is not a valid Podium archive: talks\[3\]\.speakerIds\[0\]: unknown speaker "sp_x"\.$/],
    ['a newer version', (d: any) => (d.version = 2), /this file is version 2/],
    ['a missing table', (d: any) => delete d.events, /events/],
    ['a table that is not a list', (d: any) => (d.talks = {}), /talks/],
    ['a forbidden key', (d: any) => (d.speakers[0] = JSON.parse(`{"__proto__": {}, ${JSON.stringify(d.speakers[0]).slice(1)}`)), /forbidden field name/],
  ])('%s', async (_name, spoil, message) => {
    const doc = JSON.parse(JSON.stringify(await exportArchive(db)));
    spoil(doc);
    for (const target of [db, other]) {
      const before = await snapshot(target);
      const oneMessage = await importArchive(target, JSON.parse(JSON.stringify(doc)), 'replace').catch((e: Error) => e.message);
      await expect(importArchiveInSlices(caller(target), doc, 'replace')).rejects.toThrow(oneMessage as string);
      await expect(importArchiveInSlices(caller(target), doc, 'merge')).rejects.toThrow(message);
      expect(await snapshot(target)).toEqual(before);
    }
  });
});

it('an import interrupted by a worker restart changes nothing and says so', async () => {
  const before = await snapshot(db);
  const doc = JSON.parse(JSON.stringify(await exportArchive(db)));
  const call = caller(db);
  const { importId } = await call('importArchiveBegin', { mode: 'replace', head: { format: doc.format, version: doc.version, exportedAt: doc.exportedAt } });
  await call('importArchiveSlice', { importId, table: 'sources', records: doc.sources });
  const restarted = caller(db); // new handlers: the staging area is gone
  await expect(restarted('importArchiveCommit', { importId })).rejects.toThrow(/interrupted.*nothing was changed/);
  expect(await snapshot(db)).toEqual(before);
});

it('a quota error at commit reaches the page as an error value and keeps the old archive', async () => {
  const before = await snapshot(db);
  const doc = await firstSpeakerDocument(db);
  jest.spyOn(db.talks, 'bulkAdd').mockImplementation(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
  const handlers = createArchiveHandlers(db) as Handlers;
  const begin = await dispatch(handlers, 'importArchiveBegin', { mode: 'replace', head: { format: doc.format, version: doc.version, exportedAt: doc.exportedAt } }, page);
  const importId = (begin as { value: { importId: string } }).value.importId;
  for (const table of ['sources', 'speakers', 'talks', 'events'] as const) {
    expect(await dispatch(handlers, 'importArchiveSlice', { importId, table, records: doc[table] }, page)).toMatchObject({ ok: true });
  }
  expect(await dispatch(handlers, 'importArchiveCommit', { importId }, page)).toEqual({ ok: false, error: quotaMessage() });
  expect(await snapshot(db)).toEqual(before);
});

it('refuses oversize slices and unknown tables before staging them', async () => {
  const handlers = createArchiveHandlers(db) as Handlers;
  const begin = (await dispatch(handlers, 'importArchiveBegin', { mode: 'replace', head: {} }, page)) as { value: { importId: string } };
  const importId = begin.value.importId;
  expect(await dispatch(handlers, 'importArchiveSlice', { importId, table: 'undo', records: [] }, page)).toMatchObject({ ok: false, error: expect.stringMatching(/params\.table/) });
  expect(await dispatch(handlers, 'importArchiveSlice', { importId, table: 'talks', records: new Array(20_001).fill(0) }, page)).toMatchObject({ ok: false, error: expect.stringMatching(/params\.records/) });
});

describe('re-importing a big bundle (whole-table reads instead of index walks)', () => {
  it('merges everything, duplicates nothing, and a merge of its own export changes no record', async () => {
    const big = syntheticBundle({ talks: 1200, speakers: 600, seed: 9 });
    await importBundle(other, big);
    const again = await importBundle(other, big);
    expect(again.speakers).toEqual({ created: 0, merged: 600 });
    expect(again.talks).toEqual({ created: 0, merged: 1200 });
    expect(await other.talks.count()).toBe(1200);
    const before = await content(other);
    const r = await importArchive(other, JSON.parse(JSON.stringify(await exportArchive(other))), 'merge');
    expect(r.merge?.speakers).toEqual({ created: 0, merged: 600 });
    expect(await content(other)).toEqual(before);
  });
});
