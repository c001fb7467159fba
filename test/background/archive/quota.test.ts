/**
 * A full disk during a write: the transaction aborts, nothing is lost, and
 * the caller reads a sentence saying so.
 */
import { quotaMessage } from '../../../src/background/archive/errors';
import { importBundle } from '../../../src/background/archive/merge';
import type { PodiumDb } from '../../../src/background/db';
import { createArchiveHandlers } from '../../../src/background/archive/handlers';
import { type Handlers, dispatch } from '../../../src/background/router';
import { SAMPLE_BUNDLES } from '../../../src/background/sample-archive';
import { bundle, firstSpeakerDocument, freshDb, snapshot } from '../helpers';

let db: PodiumDb;
let handlers: Handlers;
const page = { sender: { id: 'podium@test', url: 'chrome-extension://podium-test/popup.html' }, fromContent: false };

beforeEach(async () => {
  db = freshDb();
  handlers = createArchiveHandlers(db) as Handlers;
  for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await db.delete();
});

const quota = () => {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};

it('an import that hits the quota changes nothing', async () => {
  const before = await snapshot(db);
  jest.spyOn(db.talks, 'bulkPut').mockImplementation(quota);
  const b = bundle({ speakers: [{ ref: 'a', name: 'Angelo Failla', skills: ['TFTP'] }, { ref: 'n', name: 'New Person' }], talks: [{ title: 'New talk', speakerRefs: ['n'] }] });
  const reply = await dispatch(handlers, 'importBundle', { bundle: b }, page);
  expect(reply).toEqual({ ok: false, error: quotaMessage() });
  expect(await snapshot(db)).toEqual(before);
});

it('a replacing archive import that hits the quota keeps the old archive', async () => {
  const before = await snapshot(db);
  const doc = await firstSpeakerDocument(db);
  jest.spyOn(db.talks, 'bulkAdd').mockImplementation(quota);
  const reply = await dispatch(handlers, 'importArchive', { document: doc, mode: 'replace' }, page);
  expect(reply).toEqual({ ok: false, error: quotaMessage() });
  expect(await snapshot(db)).toEqual(before);
});

it('an edit that hits the quota changes nothing', async () => {
  const before = await snapshot(db);
  jest.spyOn(db.undo, 'add').mockImplementation(quota);
  const reply = await dispatch(handlers, 'updateSpeaker', { id: before.speakers[0]!.id, changes: { headline: 'New' } }, page);
  expect(reply).toEqual({ ok: false, error: quotaMessage() });
  expect(await snapshot(db)).toEqual(before);
});
