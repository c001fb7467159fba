/**
 * Search rows of `npm run bench`: the popup's search over the synthetic
 * archive (100,000 talks, 50,000 speakers) in real Chromium. Keystroke
 * latency is measured twice: inside the worker's index (`tookMs` of each
 * answer) and as the popup's round trip (sendMessage from popup.html to the
 * answer). Memory is the worker's JS heap via CDP after a forced GC.
 */
import { loadavg } from 'node:os';
import type { CDPSession, Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../../test/e2e/browsers';
import { openExtensionPage, stopServiceWorkers } from '../../test/e2e/browsers';
import { median, percentile, type Row } from './harness';
import { loadSyntheticArchive } from './synthetic-archive';

/** Scripted typing: every prefix of each query, the first character included. */
const SESSION = ['rok papez', 'lavageto', 'kubernetes', 'giusepe lav', 'europython 2016', 'søren', 'machine learning', 'dhcp', 'a', 'pyth', 'observability at scale', 'kowalski'];

async function workerSession(eb: ExtensionBrowser & { worker?: () => Promise<unknown> }): Promise<CDPSession> {
  const target = await eb.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url() === `${eb.base}background.js`, { timeout: 20_000 });
  return target.createCDPSession();
}

async function heapMb(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}

const call = (page: Page, method: string, params: unknown) =>
  page.evaluate(
    async (m: string, p: unknown) => {
      const t0 = performance.now();
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method: m, params: p });
      if (!reply?.ok) throw new Error(reply?.error);
      return { ms: performance.now() - t0, value: reply.value };
    },
    method,
    params,
  );

export async function searchRows(eb: ExtensionBrowser, opts: { talks?: number; speakers?: number } = {}): Promise<Row[]> {
  const rows: Row[] = [];
  const load = await loadSyntheticArchive(eb, opts);
  const page = await openExtensionPage(eb, 'popup.html');

  // Build: a fresh worker, heap before and after a forced rebuild.
  await stopServiceWorkers(page);
  await call(page, 'counts', {});
  let session = await workerSession(eb);
  const before = await heapMb(session);
  const built = await call(page, 'searchStatus', { rebuild: true });
  const after = await heapMb(session);
  rows.push({ name: `search index build (${load.talks.toLocaleString()} talks, ${load.speakers.toLocaleString()} speakers)`, value: built.value.readyMs, unit: 'ms', note: `${built.value.docs} docs, ${built.value.terms} words, ${built.value.postings} postings` });
  rows.push({ name: 'search index memory (worker heap, after GC)', value: after - before, unit: 'MB', target: '≤ 50 MB', note: `heap ${after.toFixed(1)} MB with the index, ${before.toFixed(1)} MB without` });
  await session.detach().catch(() => undefined);

  // Load after a restart: the stored index, no rebuild.
  await stopServiceWorkers(page);
  const loaded = await call(page, 'searchStatus', {});
  rows.push({ name: 'search index load after worker restart', value: loaded.value.readyMs, unit: 'ms', note: `origin: ${loaded.value.origin}; whole first request ${loaded.ms.toFixed(0)} ms` });
  session = await workerSession(eb);
  rows.push({ name: 'worker heap with the loaded index', value: await heapMb(session), unit: 'MB' });
  await session.detach().catch(() => undefined);

  // Keystrokes: each prefix of each scripted query.
  const inWorker: number[] = [];
  const roundTrip: number[] = [];
  const first: number[] = [];
  for (const q of SESSION) {
    for (let i = 1; i <= q.length; i++) {
      const r = await call(page, 'search', { query: q.slice(0, i), limit: 8 });
      inWorker.push(r.value.tookMs);
      roundTrip.push(r.ms);
      if (i === 1) first.push(r.value.tookMs);
    }
  }
  rows.push({ name: `keystroke → results, in the worker, p50 (${inWorker.length} keystrokes)`, value: median(inWorker), unit: 'ms', target: '≤ 1 ms', note: `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (1, 5, 15 min)` });
  rows.push({ name: 'keystroke → results, in the worker, p95', value: percentile(inWorker, 95), unit: 'ms', floor: 14, target: '≤ 10 ms', note: 'floor: the issue’s indexOf scan p95' });
  rows.push({ name: 'keystroke → results, first character, worst', value: Math.max(...first), unit: 'ms' });
  rows.push({ name: 'keystroke → results, popup round trip, p50', value: median(roundTrip), unit: 'ms' });
  rows.push({ name: 'keystroke → results, popup round trip, p95', value: percentile(roundTrip, 95), unit: 'ms' });
  await page.close();

  // Popup open → first results painted (?q= fills the box as typed).
  const open: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await openExtensionPage(eb, 'popup.html?q=papez');
    await p.waitForFunction(() => document.body.dataset['firstResultsMs'], { polling: 20, timeout: 10_000 });
    open.push(Number(await p.evaluate(() => document.body.dataset['firstResultsMs'])));
    await p.close();
  }
  rows.push({ name: 'popup open → first results painted (median of 5)', value: median(open), unit: 'ms', target: '≤ 150 ms', note: 'from navigation start, worker warm' });
  return rows;
}
