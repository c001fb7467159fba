/**
 * What the first page after a pause costs the user to wait: the browser
 * stops an idle extension worker (Chrome's service worker after 30 s,
 * Firefox's event page after its idle timeout), so most pages a user opens
 * wake it. Rows: names on screen after the page's load event, with the
 * worker stopped before the load, against the same page with it running
 * (same browser, same archive, loads alternated).
 */
import path from 'node:path';
import { type BrowserName, LISTED_HOST, type ExtensionBrowser, callFromPage, launch, openExtensionPage, stopServiceWorkers } from '../../test/e2e/browsers';
import { type TestServer, startServer } from '../../test/e2e/server';
import { type Row, median, printTable } from './harness';
import { HEARTBEAT, pageCostPages, readHeartbeat } from './page-cost';
import { loadSyntheticArchive } from './synthetic-archive';

const LOADS = 7;
/** Firefox's idle timeout for the event page here (its default is 30 s), and the wait that outlasts it. */
const FIREFOX_IDLE_MS = 5000;
const FIREFOX_WAIT_MS = 8000;

/** Loads `pathname` and returns when its marks reached their final number on screen, ms after its load event. */
async function shownAfterLoad(eb: ExtensionBrowser, server: TestServer, pathname: string, cold: boolean): Promise<number> {
  const page = await eb.browser.newPage();
  try {
    if (cold) {
      if (eb.name === 'chromium') await stopServiceWorkers(page);
      else await new Promise((r) => setTimeout(r, FIREFOX_WAIT_MS));
    }
    await page.evaluateOnNewDocument(HEARTBEAT);
    await page.goto(server.url(LISTED_HOST, pathname), { waitUntil: 'load', timeout: 120_000 });
    await new Promise((r) => setTimeout(r, 2500));
    return (await readHeartbeat(page)).shownAfterLoad;
  } finally {
    await page.close();
  }
}

export async function coldWorkerRows(browser: BrowserName): Promise<Row[]> {
  const server = await startServer();
  const eb = await launch(browser, { prefs: { 'extensions.background.idle.timeout': FIREFOX_IDLE_MS } });
  try {
    await loadSyntheticArchive(eb, { talks: 2000, speakers: 50_000 });
    // The matcher compiled and stored, as it is a while after an import (store.get waits for the build).
    const ext = await openExtensionPage(eb, 'popup.html');
    await callFromPage(ext, 'matcherIndex');
    await ext.close();
    const p = pageCostPages(server)[0]!;
    const runs = { warm: [] as number[], cold: [] as number[] };
    for (let i = -1; i < LOADS; i++) {
      for (const cold of i % 2 ? [false, true] : [true, false]) {
        const ms = await shownAfterLoad(eb, server, p.pathname, cold);
        if (i >= 0) runs[cold ? 'cold' : 'warm'].push(ms);
      }
    }
    const Browser = browser === 'chromium' ? 'Chromium' : 'Firefox';
    const how = browser === 'chromium' ? 'ServiceWorker.stopAllWorkers before each load' : `idle timeout ${FIREFOX_IDLE_MS / 1000} s, waited out before each load`;
    return [
      {
        name: `${Browser}, ${p.label}: names on screen after the load event, worker stopped before the load`,
        value: median(runs.cold),
        floor: median(runs.warm),
        unit: 'ms',
        note: `floor = the same page with the worker running; ${how}; 50,000 speakers; runs ${runs.cold.map((x) => x.toFixed(0)).join(' / ')} vs ${runs.warm.map((x) => x.toFixed(0)).join(' / ')}`,
      },
    ];
  } finally {
    await eb.close();
    await server.close();
  }
}

/** `npx tsx scripts/bench/cold-worker.ts`: these rows alone, both browsers. */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  void (async () => {
    printTable([...(await coldWorkerRows('chromium')), ...(await coldWorkerRows('firefox'))]);
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
