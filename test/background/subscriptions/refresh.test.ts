/**
 * Subscriptions in the worker, against a fake pretalx server (a `fetch` that
 * answers like pretalx's REST API): subscribing, a schedule that changes
 * between two refreshes, conditional requests, bad answers that leave the
 * archive intact, back-off, pausing, removing, and the alarm that drives it.
 */
import browser from '../../../src/shared/browser';
import { PodiumDb } from '../../../src/background/db';
import { createSubscriptionHandlers, subscribePending } from '../../../src/background/subscriptions/handlers';
import { backoffMs, refreshSubscription } from '../../../src/background/subscriptions/refresh';
import { ALARM_PREFIX, reconcileAlarms, watchSubscriptions } from '../../../src/background/subscriptions/schedule';
import { loadSubscriptions } from '../../../src/background/subscriptions/store';
import { PENDING_MAX_AGE_MS, PENDING_SUBSCRIPTION_KEY, SUBSCRIPTIONS_KEY, type Subscription } from '../../../src/shared/subscriptions';
import type { Talk } from '../../../src/shared/types';
import { apiPage, VERSION_1, VERSION_2, type Version } from '../../fixtures/changing-pretalx';

const EVENT = 'https://pretalx.com/democon/';
const HOUR = 3_600_000;

type Mode = 'ok' | '500' | 'malformed' | 'hang' | 'huge';

/** A pretalx instance: serves `version`, validates with an ETag per version, misbehaves on demand. */
function fakePretalx() {
  const server = { version: VERSION_1 as Version, tag: 'v1', mode: 'ok' as Mode, etags: true, requests: [] as { url: string; conditional: boolean }[] };
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const headers = new Headers(init?.headers);
    server.requests.push({ url: url.pathname + url.search, conditional: headers.has('if-none-match') });
    if (server.mode === 'hang') {
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }
    if (server.mode === '500') return new Response('oops', { status: 500, statusText: 'Internal Server Error' });
    if (server.mode === 'huge') return new Response('x', { headers: { 'content-length': String(200 * 1024 * 1024) } });
    const etag = `"${server.tag}"`;
    if (server.etags && headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    const m = /^\/api\/events\/democon\/(?:(talks|speakers)\/)?$/.exec(url.pathname);
    if (!m) return new Response('not found', { status: 404, statusText: 'Not Found' });
    if (server.mode === 'malformed' && m[1]) return new Response('{"results": [', { headers: { etag } });
    const body = !m[1] ? { name: { en: 'DemoCon 2027' }, slug: 'democon' } : apiPage(m[1] === 'talks' ? server.version.talks : server.version.speakers, url);
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', ...(server.etags ? { etag } : {}) } });
  };
  return { server, fetch };
}

async function talksByTitle(db: PodiumDb): Promise<Map<string, Talk>> {
  return new Map((await db.talks.toArray()).map((t) => [t.title, t]));
}

async function speakerName(db: PodiumDb, id: string): Promise<string | undefined> {
  return (await db.speakers.get(id))?.name;
}

describe('subscriptions in the worker', () => {
  let db: PodiumDb;
  let fake: ReturnType<typeof fakePretalx>;
  let handlers: ReturnType<typeof createSubscriptionHandlers>;
  let granted: jest.SpyInstance;
  const ctx = { sender: { id: 'podium@test' }, fromContent: false } as never;

  beforeEach(async () => {
    db = new PodiumDb(`sub-${Math.random().toString(36).slice(2)}`);
    fake = fakePretalx();
    handlers = createSubscriptionHandlers(db, { fetch: fake.fetch, timeoutMs: 2_000 });
    await browser.storage.local.remove(SUBSCRIPTIONS_KEY);
    await browser.alarms.clearAll();
    granted = jest.spyOn(browser.permissions, 'contains').mockResolvedValue(true);
  });
  afterEach(async () => {
    granted.mockRestore();
    await db.delete();
  });

  const subscribe = () => handlers.subscribe.run({ url: `${EVENT}schedule/` }, ctx) as Promise<Subscription>;
  const refresh = (id: string, deps = {}) => refreshSubscription(db, id, { fetch: fake.fetch, timeoutMs: 2_000, ...deps }) as Promise<Subscription>;

  it('subscribing fetches the schedule at once and names the subscription after the event', async () => {
    const sub = await subscribe();
    expect(sub.state.error).toBeUndefined();
    expect(sub).toMatchObject({ url: `${EVENT}schedule/`, label: 'DemoCon 2027', intervalHours: 24, paused: false });
    expect(sub.state.lastSummary).toEqual({ added: 4, updated: 0, withdrawn: 0, restored: 0, unchanged: 0 });
    expect(sub.state.error).toBeUndefined();
    expect(sub.state.listed).toEqual({ talks: 4, withdrawn: 0 });
    expect(Date.parse(sub.state.nextAt!) - Date.parse(sub.state.lastChecked!)).toBe(24 * HOUR);
    expect([...(await talksByTitle(db)).keys()].sort()).toEqual(VERSION_1.talks.map((t) => t.title).sort());
    expect(await loadSubscriptions()).toHaveLength(1);
  });

  it('reads a schedule in another format (iCalendar) with the parsers it loads on demand', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Feed//EN', 'X-WR-CALNAME:FeedCon 2027',
      'BEGIN:VEVENT', 'UID:feed-1@example.org', 'DTSTAMP:20270101T000000Z', 'DTSTART:20270310T090000Z', 'DTEND:20270310T093000Z', 'SUMMARY:Parsing calendars lazily', 'LOCATION:Room 7', 'END:VEVENT',
      'END:VCALENDAR', ''].join('\r\n');
    const fetch = async (input: string): Promise<Response> =>
      new URL(input).pathname === '/feed/con.ics' ? new Response(ics, { headers: { 'content-type': 'text/calendar' } }) : new Response('not found', { status: 404 });
    const feed = createSubscriptionHandlers(db, { fetch, timeoutMs: 2_000 });
    const sub = (await feed.subscribe.run({ url: 'https://pretalx.com/feed/con.ics' }, ctx)) as Subscription;
    expect(sub.state.error).toBeUndefined();
    expect(sub.state.lastSummary).toMatchObject({ added: 1 });
    expect((await talksByTitle(db)).get('Parsing calendars lazily')).toMatchObject({ room: 'Room 7', date: '2027-03-10' });
  });

  it('a changed schedule changes the archive: moved, replaced, withdrawn, added, and the rest untouched', async () => {
    const sub = await subscribe();
    const before = await talksByTitle(db);
    fake.server.version = VERSION_2;
    fake.server.tag = 'v2';
    const after = await refresh(sub.id);
    expect(after.state.lastSummary).toEqual({ added: 1, updated: 2, withdrawn: 1, restored: 0, unchanged: 1 });
    expect(after.state.lastChanged).toBe(after.state.lastChecked);
    const talks = await talksByTitle(db);
    const moved = talks.get('Consensus without tears')!;
    expect(moved).toMatchObject({ date: '2027-03-11', start: '15:30', end: '16:15', room: 'Room 3' });
    expect(moved.id).toBe(before.get('Consensus without tears')!.id);
    const replaced = talks.get('Grammars that grow')!;
    expect(await Promise.all(replaced.speakerIds.map((id) => speakerName(db, id)))).toEqual(['Henrietta Nakamura-Bell']);
    expect(talks.get('Teaching the middle end')!.withdrawn).toBe(after.state.lastChecked);
    expect(talks.get('Effects, handled')).toBeDefined();
    expect(talks.get('Screen readers and the DOM')!.updatedAt).toBe(before.get('Screen readers and the DOM')!.updatedAt);
    expect(after.state.listed).toEqual({ talks: 4, withdrawn: 1 });
  });

  it('asks conditionally; a 304 changes nothing and reads no schedule', async () => {
    const sub = await subscribe();
    const before = await db.talks.toArray();
    fake.server.requests.length = 0;
    const after = await refresh(sub.id);
    expect(fake.server.requests.every((r) => r.conditional)).toBe(true);
    expect(fake.server.requests).toHaveLength(2); // the first page of talks and of speakers, both 304
    expect(after.state.lastSummary).toEqual(sub.state.lastSummary);
    expect(after.state.lastChecked).not.toBe(sub.state.lastChecked);
    expect(await db.talks.toArray()).toEqual(before);
  });

  it('a server without validators that sends the same schedule changes nothing', async () => {
    fake.server.etags = false;
    const sub = await subscribe();
    const before = await db.talks.toArray();
    const after = await refresh(sub.id);
    expect(after.state.error).toBeUndefined();
    expect(await db.talks.toArray()).toEqual(before);
    expect(await db.sources.count()).toBe(1);
  });

  it.each<[Mode, RegExp]>([
    ['500', /answered 500 Internal Server Error/],
    ['malformed', /did not answer with JSON/],
    ['hang', /took too long/],
    ['huge', /larger than the 64 MB/],
  ])('a bad answer (%s) leaves the archive intact, says why, and backs off', async (mode, message) => {
    const sub = await subscribe();
    fake.server.version = VERSION_2;
    fake.server.tag = 'v2';
    const before = await db.talks.toArray();
    fake.server.mode = mode;
    const failed = await refresh(sub.id, { timeoutMs: 100 });
    expect(failed.state.error).toMatch(message);
    expect(failed.state.failures).toBe(1);
    expect(Date.parse(failed.state.nextAt!) - Date.parse(failed.state.lastChecked!)).toBe(HOUR);
    expect(failed.state.lastSummary).toEqual(sub.state.lastSummary);
    expect(await db.talks.toArray()).toEqual(before);
    const again = await refresh(sub.id, { timeoutMs: 100 });
    expect(again.state.failures).toBe(2);
    expect(Date.parse(again.state.nextAt!) - Date.parse(again.state.lastChecked!)).toBe(2 * HOUR);
    // The server recovers: the error goes, the change arrives.
    fake.server.mode = 'ok';
    const ok = await refresh(sub.id);
    expect(ok.state.error).toBeUndefined();
    expect(ok.state.failures).toBe(0);
    expect(ok.state.lastSummary?.withdrawn).toBe(1);
  });

  it('back-off doubles from an hour to a day, or to the interval when that is longer', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, 24) / HOUR)).toEqual([1, 2, 4, 8, 16, 24, 24]);
    expect(backoffMs(9, 72) / HOUR).toBe(72);
    expect(backoffMs(1, 1) / HOUR).toBe(1);
  });

  it('says so when the host permission was taken back', async () => {
    const sub = await subscribe();
    granted.mockResolvedValue(false);
    const after = await refresh(sub.id);
    expect(after.state.error).toMatch(/may no longer read pretalx\.com/);
  });

  it('refuses to subscribe without the host permission', async () => {
    granted.mockResolvedValue(false);
    await expect(subscribe()).rejects.toThrow(/not been given access to pretalx\.com/);
    expect(await loadSubscriptions()).toEqual([]);
  });

  it('interval: never more often than hourly; pausing clears the alarm; removing keeps the archive', async () => {
    const sub = await subscribe();
    expect(() => handlers.updateSubscription.params({ id: sub.id, intervalHours: 0 }, '')).toThrow();
    const hourly = (await handlers.updateSubscription.run({ id: sub.id, intervalHours: 1 }, ctx)) as Subscription;
    expect(Date.parse(hourly.state.nextAt!) - Date.parse(hourly.state.lastChecked!)).toBe(HOUR);
    await reconcileAlarms();
    expect((await browser.alarms.getAll()).map((a) => a.name)).toEqual([ALARM_PREFIX + sub.id]);
    await handlers.updateSubscription.run({ id: sub.id, paused: true }, ctx);
    await reconcileAlarms();
    expect(await browser.alarms.getAll()).toEqual([]);
    await handlers.unsubscribe.run({ id: sub.id }, ctx);
    expect(await loadSubscriptions()).toEqual([]);
    expect(await db.talks.count()).toBe(4);
  });

  it('the alarm refreshes the subscription by itself', async () => {
    watchSubscriptions(db, { fetch: fake.fetch, timeoutMs: 2_000 });
    const sub = await subscribe();
    await reconcileAlarms();
    fake.server.version = VERSION_2;
    fake.server.tag = 'v2';
    expect((browser.alarms as unknown as { fire(name: string): boolean }).fire(ALARM_PREFIX + sub.id)).toBe(true);
    for (let i = 0; i < 100 && !(await talksByTitle(db)).has('Effects, handled'); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await talksByTitle(db)).get('Teaching the middle end')?.withdrawn).toBeDefined();
    // ...and the alarm is set again for the next one.
    for (let i = 0; i < 100 && !(await browser.alarms.getAll()).length; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await browser.alarms.getAll()).map((a) => a.name)).toEqual([ALARM_PREFIX + sub.id]);
  });

  it('finishes a subscription the popup asked for once the permission arrives (the prompt closed the popup)', async () => {
    const sub = (url: string, at: number) => browser.storage.local.set({ [PENDING_SUBSCRIPTION_KEY]: { url, at } });
    await sub(`${EVENT}schedule/`, Date.now() - PENDING_MAX_AGE_MS - 1);
    expect(await subscribePending(db, { fetch: fake.fetch })).toBeUndefined();
    granted.mockResolvedValue(false);
    await sub(`${EVENT}schedule/`, Date.now());
    expect(await subscribePending(db, { fetch: fake.fetch })).toBeUndefined();
    granted.mockResolvedValue(true);
    const done = await subscribePending(db, { fetch: fake.fetch });
    expect(done?.state.lastSummary?.added).toBe(4);
    expect((await browser.storage.local.get(PENDING_SUBSCRIPTION_KEY))[PENDING_SUBSCRIPTION_KEY]).toBeUndefined();
    expect(await subscribePending(db, { fetch: fake.fetch })).toBeUndefined();
  });

  it('a subscription arriving from another browser (in the list, never fetched) is fetched within seconds', async () => {
    await browser.storage.local.set({ [SUBSCRIPTIONS_KEY]: [{ url: `${EVENT}`, label: 'From my laptop', intervalHours: 12, paused: false, addedAt: '2026-01-01T00:00:00Z', changedAt: '2026-01-01T00:00:00Z' }] });
    const now = Date.now();
    await reconcileAlarms(now);
    const [alarm] = await browser.alarms.getAll();
    expect(alarm!.scheduledTime - now).toBeLessThanOrEqual(2_000);
  });
});
