/**
 * Sending a large import ahead of Save, page and worker together: the
 * page's SendAhead and saveItems talk to the worker's real import sessions
 * (fake-indexeddb) through the mocked runtime.
 */
import type { PodiumDb } from '../../src/background/db';
import { importSessionAbort, importSessionAdd, importSessionCommit, importSessionStaged, importSessionStart } from '../../src/background/import/session';
import type { ReadItem } from '../../src/import/reader';
import { saveItems } from '../../src/import/save';
import { AHEAD_FROM_TALKS, HOLD_MS, SendAhead } from '../../src/import/send-ahead';
import type { ImportBundle } from '../../src/shared/types';
import { setMessageHandler } from '../mocks/browser';
import { bundle, freshDb, snapshot } from '../background/helpers';

let db: PodiumDb;
let calls: { method: string; params: any }[];
/** Lets a test answer a method itself (a worker that restarted, a refusal). */
let override: ((method: string, params: any) => unknown) | undefined;

async function run(method: string, p: any): Promise<unknown> {
  switch (method) {
    case 'importSessionStart':
      return importSessionStart(db, p.label);
    case 'importSessionAdd':
      return importSessionAdd(db, p.sessionId, p.bundles ?? [p.bundle], { continues: !!p.continues, stageOnly: !!p.stageOnly });
    case 'importSessionStaged':
      return importSessionStaged(db, p.sessionId);
    case 'importSessionCommit':
      return importSessionCommit(db, p.sessionId);
    case 'importSessionAbort':
      return importSessionAbort(db, p.sessionId);
    case 'ping':
      return 'pong';
    default:
      throw new Error(`unexpected ${method}`);
  }
}

beforeEach(() => {
  db = freshDb();
  calls = [];
  override = undefined;
  setMessageHandler(async (msg) => {
    const m = msg as { method: string; params: any };
    calls.push(m);
    try {
      const mine = override?.(m.method, m.params);
      return { ok: true, value: mine !== undefined ? await mine : await run(m.method, m.params) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  });
});
afterEach(async () => {
  setMessageHandler(undefined);
  await db.delete();
});

/** A schedule file of `talks` talks by `talks / 2` people. */
function schedule(name: string, talks: number): ImportBundle {
  const people = Math.max(1, talks / 2);
  return bundle({
    name,
    speakers: Array.from({ length: people }, (_, i) => ({ ref: `p${i}`, name: `${name} Person ${i}` })),
    talks: Array.from({ length: talks }, (_, i) => ({ title: `${name} talk ${i}`, eventRef: 'e', speakerRefs: [`p${i % people}`] })),
    events: [{ ref: 'e', name: `${name} 2026`, year: 2026 }],
  });
}
const item = (b: ImportBundle): ReadItem => ({ kind: 'bundles', label: b.source.name, bundles: [b] });
const methods = () => calls.map((c) => c.method).filter((m) => m !== 'ping');
/** Waits until the requests queued so far have been answered. */
const settle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 5));
};
const talkCount = async () => (await snapshot(db)).talks.length;

describe('sending ahead of Save', () => {
  it('sends a large input as soon as it is read, writes nothing before Save, and Save sends only the rest', async () => {
    const ahead = new SendAhead();
    const [a, b] = [item(schedule('Alpha', AHEAD_FROM_TALKS)), item(schedule('Beta', 40))];
    ahead.want([a]);
    await settle();
    expect(methods()).toEqual(['importSessionStart', 'importSessionAdd']);
    expect(calls[1]!.params.stageOnly).toBe(true);
    expect(await talkCount()).toBe(0);

    const outcome = await saveItems([a, b], 'Alpha, Beta', { ahead });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(methods()).toEqual(['importSessionStart', 'importSessionAdd', 'importSessionStaged', 'importSessionAdd', 'importSessionCommit']);
    // Sent at Save, the rest may be written at once when the staging is full.
    expect(calls[3]!.params.stageOnly).toBeUndefined();
    expect(outcome.totals.talks.created).toBe(AHEAD_FROM_TALKS + 40);
    expect(outcome.totals.bundles).toBe(2);
    expect(await talkCount()).toBe(AHEAD_FROM_TALKS + 40);
  });

  it('sends nothing ahead for a small import', async () => {
    const ahead = new SendAhead();
    const a = item(schedule('Small', 10));
    ahead.want([a]);
    await settle();
    expect(methods()).toEqual([]);
    const outcome = await saveItems([a], 'Small', { ahead });
    expect(outcome.ok).toBe(true);
    expect(methods()).toEqual(['importSessionStart', 'importSessionAdd', 'importSessionCommit']);
  });

  it('an edit after sending drops that session; the save holds the edit and nothing twice', async () => {
    const ahead = new SendAhead();
    const original = schedule('Alpha', AHEAD_FROM_TALKS);
    ahead.want([item(original)]);
    await settle();
    const edited = item({ ...original, talks: original.talks.map((t, i) => (i === 0 ? { ...t, title: 'Fixed title' } : t)) });
    const outcome = await saveItems([edited], 'Alpha', { ahead });
    expect(outcome.ok).toBe(true);
    expect(methods().filter((m) => m === 'importSessionStart')).toHaveLength(2);
    expect(methods()).toContain('importSessionAbort');
    const talks = (await snapshot(db)).talks;
    expect(talks).toHaveLength(AHEAD_FROM_TALKS);
    expect(talks.map((t) => t.title)).toContain('Fixed title');
    expect(talks.map((t) => t.title)).not.toContain('Alpha talk 0');
    // No session is left open in the worker's meta table.
    expect((await db.meta.toArray()).filter((r) => String(r.key).startsWith('import-session:'))).toEqual([]);
  });

  it('a worker that restarted during the review (its staging lost): Save sends everything again', async () => {
    const ahead = new SendAhead();
    const a = item(schedule('Alpha', AHEAD_FROM_TALKS));
    ahead.want([a]);
    await settle();
    override = (method) => (method === 'importSessionStaged' ? Promise.reject(new Error('Podium’s background page was restarted')) : undefined);
    const outcome = await saveItems([a], 'Alpha', { ahead });
    expect(outcome.ok).toBe(true);
    expect(methods().filter((m) => m === 'importSessionStart')).toHaveLength(2);
    expect(await talkCount()).toBe(AHEAD_FROM_TALKS);
  });

  it('a batch the worker refuses ahead (staging full) is sent at Save instead', async () => {
    const ahead = new SendAhead();
    const a = item(schedule('Alpha', AHEAD_FROM_TALKS));
    override = (method, p) => (method === 'importSessionAdd' && p.stageOnly ? Promise.reject(new Error('too much to send ahead')) : undefined);
    ahead.want([a]);
    await settle();
    const outcome = await saveItems([a], 'Alpha', { ahead });
    expect(outcome.ok).toBe(true);
    expect(await talkCount()).toBe(AHEAD_FROM_TALKS);
  });

  it('discarding the review (or closing the page) drops what was sent: nothing is written', async () => {
    const ahead = new SendAhead();
    ahead.want([item(schedule('Alpha', AHEAD_FROM_TALKS))]);
    await settle();
    ahead.drop();
    await settle();
    expect(methods()).toEqual(['importSessionStart', 'importSessionAdd', 'importSessionAbort']);
    const sessionId = calls[1]!.params.sessionId as string;
    await expect(importSessionStaged(db, sessionId)).rejects.toThrow();
    expect(await talkCount()).toBe(0);
  });

  it('a review left open past the hold time gives the worker its memory back', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const ahead = new SendAhead();
      ahead.want([item(schedule('Alpha', AHEAD_FROM_TALKS))]);
      for (let i = 0; i < 50; i++) await jest.advanceTimersByTimeAsync(5);
      expect(methods()).toEqual(['importSessionStart', 'importSessionAdd']);
      await jest.advanceTimersByTimeAsync(HOLD_MS);
      for (let i = 0; i < 50; i++) await jest.advanceTimersByTimeAsync(5);
      expect(methods()).toEqual(['importSessionStart', 'importSessionAdd', 'importSessionAbort']);
      // The worker was kept awake meanwhile (Chrome stops an idle one after 30 s).
      expect(calls.filter((c) => c.method === 'ping').length).toBeGreaterThanOrEqual(10);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('importSessionAdd with stageOnly', () => {
  it('refuses a batch that would fill the staging, and writes nothing', async () => {
    const { sessionId } = await importSessionStart(db, 'ahead', Date.now(), 100);
    await importSessionAdd(db, sessionId, schedule('Alpha', 60), { stageOnly: true });
    await expect(importSessionAdd(db, sessionId, schedule('Beta', 60), { stageOnly: true })).rejects.toThrow(/too large to send ahead/);
    expect(await talkCount()).toBe(0);
    expect(await importSessionStaged(db, sessionId)).toEqual({ bundles: 1 });
    // Sent at Save, the same batch is taken (and written, the staging being full).
    await importSessionAdd(db, sessionId, schedule('Beta', 60));
    await importSessionCommit(db, sessionId);
    expect(await talkCount()).toBe(120);
  });
});
