/**
 * What a subscription costs, for a 1,000-talk pretalx event (500 speakers,
 * served by the test server's fake pretalx API with ETags, 100 records a
 * page), in real Chromium and Firefox, through the user's path:
 * - subscribe in Settings → "Subscribed" shown (first fetch and merge);
 * - the schedule changes on the server (100 talks moved, 20 removed, 20
 *   added, 10 speakers replaced); the alarm goes off → the archive has the
 *   change (the subscription's stored state says so; timed from the
 *   refresh's start) — floor: the same pages fetched from an extension
 *   page, nothing read or merged;
 * - the next alarm answered 304; and a server without validators sending
 *   the same schedule (fetched and read, found unchanged, nothing written);
 * - keystroke → results painted in the popup while refreshes run back to
 *   back, against the same typing with none running.
 */
import type { Page } from 'puppeteer-core';
import { callFromPage, type ExtensionBrowser, LISTED_HOST, openExtensionPage } from '../../test/e2e/browsers';
import type { TestServer } from '../../test/e2e/server';
import { apiPage } from '../../test/fixtures/changing-pretalx';
import { type BrowserName, median, percentile, printWhenRun, type Row, rowsInEachBrowser } from './harness';
import { typeInPopup } from './import-frab';

const TALKS = 1_000;
const SPEAKERS = 500;
const ROOMS = ['Main hall', 'Room 2', 'Room 3', 'Room 4', 'Workshop A'];

interface Version {
  talks: unknown[];
  speakers: unknown[];
}

/** The event: talk i by speakers i mod 500 (and i+1 for every fifth); `changed` moves, drops, adds and recasts some. */
export function version(changed: boolean): Version {
  const speakers = Array.from({ length: SPEAKERS + (changed ? 10 : 0) }, (_, i) => ({ code: `S${i}`, name: `Bench Speaker ${i} Quillfeather`, biography: `Speaker ${i} works on things.` }));
  const talks: unknown[] = [];
  for (let i = 0; i < TALKS + (changed ? 20 : 0); i++) {
    if (changed && i >= 500 && i < 520) continue; // removed from the schedule
    const moved = changed && i < 100;
    const day = 10 + (i % 3);
    const hour = 9 + ((i + (moved ? 3 : 0)) % 9);
    const recast = changed && i >= 200 && i < 210;
    talks.push({
      code: `T${i}`,
      title: `Bench talk ${i}: on the matter of ${['caching', 'parsers', 'consensus', 'types', 'screens'][i % 5]}`,
      state: 'confirmed',
      speakers: recast ? [`S${SPEAKERS + (i - 200)}`] : [`S${i % SPEAKERS}`, ...(i % 5 === 0 ? [`S${(i + 1) % SPEAKERS}`] : [])],
      abstract: `Abstract of bench talk ${i}.`,
      slot: { start: `2027-03-${day}T${String(hour).padStart(2, '0')}:00:00+01:00`, end: `2027-03-${day}T${String(hour).padStart(2, '0')}:45:00+01:00`, room: { en: ROOMS[(i + (moved ? 1 : 0)) % ROOMS.length] } },
    });
  }
  return { talks, speakers };
}

export function serve(server: TestServer) {
  const state = { version: version(false), tag: 'v1', etags: true, requests: 0 };
  server.route(/^\/api\/events\/benchcon\/(?:(talks|speakers)\/)?$/, (url, m, headers) => {
    state.requests++;
    const etag = `"${state.tag}"`;
    if (state.etags && headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
    const h = state.etags ? { etag } : {};
    if (!m[1]) return { json: { name: { en: 'BenchCon 2027' }, slug: 'benchcon' }, headers: h };
    return { json: apiPage(m[1] === 'talks' ? state.version.talks : state.version.speakers, url), headers: h };
  });
  return state;
}

async function subscription(page: Page): Promise<{ id: string; state: Record<string, any> }> {
  return (await callFromPage<{ id: string; state: Record<string, any> }[]>(page, 'listSubscriptions', {})).value![0]!;
}

/**
 * Alarm due now → the stored state shows the refresh done; ms from the
 * alarm going off (the refresh's start, which the worker stamps as
 * `lastChecked`). Not from the alarm's due time: Chrome fires an unpacked
 * extension's alarms at most once a second, which would add up to a second
 * to back-to-back refreshes that real ones, hours apart, never pay.
 */
export async function refreshByAlarm(page: Page): Promise<{ ms: number; state: Record<string, any> }> {
  const before = await subscription(page);
  await page.evaluate((name: string) => ((globalThis as any).browser ?? (globalThis as any).chrome).alarms.create(name, { when: Date.now() + 50 }), `podium-subscription:${before.id}`);
  for (;;) {
    const now = await subscription(page);
    if (now.state['lastChecked'] !== before.state['lastChecked']) return { ms: (await page.evaluate(() => Date.now())) - Date.parse(now.state['lastChecked']), state: now.state };
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The floor of a refresh: fetching the same API pages from an extension page, nothing read or merged. */
async function fetchFloor(page: Page, api: string): Promise<number> {
  // A string, not a function: tsx's helpers do not exist in the page.
  return page.evaluate(`(async () => {
    const t0 = performance.now();
    const all = async (first) => { let next = first; while (next) next = (await (await fetch(next)).json()).next; };
    await fetch(${JSON.stringify(api)});
    await all(${JSON.stringify(api)} + 'talks/?limit=100');
    await all(${JSON.stringify(api)} + 'speakers/?limit=100');
    return performance.now() - t0;
  })()`) as Promise<number>;
}

export async function subscriptionRows(eb: ExtensionBrowser, server: TestServer, fake: ReturnType<typeof serve>): Promise<Row[]> {
  const label = eb.name === 'chromium' ? 'Chromium' : 'Firefox';
  const settings = await openExtensionPage(eb, 'popup.html?view=settings&full=1');
  const url = server.url(LISTED_HOST, '/benchcon/');
  const api = server.url(LISTED_HOST, '/api/events/benchcon/');

  const t0 = Date.now();
  await settings.type('#add-subscription', url);
  await settings.click('[data-testid=subscribe-url]');
  await settings.waitForFunction(() => /Subscribed to/.test(document.querySelector('[data-testid=subscriptions-message]')?.textContent ?? ''), { timeout: 120_000, polling: 20 });
  const subscribeMs = Date.now() - t0;

  const changed: number[] = [];
  const notModified: number[] = [];
  const sameContent: number[] = [];
  const floors: number[] = [];
  let summary = '';
  for (let run = 0; run < 3; run++) {
    floors.push(await fetchFloor(settings, api));
    // Alternate the two versions: each changed refresh moves, drops, adds and recasts.
    fake.version = version(run % 2 === 0);
    fake.tag = `v${run + 2}`;
    const r = await refreshByAlarm(settings);
    changed.push(r.ms);
    summary = JSON.stringify(r.state['lastSummary']);
    notModified.push((await refreshByAlarm(settings)).ms);
  }
  fake.etags = false;
  for (let run = 0; run < 3; run++) sameContent.push((await refreshByAlarm(settings)).ms);
  fake.etags = true;

  // Typing while refreshes run back to back (the schedule flips each time), then idle.
  let busy = true;
  let flips = 0;
  const loop = (async () => {
    while (busy) {
      fake.version = version(flips % 2 === 0);
      fake.tag = `flip${flips++}`;
      await refreshByAlarm(settings);
    }
  })();
  const during = await typeInPopup(eb);
  busy = false;
  await loop;
  const idle = await typeInPopup(eb);
  await settings.close();

  return [
    { name: `${label}: subscribe to a 1,000-talk event → "Subscribed" shown`, value: subscribeMs, unit: 'ms', note: '16 API pages fetched, read, merged' },
    { name: `${label}: changed schedule, alarm → archive updated (median of 3)`, value: median(changed), unit: 'ms', floor: median(floors), note: `floor: the same pages fetched alone; ${summary}` },
    { name: `${label}: unchanged (304), alarm → checked (median of 3)`, value: median(notModified), unit: 'ms', note: '2 conditional requests' },
    { name: `${label}: same schedule, no ETag, alarm → checked (median of 3)`, value: median(sameContent), unit: 'ms', floor: median(floors), note: 'fetched and read, nothing written' },
    { name: `${label}: keystroke → results painted, p95, while refreshes run back to back`, value: percentile(during, 95), unit: 'ms', floor: percentile(idle, 95), note: `floor: same typing, no refresh (${flips} refreshes ran)` },
  ];
}

const fakes = new WeakMap<TestServer, ReturnType<typeof serve>>();

export function subscriptionRowsIn(browsers: readonly BrowserName[]): Promise<Row[]> {
  return rowsInEachBrowser(browsers, (eb, server) => {
    let fake = fakes.get(server);
    if (!fake) fakes.set(server, (fake = serve(server)));
    fake.version = version(false);
    fake.tag = 'v1';
    return subscriptionRows(eb, server, fake);
  });
}

// `npx tsx scripts/bench/subscription.ts [--chromium|--firefox]`: only these rows.
printWhenRun(__filename, subscriptionRowsIn);
