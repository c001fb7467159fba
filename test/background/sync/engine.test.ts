/**
 * The sync engine against a `storage.sync` fake that enforces Chrome's
 * quotas and throws its messages: last change wins per item, conflicts are
 * reported, a full area keeps the oldest edits on this browser only, writes
 * stay within the rate limits, and a missing or failing area leaves local
 * data working.
 */
import { SyncEngine } from '../../../src/background/sync';
import { LEDGER_KEY, type Ledger } from '../../../src/background/sync/ledger';
import { PER_MINUTE } from '../../../src/background/sync/rate';
import type { RecipeEntry } from '../../../src/background/sync/recipe';
import { SUBSCRIPTIONS_KEY } from '../../../src/shared/subscriptions';
import { FakeSyncArea } from '../../mocks/browser';
import { browserSide, Clock, type Side, twoBrowsers } from './two-browsers';

const sides: Side[] = [];
afterEach(async () => {
  for (const s of sides.splice(0)) {
    s.engine.stop();
    await s.db.delete();
  }
});
function pair(clock = new Clock()) {
  const p = twoBrowsers(clock);
  sides.push(p.a, p.b);
  return p;
}

const settings = (patch: Record<string, unknown>) => ({ contentSettings: { marks: true, privacy: false, intentDelayMs: 300, markStyle: 'tint', ...patch } });
const sub = (url: string, patch: Record<string, unknown> = {}) => ({ id: '', url, label: 'Conf', intervalHours: 24, paused: false, addedAt: '2026-11-01T08:00:00.000Z', changedAt: '2026-11-01T08:00:00.000Z', state: {}, ...patch });
/** An edit entry of about `size` characters. */
const edit = (n: number, size = 100): RecipeEntry => ({ o: 'set', on: { s: { n: `person ${n}` } }, f: 'summary', v: 'x'.repeat(size), l: `Person ${n}` });
const ledgerOf = async (s: Side) => (await s.local.get(LEDGER_KEY))[LEDGER_KEY] as Ledger;

describe('last change wins, per item', () => {
  it('resolves each item by its own last change and the browser that met both changes reports the conflicts', async () => {
    const { a, b, clock } = pair();
    // Both set up offline; first sync run ever: what was there before sync is the weakest change.
    await a.engine.syncNow();
    await b.engine.syncNow();
    // storage.onChanged tells each engine at once; the cycles run later.
    clock.tick();
    await a.local.set(settings({ privacy: true }));
    a.engine.localChanged(['contentSettings']);
    clock.tick();
    await b.local.set(settings({ markStyle: 'underline' }));
    await b.local.set({ popupTheme: 'light' });
    b.engine.localChanged(['contentSettings', 'popupTheme']);
    clock.tick();
    await a.local.set({ popupTheme: 'dark' }); // A's theme is later than B's; B's settings later than A's
    a.engine.localChanged(['popupTheme']);
    clock.tick(5000);
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();

    for (const s of [a, b]) {
      const got = await s.local.get(['contentSettings', 'popupTheme']);
      expect(got).toEqual({ ...settings({ markStyle: 'underline' }), popupTheme: 'dark' });
    }
    const onB = (await b.engine.status()).conflicts;
    expect(onB.map((c) => [c.kind, c.winner]).sort()).toEqual([
      ['settings', 'here'],
      ['theme', 'other'],
    ]);
    // A's changes had reached sync before B's: on A, B's settings arrive as an ordinary update of what A wrote.
    expect((await a.engine.status()).conflicts).toEqual([]);
  });

  it('an ordinary update is no conflict, and equal times resolve the same way everywhere', async () => {
    const { a, b, clock } = pair();
    await a.local.set(settings({ privacy: true }));
    await a.engine.syncNow();
    await b.engine.syncNow();
    clock.tick();
    await b.local.set(settings({ privacy: false }));
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect((await a.engine.status()).conflicts).toEqual([]);
    expect((await a.local.get('contentSettings'))['contentSettings']).toMatchObject({ privacy: false });

    // Same instant on both: the browser id decides, identically on both sides.
    clock.tick();
    await a.local.set({ popupTheme: 'dark' });
    await b.local.set({ popupTheme: 'light' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();
    const [ta, tb] = [(await a.local.get('popupTheme'))['popupTheme'], (await b.local.get('popupTheme'))['popupTheme']];
    expect(ta).toBe(tb);
  });
});

describe('subscriptions and sites', () => {
  it('brings subscriptions to the other browser, keeping its local state, and removes them', async () => {
    const { a, b, clock } = pair();
    const url = 'https://pretalx.com/democon/';
    await a.local.set({ [SUBSCRIPTIONS_KEY]: [sub(url, { state: { lastChecked: 'A' } })] });
    await a.engine.syncNow();
    await b.engine.syncNow();
    const onB = (await b.local.get(SUBSCRIPTIONS_KEY))[SUBSCRIPTIONS_KEY] as { url: string; state: object; id: string }[];
    expect(onB).toHaveLength(1);
    expect(onB[0]).toMatchObject({ url, state: {} });

    // B fetched it (its own state); A makes it weekly: B takes the choice and keeps its state.
    await b.local.set({ [SUBSCRIPTIONS_KEY]: [{ ...onB[0], state: { lastChecked: 'B' } }] });
    clock.tick(60_000);
    await a.local.set({ [SUBSCRIPTIONS_KEY]: [sub(url, { intervalHours: 168, changedAt: new Date(clock.t).toISOString(), state: { lastChecked: 'A' } })] });
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect((await b.local.get(SUBSCRIPTIONS_KEY))[SUBSCRIPTIONS_KEY]).toEqual([expect.objectContaining({ intervalHours: 168, state: { lastChecked: 'B' } })]);

    clock.tick();
    await a.local.set({ [SUBSCRIPTIONS_KEY]: [] });
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect((await b.local.get(SUBSCRIPTIONS_KEY))[SUBSCRIPTIONS_KEY]).toEqual([]);
    expect((await b.engine.status()).synced.subscriptions).toBe(0);
  });

  it('offers a site enabled on the other browser, and a revoke there revokes here', async () => {
    const { a, b, clock } = pair();
    await a.engine.syncNow();
    await b.engine.syncNow();
    a.sites.add('https://conf.example.org/*');
    clock.tick();
    await a.engine.syncNow();
    expect((await b.engine.syncNow()).suggestedSites).toEqual(['https://conf.example.org/*']);
    // "Enable here" grants it on B: no longer a suggestion.
    b.sites.add('https://conf.example.org/*');
    clock.tick();
    expect((await b.engine.syncNow()).suggestedSites).toEqual([]);
    a.sites.delete('https://conf.example.org/*');
    clock.tick();
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect([...b.sites]).toEqual([]);
  });
});

describe('quota', () => {
  it('the fake refuses writes over a quota with Chrome’s messages', async () => {
    const area = new FakeSyncArea();
    await expect(area.set({ big: 'x'.repeat(9000) })).rejects.toThrow('QUOTA_BYTES_PER_ITEM quota exceeded');
    for (let i = 0; i < 13; i++) await area.set({ [`k${i}`]: 'x'.repeat(8000) }).catch(() => {});
    await expect(area.set({ k99: 'x'.repeat(8000) })).rejects.toThrow('QUOTA_BYTES quota exceeded');
  });

  it('when full, keeps the oldest edits on this browser only, says so, and the other browser gets the newest', async () => {
    const clock = new Clock();
    const { a, b } = pair(clock);
    // About 300 KB of edits (three times the quota), one at a time, plus one too large for any sync item.
    for (let n = 0; n < 300; n++) {
      await a.engine.record([edit(n, 1000)]);
      clock.tick();
    }
    await a.engine.record([edit(999, 9000)]);
    const status = await a.engine.syncNow();
    expect(status.on).toBe(true);
    expect(status.full).toBe(true);
    expect(status.bytesUsed).toBeLessThanOrEqual(102_400);
    expect(a.sync.bytesInUse()).toBeLessThanOrEqual(102_400);
    expect(status.tooLargeEdits).toBe(1);
    expect(status.localOnlyEdits + status.synced.edits + status.tooLargeEdits).toBe(301);
    expect(status.synced.edits).toBeGreaterThan(80);
    expect(Object.keys(a.sync.account.data).length).toBeLessThanOrEqual(13);
    // Nothing is lost here.
    expect(Object.keys((await ledgerOf(a)).items)).toHaveLength(301);

    await b.engine.syncNow();
    const onB = Object.values((await ledgerOf(b)).items).map((i) => (i.v as RecipeEntry).l);
    expect(onB).toContain('Person 299'); // the newest
    expect(onB).not.toContain('Person 0'); // the oldest stayed on A
    expect(onB).not.toContain('Person 999'); // too large for sync
  });

  it('leaves room for what other keys use', async () => {
    const { a } = pair();
    await a.sync.set({ someoneElse: 'y'.repeat(8000), another: 'z'.repeat(8000) });
    for (let n = 0; n < 120; n++) await a.engine.record([edit(n, 1000)]);
    const status = await a.engine.syncNow();
    expect(status.on).toBe(true);
    expect(a.sync.bytesInUse()).toBeLessThanOrEqual(102_400);
    expect(status.localOnlyEdits).toBeGreaterThan(0);
  });
});

describe('write rate', () => {
  it('batches a burst of edits into one write', async () => {
    const clock = new Clock();
    const area = new FakeSyncArea(undefined, clock.now);
    const a = browserSide('A', area, clock, { debounceMs: 30 });
    sides.push(a);
    await a.engine.start();
    const before = area.writes.length;
    for (let n = 0; n < 200; n++) await a.engine.record([edit(n)]);
    await new Promise((r) => setTimeout(r, 120));
    await a.engine.status(); // after the queued cycle
    expect(area.writes.length - before).toBe(1);
    expect((await a.engine.status()).synced.edits).toBe(200);
  });

  it('never goes over the per-minute limit, and sends what waited once it may', async () => {
    const clock = new Clock();
    const area = new FakeSyncArea(undefined, clock.now);
    const a = browserSide('A', area, clock);
    sides.push(a);
    let last;
    for (let n = 0; n < 150; n++) {
      await a.engine.record([edit(n)]);
      last = await a.engine.syncNow(); // each would write: the limiter holds the rest back
    }
    expect(area.writes.length).toBeLessThanOrEqual(PER_MINUTE);
    expect(last!.pendingUntil).toBeGreaterThan(clock.t);
    expect(last!.on).toBe(true);
    clock.tick(61_000);
    const after = await a.engine.syncNow();
    expect(after.pendingUntil).toBeUndefined();
    expect(after.synced.edits).toBe(150);
    expect(area.writes.length).toBeLessThanOrEqual(PER_MINUTE + 2);
  });

  it('waits a minute when the browser says the rate was exceeded', async () => {
    const clock = new Clock();
    const area = new FakeSyncArea(undefined, clock.now);
    const a = browserSide('A', area, clock);
    sides.push(a);
    for (let i = 0; i < 120; i++) area.writes.push(clock.t); // another context used the budget
    await a.engine.record([edit(1)]);
    const s = await a.engine.syncNow();
    expect(s.pendingUntil).toBe(clock.t + 60_000);
    expect(s.on).toBe(true);
  });
});

describe('sync unavailable or failing', () => {
  it('without a sync area, local settings and the recipe keep working and Settings is told why', async () => {
    const clock = new Clock();
    const a = browserSide('A', undefined, clock);
    sides.push(a);
    await a.local.set(settings({ privacy: true }));
    await a.engine.record([edit(1)]);
    const s = await a.engine.syncNow();
    expect(s.on).toBe(false);
    expect(s.off).toEqual({ reason: 'unavailable' });
    expect((await ledgerOf(a)).items['settings']).toBeDefined();
    expect((await a.local.get('contentSettings'))['contentSettings']).toMatchObject({ privacy: true });
  });

  it('a throwing area turns sync off with the browser’s words, and on again once it answers', async () => {
    const { a, b } = pair();
    a.sync.failWith = new Error('Sync is disabled by your administrator.');
    await a.local.set(settings({ privacy: true }));
    const off = await a.engine.syncNow();
    expect(off).toMatchObject({ on: false, off: { reason: 'error', detail: 'Sync is disabled by your administrator.' } });
    a.sync.failWith = undefined;
    expect((await a.engine.syncNow()).on).toBe(true);
    await b.engine.syncNow();
    expect((await b.local.get('contentSettings'))['contentSettings']).toMatchObject({ privacy: true });
  });
});

describe('the user turns sync off', () => {
  it('removes Podium’s data from the account, sends nothing more, and sends everything again when turned back on', async () => {
    const { a, b } = pair();
    await a.local.set(settings({ privacy: true }));
    await a.engine.record([edit(1)]);
    await a.engine.syncNow();
    expect(Object.keys(await a.sync.get(null)).some((k) => k.startsWith('podium:'))).toBe(true);
    await a.local.set({ syncEnabled: false });
    const off = await a.engine.syncNow();
    expect(off).toMatchObject({ on: false, off: { reason: 'user' } });
    expect(Object.keys(await a.sync.get(null)).filter((k) => k.startsWith('podium:'))).toEqual([]);
    // Changes made meanwhile stay here, and nothing reaches the other browser.
    await a.local.set(settings({ privacy: false, intentDelayMs: 900 }));
    await a.engine.syncNow();
    expect(Object.keys(await a.sync.get(null)).filter((k) => k.startsWith('podium:'))).toEqual([]);
    await b.engine.syncNow();
    expect((await b.local.get('contentSettings'))['contentSettings']).toBeUndefined();
    await a.local.set({ syncEnabled: true });
    expect((await a.engine.syncNow()).on).toBe(true);
    await b.engine.syncNow();
    expect((await b.local.get('contentSettings'))['contentSettings']).toMatchObject({ intentDelayMs: 900 });
  });
});

test('engines are separate per archive', () => {
  expect(new SyncEngine({} as never, { local: {} as never, sync: undefined })).toBeInstanceOf(SyncEngine);
});
