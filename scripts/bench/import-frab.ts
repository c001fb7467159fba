/**
 * The archive right after a big import, through the path a user takes:
 * four generated frab XML files (100,000 talks, 50,000 speakers) chosen on
 * the import page, Save, then at once a schedule page under a listed host
 * and the popup's search box. Also a single 40+ MB frab file.
 *
 * - files chosen → review shown → saved → searchable (a talk title and a
 *   person of the last file found by the popup's search); Save is pressed
 *   {@link LOOK_MS} after the review shows, as a user reads it first, and
 *   that look is not counted;
 * - Save → first page fully marked (every mark the page gets once settled);
 * - keystroke → results painted in popup.html (the `input` event's time
 *   stamp to the first frame after the results list shows that query),
 *   typed right after Save and again once settled.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { callFromPage, type ExtensionBrowser, LISTED_HOST, openExtensionPage } from '../../test/e2e/browsers';
import type { TestServer } from '../../test/e2e/server';
import { markCount, schedulePage } from './detection';
import { writeC3vocJson, writeFrabFiles } from './frab-files';
import { type BrowserName, median, percentile, printWhenRun, type Row, rowsInEachBrowser } from './harness';

const TALKS = Number(process.env['PODIUM_BENCH_TALKS'] ?? 100_000);
const SPEAKERS = Number(process.env['PODIUM_BENCH_SPEAKERS'] ?? 50_000);
/**
 * How long the user looks at the review before pressing Save (a large import
 * is sent to the worker meanwhile, src/import/send-ahead.ts). Not counted in
 * "files chosen → searchable": it is the user's time, not Podium's.
 */
const LOOK_MS = Number(process.env['PODIUM_BENCH_LOOK_MS'] ?? 5000);
const QUERIES = ['rok papez', 'kubernetes at scale', 'giusepe lav', 'søren', 'synthetic summit', 'machine learning', 'kowalski'];

interface Files {
  four: string[];
  one: string;
  json: string;
  dir: string;
  /** A person and a talk title found only near the end of the last file. */
  probe: { person: string; title: string };
  names: string[];
}

export function makeFiles(): Files {
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-frab-'));
  const four = writeFrabFiles(path.join(dir, 'four'), { files: 4, talks: TALKS, speakers: SPEAKERS });
  const [one] = writeFrabFiles(path.join(dir, 'one'), { files: 1, talks: TALKS, speakers: SPEAKERS });
  const json = path.join(dir, 'synthetic-summit.json');
  writeC3vocJson(json, { talks: TALKS, speakers: SPEAKERS });
  const bundle = syntheticBundle({ talks: TALKS, speakers: SPEAKERS });
  // The last talk dealt to file 4 (talks go to files in turn) and its first speaker.
  const last = bundle.talks[TALKS - 1]!;
  const person = bundle.speakers.find((s) => s.ref === last.speakerRefs[0])!.name;
  return { four, one: one!, json, dir, probe: { person, title: last.title }, names: bundle.speakers.map((s) => s.name) };
}

/** Picks files on the import page; resolves when the review (or a failure) shows. */
export async function pick(page: Page, files: string[], timeout = 600_000): Promise<string | null> {
  const input = (await page.$('input[data-testid=file-input]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(...files);
  await page.waitForFunction(() => !document.querySelector('[data-testid=progress]') && !!document.querySelector('[data-testid=review], [data-testid=failures]'), {
    polling: 50,
    timeout,
  });
  return page.$eval('[data-testid=failures]', (e) => e.textContent).catch(() => null);
}

/** Presses Save; resolves with the error text, if any, once the result shows, and when the page had sent everything (ms after the click). */
export async function save(page: Page, timeout = 900_000): Promise<{ error: string | null; sentMs: number }> {
  const t0 = Date.now();
  let sentMs = NaN;
  const sent = page
    .waitForFunction(() => /Writing/.test(document.querySelector('.progress span')?.textContent ?? ''), { polling: 20, timeout })
    .then(() => (sentMs = Date.now() - t0))
    .catch(() => undefined);
  await page.click('[data-testid=save]');
  await page.waitForFunction(() => !!document.querySelector('[data-testid=result], [data-testid=save-error]'), { polling: 50, timeout });
  await Promise.race([sent, new Promise((r) => setTimeout(r, 100))]);
  return { error: await page.$eval('[data-testid=save-error]', (e) => e.textContent).catch(() => null), sentMs };
}

/** Asks the popup's search (as the popup does) until `query` finds a hit labelled `label`; ms waited. */
export async function untilFound(page: Page, query: string, label: string, timeout = 600_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const r = await callFromPage<{ groups: { hits: { label: string }[] }[] }>(page, 'search', { query, limit: 8 });
    if (r.ok && r.value!.groups.some((g) => g.hits.some((h) => h.label === label))) return Date.now() - t0;
    if (Date.now() - t0 > timeout) throw new Error(`"${label}" never became searchable`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Keeps the times at which the page's mark count changed, from `t0`. */
export async function watchMarks(page: Page, t0: number, quietMs: number, timeout: number): Promise<{ marks: number; at: number }[]> {
  const seen: { marks: number; at: number }[] = [];
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await markCount(page).catch(() => last);
    if (n !== last) {
      seen.push({ marks: n, at: Date.now() - t0 });
      last = n;
      since = Date.now();
    } else if (n > 0 && Date.now() - since >= quietMs) return seen;
    if (Date.now() - t0 > timeout) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types each query into the box, replacing the last, a key every `gapMs`, pausing `afterMs` after each. */
async function typeQueries(page: Page, box: string, gapMs: number, afterMs: number): Promise<void> {
  for (const q of QUERIES) {
    await page.click(box, { count: 3 });
    await page.keyboard.press('Backspace');
    for (const ch of q) {
      await page.keyboard.type(ch);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    await new Promise((r) => setTimeout(r, afterMs));
  }
}

/**
 * Types every query into the popup's box, a key every `gapMs`, and returns
 * keystroke → results painted for each keystroke that got results.
 */
export async function typeInPopup(eb: ExtensionBrowser, gapMs = 120, traced = false): Promise<number[]> {
  const page = await openExtensionPage(eb, 'popup.html');
  try {
    // Traced (after-save-trace.ts): each keystroke and paint also as a trace event.
    if (traced) await page.evaluate(() => void ((window as unknown as { __traced: boolean }).__traced = true));
    await page.evaluate(() => {
      const w = window as unknown as { __typed: Map<string, number>; __painted: number[] };
      w.__typed = new Map();
      w.__painted = [];
      const box = document.getElementById('search') as HTMLInputElement;
      const traced = (window as unknown as { __traced?: boolean }).__traced;
      box.addEventListener(
        'input',
        (e) => {
          w.__typed.set(box.value, e.timeStamp);
          if (traced) console.timeStamp(`typed ${box.value}`);
        },
        true,
      );
      const seen = new Set<string>();
      new MutationObserver(() => {
        const q = document.getElementById('results')?.getAttribute('data-query');
        if (!q || seen.has(q) || !w.__typed.has(q)) return;
        seen.add(q);
        const typed = w.__typed.get(q)!;
        // Results are on screen after the next frame is produced.
        requestAnimationFrame(() =>
          setTimeout(() => {
            w.__painted.push(performance.now() - typed);
            if (traced) console.timeStamp(`painted ${q}`);
          }, 0),
        );
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-query'], childList: true });
    });
    await typeQueries(page, '#search', gapMs, 300);
    await new Promise((r) => setTimeout(r, 500));
    return await page.evaluate(() => (window as unknown as { __painted: number[] }).__painted);
  } finally {
    await page.close();
  }
}

/**
 * The floors of "keystroke → results painted", typed into a plain box added
 * to popup.html: `plain`, keystroke → next frame (nothing to wait for); and
 * `worker`, keystroke → a `ping` answered by the worker over the request
 * port → a DOM change → next frame: the least any answer from the archive
 * (which lives in the worker) can cost, a frame after the keystroke's own.
 */
async function typingFloors(eb: ExtensionBrowser, gapMs = 120): Promise<{ plain: number[]; worker: number[] }> {
  const page = await openExtensionPage(eb, 'popup.html');
  try {
    // A string, not a function: tsx's helpers do not exist in the page.
    await page.evaluate(`(() => {
      const api = globalThis.browser ?? globalThis.chrome;
      window.__plain = [];
      window.__worker = [];
      const box = document.createElement('input');
      box.id = 'floor-box';
      const out = document.createElement('p');
      document.body.prepend(box, out);
      const port = api.runtime.connect({ name: 'podium-requests' });
      const typedAt = new Map();
      let id = 0;
      port.onMessage.addListener((m) => {
        const t = typedAt.get(m.id);
        out.textContent = 'answer ' + m.id;
        requestAnimationFrame(() => setTimeout(() => window.__worker.push(performance.now() - t), 0));
      });
      box.addEventListener('input', (e) => {
        const t = e.timeStamp;
        requestAnimationFrame(() => setTimeout(() => window.__plain.push(performance.now() - t), 0));
        typedAt.set(++id, t);
        port.postMessage({ podium: 1, id, method: 'ping', params: {} });
      });
    })()`);
    await typeQueries(page, '#floor-box', gapMs, 0);
    await new Promise((r) => setTimeout(r, 300));
    return (await page.evaluate('({ plain: window.__plain, worker: window.__worker })')) as { plain: number[]; worker: number[] };
  } finally {
    await page.close();
  }
}

/**
 * The floor of Save: bare IndexedDB writes of records shaped like the
 * archive's, in its layout (a stored speaker and talk as templates; 50,000
 * people in 2,048 buckets with a directory of their name and identifier
 * keys, 100,000 talks in 2,048 buckets with a directory of their speakers
 * and events; bucket-store.ts), in one transaction from the import page, no
 * merging: what any import of this archive pays the database in this browser.
 */
async function writeFloor(page: Page, person: string): Promise<number> {
  const found = await callFromPage<{ speakers: { id: string }[] }>(page, 'search', { query: person, limit: 1 });
  const id = found.value?.speakers[0]?.id;
  if (!id) return NaN;
  const one = await callFromPage<{ speaker: unknown; talks: unknown[] }>(page, 'getSpeaker', { id });
  const template = { speaker: one.value!.speaker, talk: { ...(one.value!.talks[0] as object), event: undefined, speakers: undefined } };
  return (await page.evaluate(
    `(async (t, speakers, talks) => {
      const name = 'podium-floor-' + Math.random().toString(36).slice(2);
      const stores = ['speakerBuckets', 'speakerLinks', 'talkBuckets', 'talkLinks'];
      const db = await new Promise((res, rej) => {
        const r = indexedDB.open(name, 1);
        r.onupgradeneeded = () => { for (const s of stores) r.result.createObjectStore(s, { keyPath: 'id' }); };
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const rows = (n) => Array.from({ length: n }, (_, id) => ({ id, items: [] }));
      const shards = (prefix, n) => Array.from({ length: n }, (_, i) => ({ id: prefix + i, links: {} }));
      const hash = (k) => { let h = 0x811c9dc5; for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193); return h >>> 0; };
      const link = (list, key, id) => (list[hash(key) % list.length].links[key] ??= []).push(id);
      const [people, names, idKeys] = [rows(2048), shards('n', 256), shards('i', 64)];
      for (let i = 0; i < speakers; i++) {
        const s = { ...t.speaker, id: 'sp_floor_' + i, name: 'Person ' + i, nameKeys: ['person ' + i, 'p ' + i], idKeys: i % 3 ? [] : ['pretalx:' + i] };
        people[i % 2048].items.push(s);
        for (const k of s.nameKeys) link(names, k, s.id);
        for (const k of s.idKeys) link(idKeys, k, s.id);
      }
      const [buckets, bySpeaker, byEvent] = [rows(2048), shards('s', 64), shards('e', 16)];
      for (let i = 0; i < talks; i++) {
        const x = { ...t.talk, id: 'tk_floor_' + i, title: 'Talk ' + i, speakerIds: ['sp_floor_' + (i % speakers)], eventId: 'ev_floor_' + (i % 40) };
        buckets[i % 2048].items.push(x);
        link(bySpeaker, x.speakerIds[0], x.id);
        link(byEvent, x.eventId, x.id);
      }
      const puts = { speakerBuckets: people, speakerLinks: [...names, ...idKeys], talkBuckets: buckets, talkLinks: [...bySpeaker, ...byEvent] };
      const t0 = performance.now();
      await new Promise((res, rej) => {
        const tx = db.transaction(stores, 'readwrite');
        for (const s of stores) for (const r of puts[s]) tx.objectStore(s).put(r);
        tx.oncomplete = res;
        tx.onerror = () => rej(tx.error);
      });
      const ms = performance.now() - t0;
      db.close();
      indexedDB.deleteDatabase(name);
      return ms;
    })(${JSON.stringify(template)}, ${SPEAKERS}, ${TALKS})`,
  )) as number;
}

/**
 * Popup open → search box usable (focused, page's own clock), median of 5;
 * `floor`: navigation start → the popup's script first runs (the browser
 * opening the page and compiling the script: nothing the popup does can
 * make it shorter).
 */
async function popupOpen(eb: ExtensionBrowser): Promise<{ open: number; floor: number }> {
  const times: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 5; i++) {
    const page = await openExtensionPage(eb, 'popup.html');
    await page.waitForFunction(() => document.activeElement?.id === 'search' && !!document.body.dataset['boxReadyMs'], { polling: 20, timeout: 10_000 });
    const [open, floor] = await page.evaluate(() => [Number(document.body.dataset['boxReadyMs'] ?? NaN), performance.getEntriesByName('podium-popup-script')[0]?.startTime ?? NaN]);
    times.push(open!);
    floors.push(floor!);
    await page.close();
  }
  return { open: median(times), floor: median(floors) };
}

const s = (ms: number) => ms / 1000;

/** One file chosen on a fresh import page and saved into an empty archive; `%s` in the name becomes its size in MB. */
async function oneFileRow(eb: ExtensionBrowser, file: string, name: string): Promise<Row> {
  const page = await openExtensionPage(eb, 'import.html');
  try {
    const t0 = Date.now();
    const failures = await pick(page, [file]);
    const error = failures ?? (await save(page)).error;
    const ms = Date.now() - t0;
    const counts = (await callFromPage<{ talks: number }>(page, 'counts')).value;
    await callFromPage(page, 'clearArchive');
    const mb = statSync(file).size / 2 ** 20;
    return { name: name.replace('%s', mb.toFixed(0)), value: s(ms), unit: 's', note: error ? `FAILED: ${error.slice(0, 120)}` : `${counts?.talks} talks` };
  } finally {
    await page.close();
  }
}

export async function importFrabRows(eb: ExtensionBrowser, server: TestServer, label = eb.name === 'chromium' ? 'Chromium' : 'Firefox'): Promise<Row[]> {
  const files = makeFiles();
  const rows: Row[] = [];
  try {
    const pagePath = '/bench/after-import.html';
    const generated = schedulePage(150_000, files.names, 11);
    server.serve(pagePath, generated.html);
    const page = await openExtensionPage(eb, 'import.html');
    await callFromPage(page, 'clearArchive');

    // Four files: chosen → review → Save → searchable.
    const t0 = Date.now();
    const failures = await pick(page, files.four);
    const reviewed = Date.now() - t0;
    await new Promise((r) => setTimeout(r, LOOK_MS));
    const t1 = Date.now();
    const saving = failures ? { error: failures, sentMs: NaN } : await save(page);
    const error = saving.error;
    const saved = Date.now() - t1;
    const savedAt = Date.now();

    // At once, as a user would: the schedule page, the popup typing, and (measured) the last talk searchable.
    const tab = await eb.browser.newPage();
    const loading = tab.goto(server.url(LISTED_HOST, pagePath), { waitUntil: 'domcontentloaded', timeout: 120_000 }).catch(() => undefined);
    const [marks, fresh, found] = await Promise.all([
      watchMarks(tab, savedAt, 3000, 120_000),
      typeInPopup(eb),
      untilFound(page, files.probe.title, files.probe.title).then(() => Date.now() - t0 - LOOK_MS),
    ]);
    await loading;
    const searchable = found;
    await untilFound(page, files.probe.person, files.probe.person);
    const counts = (await callFromPage<{ speakers: number; talks: number; events: number }>(page, 'counts')).value;

    // Settled: the page again (its full count), typing again, popup open.
    await new Promise((r) => setTimeout(r, 15_000));
    await tab.goto('about:blank').catch(() => undefined);
    await tab.goto(server.url(LISTED_HOST, pagePath), { waitUntil: 'domcontentloaded', timeout: 120_000 }).catch(() => undefined);
    const settledMarks = (await watchMarks(tab, Date.now(), 3000, 60_000)).at(-1)?.marks ?? 0;
    await tab.close();
    const full = marks.find((m) => m.marks >= settledMarks);
    const settled = await typeInPopup(eb);
    const floors = await typingFloors(eb);
    const floor = floors.worker;
    const open = await popupOpen(eb);
    const floorWrite = await writeFloor(page, files.probe.person);

    rows.push(
      { name: `${label}: 4 frab files chosen → review shown`, value: s(reviewed), unit: 's', note: error ? `FAILED: ${error}` : `${counts?.talks} talks, ${counts?.speakers} speakers, ${counts?.events} events` },
      {
        name: `${label}: Save → result shown`,
        value: s(saved),
        unit: 's',
        note: `Save pressed ${s(LOOK_MS)} s after the review showed; then sent to the worker in ${s(saving.sentMs).toFixed(1)} s, its merge (one transaction) ${s(saved - saving.sentMs).toFixed(1)} s`,
      },
      {
        name: `${label}: files chosen → archive searchable`,
        value: s(searchable),
        unit: 's',
        floor: s(floorWrite),
        target: '≤ 20 s (moonshot ≤ 10 s)',
        note: `the last file’s last talk found by the popup’s search, less the ${s(LOOK_MS)} s the user looked at the review; result shown → searchable ${s(searchable - reviewed - saved).toFixed(1)} s; floor: bare IndexedDB writes of records shaped like these, one transaction, no merging`,
      },
      {
        name: `${label}: Save → first page fully marked`,
        value: full ? s(full.at) : NaN,
        unit: 's',
        target: '≤ 5 s',
        note: `${settledMarks} marks once settled; first mark at ${marks.find((m) => m.marks > 0)?.at ?? '–'} ms`,
      },
      { name: `${label}: keystroke → results painted, right after Save, p95`, value: percentile(fresh, 95), unit: 'ms', floor: percentile(floor, 95), target: '≤ 50 ms', note: `p50 ${median(fresh).toFixed(1)} ms, ${fresh.length} keystrokes` },
      {
        name: `${label}: keystroke → results painted, settled, p95`,
        value: percentile(settled, 95),
        unit: 'ms',
        floor: percentile(floor, 95),
        target: '≤ 16 ms',
        note: `p50 ${median(settled).toFixed(1)} ms, ${settled.length} keystrokes; floor: keystroke → worker ping → painted, p50 ${median(floor).toFixed(1)} ms; a plain box, keystroke → next frame: p50 ${median(floors.plain).toFixed(1)}, p95 ${percentile(floors.plain, 95).toFixed(1)} ms`,
      },
      {
        name: `${label}: popup open → search box usable (median of 5)`,
        value: open.open,
        unit: 'ms',
        floor: open.floor,
        target: '≤ 100 ms',
        note: `navigation start to the focused box on screen, page clock; floor: navigation start to the popup's script first running; the popup's own part ${(open.open - open.floor).toFixed(0)} ms`,
      },
    );

    // One big file of each kind, no size wall: frab XML (streamed) and c3voc JSON (read whole).
    await callFromPage(page, 'clearArchive');
    await page.close();
    rows.push(await oneFileRow(eb, files.one, `${label}: one %s MB frab file chosen → saved`));
    rows.push(await oneFileRow(eb, files.json, `${label}: one %s MB c3voc JSON chosen → saved`));
    return rows;
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
}

/** These rows in each browser, each in a browser of its own. */
export function importFrabRowsIn(browsers: readonly BrowserName[]): Promise<Row[]> {
  return rowsInEachBrowser(browsers, (eb, server) => importFrabRows(eb, server));
}

// `npx tsx scripts/bench/import-frab.ts [--chromium|--firefox]`: only these rows.
printWhenRun(__filename, importFrabRowsIn);
