/**
 * Archive rows (issue 3): bulk import of the synthetic archive (100,000
 * talks, 50,000 speakers), re-import of the same bundle (the merge path),
 * worker cold start to a first correct answer with that archive (warm
 * browser, and right after a browser restart on the same profile), export
 * and import (replace) of the whole archive in slices, and its size on disk.
 *
 * Launches its own Chromium on a kept profile (it restarts the browser), so
 * it takes no `eb`: `rows.push(...(await archiveRows()))`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { type ExtensionBrowser, launchChromium, openExtensionPage } from '../../test/e2e/browsers';
import { median, type Row, stopServiceWorkers } from './harness';
import { loadSyntheticArchive } from './synthetic-archive';

const TALKS = 100_000;
const SPEAKERS = 50_000;

/** tsx keeps function names with a `__name` helper that pages do not have; functions passed to `evaluate` need it. */
async function prepare(page: Page): Promise<Page> {
  await page.evaluate('globalThis.__name = (f) => f');
  return page;
}

/** One request from the page; throws unless it answers ok. */
async function call<T>(page: Page, method: string, params: unknown = {}): Promise<{ ms: number; value: T }> {
  const r = await page.evaluate(
    async (m: string, p: unknown) => {
      const t0 = performance.now();
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method: m, params: p });
      return { ms: performance.now() - t0, reply };
    },
    method,
    params,
  );
  if (!r.reply?.ok) throw new Error(`${method}: ${r.reply?.error ?? 'no answer'}`);
  return { ms: r.ms, value: r.reply.value as T };
}

/** A known person of the synthetic archive: their id and the name a page would show. */
interface Probe {
  id: string;
  name: string;
}

/** Worker start → correct answers: ping (counts), getSpeaker (the probe with talks), matchNames (the probe's name). */
async function firstAnswers(page: Page, probe: Probe): Promise<{ ping: number; getSpeaker: number; matchNames: number }> {
  return page.evaluate(
    async (p: Probe) => {
      const send = (method: string, params: unknown) => (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method, params });
      const t0 = performance.now();
      const ping = await send('ping', {});
      const t1 = performance.now();
      const speaker = await send('getSpeaker', { id: p.id });
      const t2 = performance.now();
      const match = await send('matchNames', { names: [p.name] });
      const t3 = performance.now();
      if (!ping?.ok || ping.value.counts.talks < 1) throw new Error(`ping: ${JSON.stringify(ping)}`);
      if (!speaker?.ok || speaker.value?.speaker.id !== p.id || speaker.value.talks.length < 1) throw new Error(`getSpeaker: ${JSON.stringify(speaker).slice(0, 300)}`);
      if (!match?.ok || !match.value.some((m: any) => m.speakers.some((s: any) => s.id === p.id))) throw new Error(`matchNames: ${JSON.stringify(match).slice(0, 300)}`);
      return { ping: t1 - t0, getSpeaker: t2 - t1, matchNames: t3 - t2 };
    },
    probe,
  );
}

/** Worker cold start (stopped as Chrome stops idle workers) → the three answers, `n` times; the median of each. */
async function coldStarts(page: Page, probe: Probe, n: number) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    await stopServiceWorkers(page);
    runs.push(await firstAnswers(page, probe));
  }
  return { ping: median(runs.map((r) => r.ping)), getSpeaker: median(runs.map((r) => r.getSpeaker)), matchNames: median(runs.map((r) => r.matchNames)) };
}

/** Export in slices, assembled into a Blob in the page as the import page does; returns ms and size. */
function exportInPage(page: Page): Promise<{ ms: number; bytes: number; slices: number }> {
  return page.evaluate(async () => {
    const send = async (method: string, params: unknown) => {
      const r = await (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method, params });
      if (!r?.ok) throw new Error(`${method}: ${r?.error}`);
      return r.value;
    };
    const t0 = performance.now();
    const begin = await send('exportArchiveBegin', {});
    const parts: string[] = [JSON.stringify(begin.head).slice(0, -1)];
    let cursor = begin.cursor;
    let table: string | undefined;
    let slices = 0;
    while (cursor) {
      const slice = await send('exportArchiveSlice', { cursor });
      slices++;
      if (slice.table !== table) {
        parts.push(`${table === undefined ? '' : ']'},${JSON.stringify(slice.table)}:[`);
        table = slice.table;
      } else if (slice.records.length) parts.push(',');
      if (slice.records.length) parts.push(slice.records.map((r: unknown) => JSON.stringify(r)).join(','));
      cursor = slice.next;
    }
    parts.push(']}');
    const blob = new Blob(parts, { type: 'application/json' });
    const ms = performance.now() - t0;
    (globalThis as any).__podiumExport = blob;
    return { ms, bytes: blob.size, slices };
  });
}

/** Import (replace) of the Blob exported above, in slices: read, parse, send, commit. */
function importInPage(page: Page): Promise<{ ms: number; talks: number }> {
  return page.evaluate(async () => {
    const send = async (method: string, params: unknown) => {
      const r = await (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method, params });
      if (!r?.ok) throw new Error(`${method}: ${r?.error}`);
      return r.value;
    };
    const t0 = performance.now();
    const doc = JSON.parse(await ((globalThis as any).__podiumExport as Blob).text());
    const { importId } = await send('importArchiveBegin', { mode: 'replace', head: { format: doc.format, version: doc.version, exportedAt: doc.exportedAt } });
    for (const table of ['sources', 'speakers', 'talks', 'events']) {
      const records = doc[table] as unknown[];
      for (let i = 0; i < records.length || i === 0; i += 5000) await send('importArchiveSlice', { importId, table, records: records.slice(i, i + 5000) });
    }
    const result = await send('importArchiveCommit', { importId });
    return { ms: performance.now() - t0, talks: result.talks as number };
  });
}

export async function archiveRows(opts: { talks?: number; speakers?: number } = {}): Promise<Row[]> {
  const talks = opts.talks ?? TALKS;
  const speakers = opts.speakers ?? SPEAKERS;
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-bench-archive-'));
  const rows: Row[] = [];
  let eb: (ExtensionBrowser & { worker(): unknown }) | undefined;
  try {
    eb = await launchChromium({ profileDir });
    const load = await loadSyntheticArchive(eb, { talks, speakers });
    const size = `${talks.toLocaleString('en')} talks, ${speakers.toLocaleString('en')} speakers`;
    rows.push({ name: `archive bulk import (${size}, one importBundle)`, value: (load.talks / load.ms) * 1000, unit: 'talks/s', target: '≥ 6,667 talks/s (≤ 15 s)', note: `${(load.ms / 1000).toFixed(1)} s` });
    const again = await loadSyntheticArchive(eb, { talks, speakers });
    rows.push({ name: 'archive re-import of the same bundle (merge path)', value: (again.talks / again.ms) * 1000, unit: 'talks/s', note: `${(again.ms / 1000).toFixed(1)} s, everything merged` });

    const page = await prepare(await openExtensionPage(eb, 'popup.html'));
    const first = syntheticBundle({ talks: 1, speakers: 1 }).speakers[0]!.name;
    const found = await call<{ key: string; speakers: { id: string }[] }[]>(page, 'findSpeakers', { names: [first] });
    const probe: Probe = { id: found.value[0]!.speakers[0]!.id, name: first };
    // Let the matcher finish its recompile after the imports (it persists the result), then measure starts.
    await call(page, 'matcherIndex');
    const cold = await coldStarts(page, probe, 7);
    rows.push(
      { name: 'worker cold start → ping (counts) with the archive, median of 7', value: cold.ping, unit: 'ms', target: '≤ 50 ms' },
      { name: 'worker cold start → getSpeaker, then matchNames (each, median)', value: cold.getSpeaker, unit: 'ms', note: `matchNames ${cold.matchNames.toFixed(1)} ms after it` },
    );
    const estimate = await page.evaluate(() => navigator.storage.estimate());
    rows.push({ name: 'archive on disk (navigator.storage.estimate usage)', value: (estimate.usage ?? NaN) / 1e6, unit: 'MB' });

    const exp = await exportInPage(page);
    rows.push({ name: 'archive export in slices → Blob', value: exp.ms / 1000, unit: 's', note: `${(exp.bytes / 1e6).toFixed(1)} MB JSON, ${exp.slices} slices` });
    const imp = await importInPage(page);
    if (imp.talks !== talks) throw new Error(`import (replace) brought ${imp.talks} talks`);
    rows.push({ name: 'archive import (replace) in slices, from the Blob', value: imp.ms / 1000, unit: 's', note: 'parse, send, check, write' });
    await call(page, 'matcherIndex');
    await page.close();
    await eb.close();
    eb = undefined;

    // Right after a browser restart: the same profile, a new Chromium; its worker starts with the browser.
    eb = await launchChromium({ profileDir });
    const t0 = Date.now();
    const after = await prepare(await openExtensionPage(eb, 'popup.html'));
    const opened = Date.now() - t0;
    const restart = await firstAnswers(after, probe);
    rows.push({
      name: 'browser restart → ping, getSpeaker, matchNames (first answers)',
      value: restart.ping + restart.getSpeaker + restart.matchNames,
      unit: 'ms',
      target: '≤ 250 ms',
      note: `ping ${restart.ping.toFixed(0)} + getSpeaker ${restart.getSpeaker.toFixed(0)} + matchNames ${restart.matchNames.toFixed(0)} ms; page opened in ${opened} ms`,
    });
    await after.close();
  } finally {
    await eb?.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
  return rows;
}

/** `npx tsx scripts/bench/archive.ts [talks] [speakers]`: only these rows. */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  void (async () => {
    const { printTable } = await import('./harness');
    const [talks, speakers] = process.argv.slice(2).map(Number);
    printTable(await archiveRows({ ...(talks ? { talks } : {}), ...(speakers ? { speakers } : {}) }));
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
