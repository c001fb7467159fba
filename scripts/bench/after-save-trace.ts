/**
 * Dev tool: what a keystroke in the popup waits behind right after a big
 * import's Save (issue 16's slowest row). Imports the four generated frab
 * files through the import page in Chromium, then, traced browser-wide,
 * loads the schedule page and types into the popup as import-frab.ts does,
 * and prints each thread's tasks over 30 ms with what ran inside them
 * (garbage collections included), beside the keystroke latencies.
 *
 *   npx tsx scripts/bench/after-save-trace.ts [--no-page]
 */
import { rmSync } from 'node:fs';
import { LISTED_HOST, callFromPage, launchChromium, openExtensionPage } from '../../test/e2e/browsers';
import { startServer } from '../../test/e2e/server';
import { schedulePage } from './detection';
import { makeFiles, pick, save, typeInPopup, untilFound } from './import-frab';

interface Ev {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      timeDeltas?: number[];
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string } }[]; samples?: number[] };
    };
  };
}

/** The V8 sampling profile in the trace, per thread: each sample's time and its stack's function names. */
function samplesOf(events: Ev[]): Map<string, { ts: number; stack: string[] }[]> {
  const out = new Map<string, { ts: number; stack: string[] }[]>();
  const profiles = new Map<string, { thread: string; t: number; nodes: Map<number, { parent?: number; name: string }> }>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id) profiles.set(`${e.pid}:${e.id}`, { thread: `${e.pid}:${e.tid}`, t: e.args?.data?.startTime ?? 0, nodes: new Map() });
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const cp = e.args?.data?.cpuProfile;
    for (const n of cp?.nodes ?? []) p.nodes.set(n.id, { parent: n.parent, name: n.callFrame.functionName });
    const deltas = e.args?.data?.timeDeltas ?? [];
    const list = out.get(p.thread) ?? out.set(p.thread, []).get(p.thread)!;
    (cp?.samples ?? []).forEach((id, i) => {
      p.t += deltas[i] ?? 0;
      const stack: string[] = [];
      for (let n: number | undefined = id; n !== undefined; n = p.nodes.get(n)?.parent) stack.push(p.nodes.get(n)?.name || '(anon)');
      list.push({ ts: p.t, stack });
    });
  }
  return out;
}

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

function report(events: Ev[]): void {
  const names = new Map<string, string>();
  const procs = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'process_labels') procs.set(e.pid, e.args?.['labels' as 'name'] ?? '');
  }
  const byThread = new Map<string, Ev[]>();
  for (const e of events) if (e.ph === 'X' && e.dur) (byThread.get(`${e.pid}:${e.tid}`) ?? byThread.set(`${e.pid}:${e.tid}`, []).get(`${e.pid}:${e.tid}`)!).push(e);
  const samples = samplesOf(events);
  const t0 = events.reduce((m, e) => (e.ts > 0 && e.ts < m ? e.ts : m), Infinity);
  slowKeystrokes(events, byThread, names, t0, samples);
  // The worker's jobs after Save: first and last sample of each, and its samples in all.
  for (const [thread, list] of samples) {
    if (names.get(thread) !== 'ServiceWorker thread') continue;
    const jobs = ['compileInSlices', 'applyChanges', 'compactInSlices', 'persist', 'findNames', 'search'];
    for (const job of jobs) {
      const hits = list.filter((x) => x.stack.includes(job));
      if (!hits.length) continue;
      const span = (x: { ts: number }) => ((x.ts - t0) / 1e6).toFixed(2);
      console.log(`worker ${job}: ${span(hits[0]!)}–${span(hits.at(-1)!)} s, ${hits.length} samples`);
    }
  }
  for (const [thread, evs] of byThread) {
    const name = names.get(thread) ?? '?';
    if (!/CrRendererMain|ServiceWorker|CrBrowserMain/.test(name)) continue;
    evs.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const tasks: Ev[] = [];
    let end = -Infinity;
    for (const e of evs) {
      if (!TASKS.has(e.name) || e.ts < end) continue;
      tasks.push(e);
      end = e.ts + e.dur!;
    }
    const long = tasks.filter((t) => t.dur! > 30_000);
    if (!long.length) continue;
    console.log(`\n== ${name} ${thread} ${procs.get(Number(thread.split(':')[0])) ?? ''}: ${long.length} tasks over 30 ms`);
    for (const t of long) {
      const inside = evs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.dur! > 3000 && !TASKS.has(e.name));
      const top = inside.sort((a, b) => b.dur! - a.dur!).slice(0, 6);
      // Named functions on the stacks of the samples inside the task (each counted once per sample).
      const fns = new Map<string, number>();
      for (const smp of samples.get(thread) ?? []) {
        if (smp.ts < t.ts || smp.ts > t.ts + t.dur!) continue;
        for (const f of new Set(smp.stack)) if (!/^\(|^$/.test(f)) fns.set(f, (fns.get(f) ?? 0) + 1);
      }
      const js = [...fns].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([f, n]) => `${f}×${n}`).join(' ');
      console.log(`  @${((t.ts - t0) / 1e6).toFixed(2)} s ${(t.dur! / 1000).toFixed(0)} ms: ${top.map((e) => `${e.name} ${(e.dur! / 1000).toFixed(0)}`).join(', ')}${js ? `\n      js: ${js}` : ''}`);
    }
  }
}

/**
 * For each keystroke over 50 ms (the popup's `console.timeStamp` marks), each
 * thread's busy time inside it and its biggest events: what the keystroke
 * waited behind, and where.
 */
function slowKeystrokes(events: Ev[], byThread: Map<string, Ev[]>, names: Map<string, string>, t0: number, samples: Map<string, { ts: number; stack: string[] }[]>): void {
  const typed = new Map<string, number>();
  const stamps = events.filter((e) => e.name === 'TimeStamp').sort((a, b) => a.ts - b.ts);
  for (const e of stamps) {
    const msg = (e.args as { data?: { message?: string } } | undefined)?.data?.message ?? '';
    if (msg.startsWith('typed ')) typed.set(msg.slice(6), e.ts);
    if (!msg.startsWith('painted ')) continue;
    const from = typed.get(msg.slice(8));
    if (from === undefined || e.ts - from < 50_000) continue;
    console.log(`\nkeystroke "${msg.slice(8)}" @${((from - t0) / 1e6).toFixed(2)} s took ${((e.ts - from) / 1000).toFixed(0)} ms:`);
    // When the worker ran the search (its first sample inside `search`), and the popup's tasks, in ms from the keystroke.
    const at = (ts: number) => ((ts - from) / 1000).toFixed(0);
    for (const [thread, list] of samples) {
      const hit = list.find((x) => x.ts >= from && x.ts <= e.ts && x.stack.includes('search') && x.stack.includes('run'));
      if (hit) console.log(`  search ran in ${names.get(thread)} at +${at(hit.ts)} ms`);
    }
    const popupThread = [...names].find(([t, n]) => n === 'CrRendererMain' && [...names].some(([u, m]) => m === 'ServiceWorker thread' && u.split(':')[0] === t.split(':')[0]))?.[0];
    const popupTasks = (byThread.get(popupThread ?? '') ?? []).filter((x) => TASKS.has(x.name) && x.ts < e.ts && x.ts + x.dur! > from && x.dur! > 1000);
    console.log(`  popup tasks: ${popupTasks.map((x) => `+${at(x.ts)}(${(x.dur! / 1000).toFixed(0)})`).join(' ')}`);
    for (const [thread, evs] of byThread) {
      const inside = evs.filter((x) => TASKS.has(x.name) && x.ts < e.ts && x.ts + x.dur! > from);
      const busy = inside.reduce((n, x) => n + Math.min(x.ts + x.dur!, e.ts) - Math.max(x.ts, from), 0) / 1000;
      if (busy < 10) continue;
      const big = evs
        .filter((x) => !TASKS.has(x.name) && x.ts < e.ts && x.ts + x.dur! > from && x.dur! > 2000)
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 4)
        .map((x) => `${x.name} ${(x.dur! / 1000).toFixed(0)}`);
      const fns = new Map<string, number>();
      for (const smp of samples.get(thread) ?? []) {
        if (smp.ts < from || smp.ts > e.ts) continue;
        // The outermost named function: which job the sample belongs to.
        const job = [...smp.stack].reverse().find((f) => !/^\(|^$|^(executePromiseTask|DexiePromise|usePSD|newScope|physicalTick|endMicroTickScope|callListener|drain|r|e|t|n)$/.test(f));
        if (job) fns.set(job, (fns.get(job) ?? 0) + 1);
      }
      const js = [...fns].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([f, n]) => `${f}×${n}`).join(' ');
      console.log(`  ${names.get(thread) ?? thread} ${thread}: busy ${busy.toFixed(0)} ms; ${big.join(', ')}${js ? ` | js: ${js}` : ''}`);
    }
  }
}

void (async () => {
  const withPage = !process.argv.includes('--no-page');
  const files = makeFiles();
  const server = await startServer();
  const eb = await launchChromium();
  try {
    server.serve('/bench/after-import.html', schedulePage(150_000, files.names, 11).html);
    const page = await openExtensionPage(eb, 'import.html');
    await callFromPage(page, 'clearArchive');
    if (await pick(page, files.four)) throw new Error('the files were not read');
    const session = await eb.browser.target().createCDPSession();
    const chunks: Ev[] = [];
    session.on('Tracing.dataCollected', (d: { value: Ev[] }) => void chunks.push(...d.value));
    const done = new Promise<void>((r) => session.once('Tracing.tracingComplete', () => r()));
    const saved = await save(page);
    if (saved.error) throw new Error(saved.error);
    await session.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['toplevel', 'v8', 'devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.cpu_profiler'] },
    });
    const t = Date.now();
    const tab = withPage ? await eb.browser.newPage() : undefined;
    const loading = tab?.goto(server.url(LISTED_HOST, '/bench/after-import.html'), { waitUntil: 'domcontentloaded', timeout: 120_000 }).catch(() => undefined);
    const [typed] = await Promise.all([typeInPopup(eb, 120, true), untilFound(page, files.probe.title, files.probe.title)]);
    await loading;
    await session.send('Tracing.end');
    await done;
    console.log(`typing right after Save (${Date.now() - t} ms traced): ${typed.map((ms) => ms.toFixed(0)).join(' ')}`);
    console.log(`over 50 ms: ${typed.filter((ms) => ms > 50).length} of ${typed.length}`);
    report(chunks);
  } finally {
    await eb.close();
    await server.close();
    rmSync(files.dir, { recursive: true, force: true });
  }
})();
