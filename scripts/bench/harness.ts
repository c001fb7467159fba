/**
 * Shared pieces of `npm run bench`: rows, statistics, and real-Chromium
 * measurements (worker restarts, content-script CPU time from a trace).
 * Numbers are printed, never asserted: tests check behaviour, benches speed.
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
export { stopServiceWorkers } from '../../test/e2e/browsers';

export interface Row {
  name: string;
  value: number;
  unit: string;
  /** What the same run measured for the floor (e.g. a plain TreeWalker pass). */
  floor?: number;
  target?: string;
  note?: string;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]) => percentile(values, 50);


/** Time, measured in the extension page, for one worker request and its answer. */
export function timedRequest(page: Page, method: string, params: unknown = {}): Promise<{ ms: number; ok: boolean }> {
  return page.evaluate(
    async (m: string, p: unknown) => {
      const t0 = performance.now();
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method: m, params: p });
      return { ms: performance.now() - t0, ok: !!reply?.ok };
    },
    method,
    params,
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  args?: { data?: { url?: string; scriptName?: string } };
}

/**
 * Loads `url` under a trace and sums the main-thread time of script work
 * attributed to `scriptUrl` (the content script): total and longest task, in ms.
 */
export async function scriptCost(page: Page, url: string, scriptUrl: string, settle = 1500): Promise<{ total: number; longest: number }> {
  await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await page.goto(url, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, settle));
  const buffer = await page.tracing.stop();
  const events = (JSON.parse(Buffer.from(buffer!).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  let total = 0;
  let longest = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    if (e.name !== 'EvaluateScript' && e.name !== 'FunctionCall' && e.name !== 'v8.callFunction') continue;
    const u = e.args?.data?.url ?? e.args?.data?.scriptName ?? '';
    if (!u.startsWith(scriptUrl)) continue;
    total += e.dur / 1000;
    longest = Math.max(longest, e.dur / 1000);
  }
  return { total, longest };
}

export function printTable(rows: Row[]): void {
  const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const table = rows.map((r) => [r.name, `${fmt(r.value)} ${r.unit}`, r.floor === undefined ? '' : `${fmt(r.floor)} ${r.unit}`, r.target ?? '', r.note ?? '']);
  const head = ['measurement', 'value', 'floor (same run)', 'target', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const t of table) console.log(line(t));
}

export type BrowserName = 'chromium' | 'firefox';

/** Runs `measure` in a browser of its own for each of `browsers`, over one test server. */
export async function rowsInEachBrowser(browsers: readonly BrowserName[], measure: (eb: import('../../test/e2e/browsers').ExtensionBrowser, server: import('../../test/e2e/server').TestServer) => Promise<Row[]>): Promise<Row[]> {
  const { launch } = await import('../../test/e2e/browsers');
  const { startServer } = await import('../../test/e2e/server');
  const server = await startServer();
  const rows: Row[] = [];
  try {
    for (const name of browsers) {
      const eb = await launch(name);
      try {
        rows.push(...(await measure(eb, server)));
      } finally {
        await eb.close();
      }
    }
  } finally {
    await server.close();
  }
  return rows;
}

/** When `file` is the script run (`npx tsx scripts/bench/x.ts [--chromium|--firefox]`), prints the rows of `run` for those browsers. */
export function printWhenRun(file: string, run: (browsers: readonly BrowserName[]) => Promise<Row[]>): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== path.resolve(file)) return;
  const browsers: BrowserName[] = process.argv.includes('--firefox') ? ['firefox'] : process.argv.includes('--chromium') ? ['chromium'] : ['chromium', 'firefox'];
  run(browsers)
    .then(printTable)
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
