/**
 * What a page pays for Podium, black-box (issue 15): the same generated
 * schedule loaded where Podium runs (a listed host) and where it does not
 * (an unlisted host: no content script, no content CSS), in the same browser
 * and the same run, alternating, median of RUNS loads each.
 *
 * - Chromium: a trace of the page's renderer main thread from navigation
 *   until detection is done (the same window and the same polling for the
 *   control): all top-level task time, the longest task, and the Layout /
 *   UpdateLayoutTree (style recalc) / Paint events, counting those forced
 *   from script (nested in a script call) separately.
 * - Both browsers: a requestAnimationFrame heartbeat installed in the page
 *   before its first script: the longest gap between frames and the total
 *   time of frames over 16 ms, which is what a user sees as jank.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { type ExtensionBrowser, FLOOR_HOST, LISTED_HOST, UNLISTED_HOST, launch } from '../../test/e2e/browsers';
import { type TestServer, startServer } from '../../test/e2e/server';
import { isolatedWorldFloor, marksSettled, schedulePage } from './detection';
import { INJECT_QUERY, MARK_HIGHLIGHT, MARK_QUERY, OBSERVE_QUERY, writeFloorExtension } from './floor-extension';
import { contentMainThreads, pageProcessCpu } from './process-cpu';
import { MARK, markCss } from '../../src/shared/mark-styles';
import { median, type Row } from './harness';
import { loadSyntheticArchive } from './synthetic-archive';

const RUNS = Number(process.env['PODIUM_BENCH_PAGE_RUNS'] ?? 7);
const TALKS = Number(process.env['PODIUM_BENCH_TALKS'] ?? 100_000);
const SPEAKERS = Number(process.env['PODIUM_BENCH_SPEAKERS'] ?? 50_000);

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  dur?: number;
  ts: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    beginData?: { url?: string };
    data?: {
      url?: string;
      startTime?: number;
      timeDeltas?: number[];
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { url?: string } }[]; samples?: number[] };
    };
  };
}

export interface RendererCost {
  /** Top-level task time on the page's main thread, ms (wall). */
  mainThread: number;
  /** The same tasks' CPU (thread) time: not inflated when the 2-core machine deschedules the thread. */
  mainThreadCpu: number;
  longestTask: number;
  layouts: number;
  layoutMs: number;
  recalcs: number;
  recalcMs: number;
  paints: number;
  paintMs: number;
  /** Layouts and style recalcs run inside a script call (forced by a geometry read or style query). */
  forced: number;
  forcedMs: number;
  /** Tasks over 50 ms and over 16 ms. */
  over50: number;
  over16: number;
  /** Podium's own tasks: top-level tasks in which a JS sample of the trace's profiler is under the extension's scripts. */
  ours: { ms: number; cpu: number; count: number; longest: number; over16: number; over50: number };
  /** Rendering (style, pre-paint, paint) in the frame after each of Podium's tasks: work its marks cause (a frame with a layout is the page's). */
  oursRendering: { ms: number; longest: number; frames: number };
}

const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint']);

/** Times (trace clock, µs) of the profiler's samples taken in an extension script (its frame or a caller's). */
function extensionSamples(events: TraceEvent[], pid: number, tid: number): number[] {
  const starts = new Map<string, number>();
  // The profile is announced on the thread it samples; its chunks come from the profiler's own thread.
  for (const e of events) if (e.name === 'Profile' && e.pid === pid && e.tid === tid && e.id && e.args?.data?.startTime !== undefined) starts.set(e.id, e.args.data.startTime);
  const parent = new Map<number, number | undefined>();
  const direct = new Map<number, boolean>();
  const out: number[] = [];
  const clock = new Map<string, number>();
  const ours = (id: number): boolean => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) if (direct.get(n)) return true;
    return false;
  };
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !e.id || !starts.has(e.id)) continue;
    const d = e.args?.data;
    for (const n of d?.cpuProfile?.nodes ?? []) {
      parent.set(n.id, n.parent);
      direct.set(n.id, (n.callFrame.url ?? '').startsWith('chrome-extension://'));
    }
    let t = clock.get(e.id) ?? starts.get(e.id) ?? 0;
    (d?.cpuProfile?.samples ?? []).forEach((node, i) => {
      t += d?.timeDeltas?.[i] ?? 0;
      if (ours(node)) out.push(t);
    });
    clock.set(e.id, t);
  }
  return out.sort((a, b) => a - b);
}

export interface FrameCost {
  longestGap: number;
  /** Sum of the frame intervals longer than 17 ms. */
  longFrames: number;
  frames: number;
}

/** A stopped trace's events. */
const traceEvents = (buffer: Uint8Array | undefined): TraceEvent[] => (JSON.parse(Buffer.from(buffer!).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;

/** `pid:tid` of every renderer main thread in the trace. */
const rendererMains = (events: TraceEvent[]): Set<string> =>
  new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));

/** The page's renderer main thread: the CrRendererMain thread that parsed `url`'s HTML. */
function pageThread(events: TraceEvent[], pathname: string): string | undefined {
  const mains = rendererMains(events);
  const parse = events.find((e) => e.name === 'ParseHTML' && mains.has(`${e.pid}:${e.tid}`) && (e.args?.beginData?.url ?? '').includes(pathname));
  return parse && `${parse.pid}:${parse.tid}`;
}

/** Trace events that enter a script and name its file. */
const ENTRY_CALLS = new Set(['EvaluateScript', 'FunctionCall']);

const SCRIPT_CALLS = new Set(['FunctionCall', 'EvaluateScript', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'V8.Execute']);

export function rendererCost(events: TraceEvent[], pathname: string): RendererCost {
  const thread = pageThread(events, pathname);
  if (!thread) throw new Error(`No renderer main thread parsed ${pathname}`);
  const own = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Outermost tasks only (a nested run loop's tasks are inside their parent's time).
  const tasks: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of own) {
    if (e.name !== 'RunTask' || !e.dur) continue;
    if (e.ts >= end) {
      tasks.push(e);
      end = e.ts + e.dur;
    }
  }
  const scripts = own.filter((e) => SCRIPT_CALLS.has(e.name) && e.dur);
  const insideScript = (e: TraceEvent) => scripts.some((s) => s.ts <= e.ts && s.ts + s.dur! >= e.ts + (e.dur ?? 0) && s !== e);
  const c: RendererCost = {
    mainThread: 0,
    mainThreadCpu: 0,
    longestTask: 0,
    layouts: 0,
    layoutMs: 0,
    recalcs: 0,
    recalcMs: 0,
    paints: 0,
    paintMs: 0,
    forced: 0,
    forcedMs: 0,
    over50: 0,
    over16: 0,
    ours: { ms: 0, cpu: 0, count: 0, longest: 0, over16: 0, over50: 0 },
    oursRendering: { ms: 0, longest: 0, frames: 0 },
  };
  const [pid, tid] = thread.split(':').map(Number) as [number, number];
  const samples = extensionSamples(events, pid, tid);
  let k = 0;
  const counted = new Set<TraceEvent>();
  const sampled = (e: TraceEvent) => {
    let lo = 0;
    let hi = samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (samples[mid]! < e.ts) lo = mid + 1;
      else hi = mid;
    }
    return lo < samples.length && samples[lo]! <= e.ts + (e.dur ?? 0);
  };
  // Script entries of an extension: compiling and running a content script, its callbacks (named by its file),
  // the browser's calls into its isolated world (a port's messages; named by the world, Puppeteer's own apart).
  const entries = own.filter((e) => {
    if (!e.dur) return false;
    if (ENTRY_CALLS.has(e.name)) return String(e.args?.data?.url ?? '').startsWith('chrome-extension://');
    const world = e.name === 'v8.callFunction' ? e.args?.worldName : undefined;
    return typeof world === 'string' && world !== '' && !world.startsWith('__puppeteer');
  });
  tasks.forEach((t, i) => {
    while (k < samples.length && samples[k]! < t.ts) k++;
    const inTask = (e: TraceEvent) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur!;
    // Ours when a sample under an extension's script falls in it, or when it runs one: a task that only
    // compiles a script (a content script's start, compiled eagerly) or a short callback may hold no sample.
    if ((k >= samples.length || samples[k]! > t.ts + t.dur!) && !entries.some(inTask)) return;
    // A frame's task (animation-frame callbacks, then style, layout, paint) is the page's: ours in it is
    // the script we ran (detection waits for the first paint with a callback), and the rendering row
    // below counts what our changes cost. Counting the whole frame charged the page's first layout to us.
    const frame = own.some((e) => e.name === 'FireAnimationFrame' && inTask(e));
    let mine: TraceEvent[] = [];
    if (frame) {
      const scripts = own.filter((e) => SCRIPT_CALLS.has(e.name) && e.dur && inTask(e));
      mine = scripts.filter((s) => !scripts.some((o) => o !== s && o.ts <= s.ts && o.ts + o.dur! >= s.ts + s.dur!) && (sampled(s) || entries.includes(s)));
    }
    const ms = frame ? mine.reduce((n, e) => n + e.dur!, 0) / 1000 : t.dur! / 1000;
    c.ours.ms += ms;
    c.ours.cpu += frame ? mine.reduce((n, e) => n + (e.tdur ?? e.dur!), 0) / 1000 : (t.tdur ?? t.dur!) / 1000;
    c.ours.count++;
    c.ours.longest = Math.max(c.ours.longest, ms);
    if (ms > 16) c.ours.over16++;
    if (ms > 50) c.ours.over50++;
    // The next frame after this task (or this frame): its rendering is what our DOM and highlight changes cost.
    for (let j = frame ? i : i + 1; j < tasks.length; j++) {
      const f = tasks[j]!;
      const work = own.filter((e) => RENDERING.has(e.name) && e.ts >= f.ts && e.ts + (e.dur ?? 0) <= f.ts + f.dur!);
      if (!work.length) continue;
      // A frame that lays the page out is the page's own (its first layout, when our script starts
      // before it): marks cannot change layout, and the Layout counts with and without Podium are equal.
      if (work.some((e) => e.name === 'Layout' && (e.dur ?? 0) > 1000)) break;
      if (!counted.has(f)) {
        counted.add(f);
        const rms = work.reduce((n, e) => n + (e.dur ?? 0), 0) / 1000;
        c.oursRendering.ms += rms;
        c.oursRendering.longest = Math.max(c.oursRendering.longest, rms);
        c.oursRendering.frames++;
      }
      break;
    }
  });
  for (const t of tasks) {
    const ms = t.dur! / 1000;
    c.mainThread += ms;
    c.mainThreadCpu += (t.tdur ?? t.dur!) / 1000;
    c.longestTask = Math.max(c.longestTask, ms);
    if (ms > 50) c.over50++;
    if (ms > 16) c.over16++;
  }
  if (process.env['PAGE_COST_DEBUG']) {
    // Each task over 8 ms and what ran inside it (events over 1 ms), in ms from the first task.
    const t0 = tasks[0]?.ts ?? 0;
    for (const t of tasks) {
      if (t.dur! < 8000) continue;
      const inside = own.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur! && (e.dur ?? 0) > 1000);
      console.log(`task @${((t.ts - t0) / 1000).toFixed(0)} ${(t.dur! / 1000).toFixed(1)} ms: ${inside.map((e) => `${e.name}${e.args?.data?.url ? `(${e.args.data.url.slice(-30)})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`).join(', ')}`);
    }
  }
  if (process.env['PAGE_COST_DEBUG']) {
    // Time by kind of event (nested ones counted in their own line too).
    const by = new Map<string, number>();
    for (const e of own) if (e.dur && e.name !== 'RunTask' && !e.name.startsWith('ThreadController')) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
    console.log([...by].filter(([, ms]) => ms > 5).sort((a, b) => b[1] - a[1]).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', '));
  }
  for (const e of own) {
    const ms = (e.dur ?? 0) / 1000;
    if (e.name === 'Layout') {
      c.layouts++;
      c.layoutMs += ms;
    } else if (e.name === 'UpdateLayoutTree') {
      c.recalcs++;
      c.recalcMs += ms;
    } else if (e.name === 'Paint' || e.name === 'PrePaint') {
      c.paints++;
      c.paintMs += ms;
    } else continue;
    if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && ms > 0.05 && insideScript(e)) {
      c.forced++;
      c.forcedMs += ms;
    }
  }
  return c;
}

/**
 * Installed before the page's first script: records every animation frame's
 * time, and the frames in which the number of marks changed (time, count:
 * Podium's, or the floor extension's minimal marker's),
 * as the page itself can see them: the frame is the one that paints them.
 */
export const HEARTBEAT = `(() => {
  const frames = [];
  const marks = [];
  Object.defineProperty(window, '__podiumBenchFrames', { value: frames });
  Object.defineProperty(window, '__podiumBenchMarks', { value: marks });
  let last = 0;
  const tick = (t) => {
    frames.push(t);
    const h = globalThis.CSS?.highlights;
    const n = (h?.get('podium-speaker')?.size ?? 0) + (h?.get('${MARK_HIGHLIGHT}')?.size ?? 0);
    if (n !== last) marks.push(t, (last = n));
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/**
 * What the {@link HEARTBEAT} recorded on `page`: every frame's time, and when
 * the marks reached their final number (the frame that painted them), in ms
 * after the page's load event (NaN: none).
 */
export async function readHeartbeat(page: Page): Promise<{ frames: number[]; shownAfterLoad: number }> {
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __podiumBenchFrames?: number[]; __podiumBenchMarks?: number[] };
    const load = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd;
    return { frames: [...(w.__podiumBenchFrames ?? [])], marks: [...(w.__podiumBenchMarks ?? [])], load };
  });
  const { frames, marks, load } = seen;
  return { frames, shownAfterLoad: marks.length ? marks[marks.length - 2]! - load : NaN };
}

/** The gaps between `frames`, each counted from `from` on (a gap that began before is clipped there). */
export function frameCost(frames: number[], from: number): FrameCost {
  let longestGap = 0;
  let longFrames = 0;
  let n = 0;
  for (let i = 1; i < frames.length; i++) {
    if (frames[i]! <= from) continue;
    const gap = frames[i]! - Math.max(from, frames[i - 1]!);
    n++;
    longestGap = Math.max(longestGap, gap);
    if (gap > 17) longFrames += gap;
  }
  return { longestGap, longFrames, frames: n };
}

/** Time watched after the load event: Podium starts at document idle; on the 1 MB page it marks 1–2 s later. */
const AFTER_LOAD_MS = 3000;

/**
 * Loads the page and waits `windowMs` from navigation, and at least
 * {@link AFTER_LOAD_MS} after its load event (a slow load must not end the
 * window before detection, which starts after load, is done), polling the marks
 * every 250 ms (the same polling in the control, so both windows hold the same work of ours).
 * Returns the marks seen and when they last changed (ms after navigation).
 */
/** Names marked on the page, as its own scripts can count them: Podium's, or the minimal marker's. */
const shownMarks = (page: Page) =>
  page.evaluate((marker) => {
    const h = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    return (h?.get('podium-speaker')?.size ?? 0) + (h?.get(marker)?.size ?? 0);
  }, MARK_HIGHLIGHT);

async function loadAndWatch(page: Page, url: string, windowMs: number): Promise<{ marks: number; settledAt: number; frames: number[]; dcl: number; shownAfterLoad: number }> {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  let marks = 0;
  let settledAt = 0;
  const end = Math.max(windowMs, Date.now() - t0 + AFTER_LOAD_MS);
  while (Date.now() - t0 < end) {
    await new Promise((r) => setTimeout(r, 250));
    const n = await shownMarks(page);
    if (n !== marks) {
      marks = n;
      settledAt = Date.now() - t0;
    }
  }
  const { frames, shownAfterLoad } = await readHeartbeat(page);
  return { marks, settledAt, frames, dcl, shownAfterLoad };
}

export interface PageRun {
  renderer?: RendererCost;
  /** Firefox: main-thread CPU of the page's content process over the load and its window (process-cpu.ts). */
  processCpu?: number;
  frames: FrameCost;
  /** The frames from DOMContentLoaded on: where a document_idle content script can act (the page's parsing is before). */
  framesAfterDcl: FrameCost;
  marks: number;
  settledAt: number;
  /** When the marks reached their final number on screen, ms after the load event (NaN: none shown). */
  shownAfterLoad: number;
}

/** What a watched load shows in both browsers: its frames (whole, and from DOMContentLoaded on) and its marks. */
const watched = (r: Awaited<ReturnType<typeof loadAndWatch>>): Omit<PageRun, 'renderer'> => ({
  frames: frameCost(r.frames, 0),
  framesAfterDcl: frameCost(r.frames, r.dcl),
  marks: r.marks,
  settledAt: r.settledAt,
  shownAfterLoad: r.shownAfterLoad,
});

/** One load of `pathname` on `host`, traced in Chromium, heartbeat in both browsers. */
async function measureLoad(eb: ExtensionBrowser, server: TestServer, host: string, pathname: string, windowMs: number): Promise<PageRun> {
  const page = await eb.browser.newPage();
  try {
    await page.evaluateOnNewDocument(HEARTBEAT);
    const url = server.url(host, pathname);
    const arm = host === LISTED_HOST ? 'with' : host === FLOOR_HOST ? (pathname.includes(MARK_QUERY) ? 'mark' : pathname.includes('?') ? 'inject' : 'floor') : 'without';
    if (eb.name === 'chromium') {
      // PAGE_COST_NO_PROFILER (dev): a trace without the sampler, which slows V8's compiling; no task is then attributed to an extension.
      await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', ...(process.env['PAGE_COST_NO_PROFILER'] ? [] : ['disabled-by-default-v8.cpu_profiler'])] });
      const r = await loadAndWatch(page, url, windowMs);
      const buffer = await page.tracing.stop();
      const dir = process.env['PAGE_COST_TRACE_DIR'];
      if (dir) writeFileSync(path.join(dir, `${path.basename(pathname.split('?')[0]!, '.html')}-${arm}-${Date.now()}.json`), Buffer.from(buffer!));
      const events = traceEvents(buffer);
      if (process.env['PAGE_COST_DEBUG']) console.log(`-- ${arm}`);
      return { renderer: rendererCost(events, pathname), ...watched(r) };
    }
    const pid = eb.browser.process()?.pid;
    const before = contentMainThreads(pid);
    const r = watched(await loadAndWatch(page, url, windowMs));
    const after = before && contentMainThreads(pid);
    return { ...r, ...(after ? { processCpu: pageProcessCpu(before, after) } : {}) };
  } finally {
    await page.close();
  }
}

export interface PageComparison {
  without: PageRun[];
  with: PageRun[];
  /** The same page where the floor extension reads the text (floor-extension.ts), when the browser has it. */
  floor?: PageRun[];
  /** The same page where the floor extension's content script only starts (no reading). */
  inject?: PageRun[];
  /** The same page where the floor extension is a minimal marker (floor-extension.ts). */
  mark?: PageRun[];
}

/** Alternates control, floor-extension (`floor`) and Podium loads, RUNS each. */
export async function comparePage(eb: ExtensionBrowser, server: TestServer, pathname: string, windowMs: number, { floor = false, mark = false } = {}): Promise<PageComparison> {
  const out: PageComparison = { without: [], with: [], ...(floor ? { floor: [], inject: [] } : {}), ...(mark ? { mark: [] } : {}) };
  const injected = `${pathname}?${INJECT_QUERY}`;
  const marking = `${pathname}?${MARK_QUERY}`;
  // A first load of each warms the HTTP cache and the workers (not counted).
  await measureLoad(eb, server, UNLISTED_HOST, pathname, 1000);
  if (floor) await measureLoad(eb, server, FLOOR_HOST, pathname, 1000);
  if (mark) await measureLoad(eb, server, FLOOR_HOST, marking, 1000);
  await measureLoad(eb, server, LISTED_HOST, pathname, windowMs);
  for (let i = 0; i < RUNS; i++) {
    out.without.push(await measureLoad(eb, server, UNLISTED_HOST, pathname, windowMs));
    if (floor) {
      out.inject!.push(await measureLoad(eb, server, FLOOR_HOST, injected, windowMs));
      out.floor!.push(await measureLoad(eb, server, FLOOR_HOST, pathname, windowMs));
    }
    if (mark) out.mark!.push(await measureLoad(eb, server, FLOOR_HOST, marking, windowMs));
    out.with.push(await measureLoad(eb, server, LISTED_HOST, pathname, windowMs));
  }
  return out;
}

const f1 = (n: number) => n.toFixed(1);

/** The median over traced loads of one figure of their renderer cost. */
const medianOf = (runs: PageRun[], f: (c: RendererCost) => number) => median(runs.map((r) => f(r.renderer!)));
/** Each load's figure minus that of the control load it was paired with. */
const pairedOver = (cmp: PageComparison, runs: PageRun[], f: (c: RendererCost) => number) => runs.map((w, i) => f(w.renderer!) - f(cmp.without[i]!.renderer!));

/**
 * @param floorRuns - the isolated-world text pass on fresh loads of the page; the floor is their median
 *   (one load's figure moved by 30% from load to load here, too much for a target's basis)
 */
export function rendererRows(label: string, cmp: PageComparison, floorRuns?: number[], paintFloor?: number): Row[] {
  const m = medianOf;
  const floorIsolated = floorRuns?.length ? median(floorRuns) : undefined;
  const addedBy = (runs: PageRun[], f: (c: RendererCost) => number) => median(pairedOver(cmp, runs, f));
  const added = addedBy(cmp.with, (c) => c.mainThread);
  const marks = median(cmp.with.map((r) => r.marks));
  const settled = median(cmp.with.map((r) => r.settledAt));
  const ordinary = label.startsWith('ordinary');
  // With the floor extension in the run, its loads are the floor (floor-extension.ts).
  const floorAdded = cmp.floor?.length ? addedBy(cmp.floor, (c) => c.mainThread) : undefined;
  const floorOwn = cmp.floor?.length ? m(cmp.floor, (c) => c.ours.ms) : undefined;
  const isolatedTarget = floorIsolated !== undefined ? `≤ ${f1(2 * floorIsolated)} ms (2× isolated-world floor)` : '';
  const rows: Row[] = [
    {
      name: `Chromium, ${label}: page main-thread time added by Podium (trace, navigation → detection done)`,
      value: added,
      floor: floorAdded ?? floorIsolated,
      unit: 'ms',
      target: ordinary ? '≤ 10 ms' : isolatedTarget,
      note: `medians without ${f1(m(cmp.without, (c) => c.mainThread))} → with ${f1(m(cmp.with, (c) => c.mainThread))} ms (the page's own load varies by ±300 ms from load to load on the 1 MB page here; value = median of paired differences); CPU time added ${f1(addedBy(cmp.with, (c) => c.mainThreadCpu))} ms; ${marks} marked, last change ${settled} ms after navigation; runs ${cmp.with.map((w, i) => f1(w.renderer!.mainThread - cmp.without[i]!.renderer!.mainThread)).join(' / ')}; ${floorAdded !== undefined ? 'floor = the time the floor extension adds to the same page (its rows below)' : 'floor = isolated-world text pass'}${floorIsolated !== undefined ? `; isolated-world text pass ${f1(floorIsolated)} ms (median of ${floorRuns!.map(f1).join(' / ')})` : ''}`,
    },
    {
      name: `Chromium, ${label}: main-thread time of Podium's own tasks (trace: tasks running the content script)`,
      value: m(cmp.with, (c) => c.ours.ms),
      floor: floorOwn ?? floorIsolated,
      unit: 'ms',
      target: ordinary ? '≤ 10 ms' : isolatedTarget,
      note: `CPU ${f1(m(cmp.with, (c) => c.ours.cpu))} ms in ${m(cmp.with, (c) => c.ours.count)} tasks; longest ${f1(m(cmp.with, (c) => c.ours.longest))} ms; over 16 ms: ${m(cmp.with, (c) => c.ours.over16)}, over 50 ms: ${m(cmp.with, (c) => c.ours.over50)}; runs ${cmp.with.map((w) => f1(w.renderer!.ours.ms)).join(' / ')}; a task is ours when a profiler sample in it is under the extension's scripts or when it compiles or calls one of them (this counts the page's work in a task we share); ${floorOwn !== undefined ? "floor = the floor extension's own tasks" : 'floor = isolated-world text pass'}`,
    },
    {
      name: `Chromium, ${label}: rendering in the frame after each of Podium's tasks (style, layout, pre-paint, paint)`,
      value: m(cmp.with, (c) => c.oursRendering.ms),
      ...(paintFloor !== undefined ? { floor: paintFloor } : {}),
      unit: 'ms',
      target: ordinary ? 'no task > 16 ms' : 'no task > 50 ms',
      note: `${m(cmp.with, (c) => c.oursRendering.frames)} frames, longest ${f1(m(cmp.with, (c) => c.oursRendering.longest))} ms; what the marks cost the renderer (plus anything the page changed in the same frames); floor = one bare highlight update of as many ranges from a page script (style, pre-paint, paint of its frame, median of 3); runs ${cmp.with.map((w) => f1(w.renderer!.oursRendering.ms)).join(' / ')}`,
    },
    {
      name: `Chromium, ${label}: longest main-thread task, with Podium`,
      value: m(cmp.with, (c) => c.longestTask),
      unit: 'ms',
      target: ordinary ? '≤ 16 ms of ours' : '≤ 50 ms of ours',
      note: `without ${f1(m(cmp.without, (c) => c.longestTask))} ms; tasks > 16 ms: ${m(cmp.without, (c) => c.over16)} → ${m(cmp.with, (c) => c.over16)}, > 50 ms: ${m(cmp.without, (c) => c.over50)} → ${m(cmp.with, (c) => c.over50)}`,
    },
    {
      name: `Chromium, ${label}: layouts / style recalcs / paints, without → with`,
      value: m(cmp.with, (c) => c.forced),
      unit: 'forced by script',
      target: '0',
      note:
        `Layout ${m(cmp.without, (c) => c.layouts)} → ${m(cmp.with, (c) => c.layouts)} (${f1(m(cmp.without, (c) => c.layoutMs))} → ${f1(m(cmp.with, (c) => c.layoutMs))} ms); ` +
        `UpdateLayoutTree ${m(cmp.without, (c) => c.recalcs)} → ${m(cmp.with, (c) => c.recalcs)} (${f1(m(cmp.without, (c) => c.recalcMs))} → ${f1(m(cmp.with, (c) => c.recalcMs))} ms); ` +
        `Paint+PrePaint ${m(cmp.without, (c) => c.paints)} → ${m(cmp.with, (c) => c.paints)} (${f1(m(cmp.without, (c) => c.paintMs))} → ${f1(m(cmp.with, (c) => c.paintMs))} ms); forced ${f1(m(cmp.with, (c) => c.forcedMs))} ms`,
    },
  ];
  return rows;
}

/** Chromium rows of the floor extension's loads: what a bare content script costs the page, reading its text or only starting. */
export function floorExtensionRows(label: string, cmp: PageComparison): Row[] {
  const { floor, inject } = cmp;
  if (!floor?.length || !inject?.length) return [];
  const m = medianOf;
  const addedBy = (runs: PageRun[], f: (c: RendererCost) => number) => pairedOver(cmp, runs, f);
  const addedRow = (what: string, runs: PageRun[]): Row => ({
    name: `Chromium, ${label}: page main-thread time added by ${what}`,
    value: median(addedBy(runs, (c) => c.mainThread)),
    unit: 'ms',
    note: `CPU time added ${f1(median(addedBy(runs, (c) => c.mainThreadCpu)))} ms; longest task ${f1(m(runs, (c) => c.longestTask))} ms; runs ${addedBy(runs, (c) => c.mainThread).map(f1).join(' / ')}`,
  });
  return [
    {
      name: `Chromium, ${label}: main-thread time of the floor extension's own tasks (a bare content script: text read in one pass, posted to its worker)`,
      value: m(floor, (c) => c.ours.ms),
      unit: 'ms',
      note: `CPU ${f1(m(floor, (c) => c.ours.cpu))} ms in ${m(floor, (c) => c.ours.count)} tasks; runs ${floor.map((w) => f1(w.renderer!.ours.ms)).join(' / ')}`,
    },
    {
      // The page's own load varies too much for the added-time rows to tell a few milliseconds apart; own tasks' CPU does.
      name: `Chromium, ${label}: CPU of Podium's own tasks ÷ the floor extension's`,
      value: m(cmp.with, (c) => c.ours.cpu) / m(floor, (c) => c.ours.cpu),
      unit: '×',
      target: '≤ 2 (restated target)',
      note: `${f1(m(cmp.with, (c) => c.ours.cpu))} ms ÷ ${f1(m(floor, (c) => c.ours.cpu))} ms; a content script that only starts: ${f1(m(inject, (c) => c.ours.cpu))} ms`,
    },
    addedRow('the floor extension reading the text', floor),
    addedRow(`a content script that only starts (the floor extension on ?${INJECT_QUERY})`, inject),
  ];
}

/** One frame at 60 Hz, the rate of the bench's headless browsers. */
const FRAME_MS = 1000 / 60;

export function frameRows(browser: string, label: string, cmp: PageComparison): Row[] {
  const m = (runs: PageRun[], f: (c: FrameCost) => number, afterDcl = false) => median(runs.map((r) => f(afterDcl ? r.framesAfterDcl : r.frames)));
  const without = m(cmp.without, (c) => c.longestGap);
  const podium = m(cmp.with, (c) => c.longestGap);
  // Animation frames come at the display's rate, so gaps are whole frames: "+16 ms" allows none more.
  const framesOver = (base: number) => Math.round((podium - base) / FRAME_MS);
  const starts = cmp.inject?.length ? m(cmp.inject, (c) => c.longestGap) : undefined;
  /** The gap row of one of the floor extension's kinds of load, when the run has them. */
  const floorGapRow = (what: string, runs: PageRun[] | undefined): Row[] =>
    runs?.length
      ? [
          {
            name: `${browser}, ${label}: longest gap between animation frames, ${what}`,
            value: m(runs, (c) => c.longestGap),
            floor: without,
            unit: 'ms',
            note: `floor = the same page without any extension; frames over 17 ms total ${f1(m(runs, (c) => c.longFrames))} ms; runs ${runs.map((r) => f1(r.frames.longestGap)).join(' / ')}`,
          },
        ]
      : [];
  return [
    {
      name: `${browser}, ${label}: longest gap between animation frames, with Podium`,
      value: podium,
      floor: without,
      unit: 'ms',
      target: `≤ ${f1(without + 16)} ms (without + 16)`,
      note: `floor = the same page without Podium; in whole frames of ${f1(FRAME_MS)} ms: ${framesOver(without)} more than without${starts === undefined ? '' : `, ${framesOver(starts)} more than with a content script that only starts`}; frames over 17 ms total ${f1(m(cmp.without, (c) => c.longFrames))} → ${f1(m(cmp.with, (c) => c.longFrames))} ms; ${median(cmp.with.map((r) => r.marks))} marked; runs ${cmp.with.map((r) => f1(r.frames.longestGap)).join(' / ')} vs ${cmp.without.map((r) => f1(r.frames.longestGap)).join(' / ')}`,
    },
    {
      name: `${browser}, ${label}: longest gap between animation frames from DOMContentLoaded on, with Podium`,
      value: m(cmp.with, (c) => c.longestGap, true),
      floor: m(cmp.without, (c) => c.longestGap, true),
      unit: 'ms',
      note: `floor = the same page without Podium; where a document_idle content script can act (a gap begun before is counted from DOMContentLoaded; the page's parsing comes before); ${cmp.inject?.length ? `a content script that only starts ${f1(m(cmp.inject, (c) => c.longestGap, true))} ms, ` : ''}${cmp.floor?.length ? `the floor extension ${f1(m(cmp.floor, (c) => c.longestGap, true))} ms; ` : ''}runs ${cmp.with.map((r) => f1(r.framesAfterDcl.longestGap)).join(' / ')} vs ${cmp.without.map((r) => f1(r.framesAfterDcl.longestGap)).join(' / ')}`,
    },
    {
      name: `${browser}, ${label}: names on screen, after the page's load event`,
      value: median(cmp.with.map((r) => r.shownAfterLoad)),
      unit: 'ms',
      note: `the frame that painted the marks' final number (${median(cmp.with.map((r) => r.marks))}), seen by the page's own heartbeat; detection starts after the page's first paint; runs ${cmp.with.map((r) => f1(r.shownAfterLoad)).join(' / ')}`,
    },
    ...floorGapRow('floor extension (a bare content script that reads the text)', cmp.floor),
    ...floorGapRow(`a content script that only starts (floor extension on ?${INJECT_QUERY})`, cmp.inject),
    ...processCpuRows(browser, label, cmp),
  ];
}

/**
 * Where there is no trace (Firefox): the main-thread CPU the page's content
 * process spent over the load and its window, with Podium and with the floor
 * extension, each over the same page without any extension.
 */
function processCpuRows(browser: string, label: string, cmp: PageComparison): Row[] {
  const cpu = (runs: PageRun[] | undefined) => runs?.map((r) => r.processCpu).filter((x): x is number => x !== undefined) ?? [];
  const [without, podium, floor, inject] = [cmp.without, cmp.with, cmp.floor, cmp.inject].map(cpu) as [number[], number[], number[], number[]];
  if (!without.length || !podium.length) return [];
  const added = (xs: number[]) => median(xs) - median(without);
  const line = (xs: number[]) => xs.map(f1).join(' / ');
  return [
    {
      name: `${browser}, ${label}: main-thread CPU Podium adds to the page's content process`,
      value: added(podium),
      floor: floor.length ? added(floor) : undefined,
      unit: 'ms',
      note: `floor = what the floor extension adds (a bare content script that reads the text in one pass and posts it to its worker)${inject.length ? `; a content script that only starts adds ${f1(added(inject))} ms` : ''}; medians: without ${f1(median(without))}, with Podium ${f1(median(podium))} ms, over the load and ${AFTER_LOAD_MS / 1000} s after it (/proc schedstat of the process's main thread; the page's heartbeat and the bench's polling are in every arm); runs ${line(podium)} vs ${line(without)}${floor.length ? ` vs floor ${line(floor)}` : ''}`,
    },
  ];
}

/** The isolated-world text-collection floor of a page, on a fresh load where Podium does not run. */
async function floorOf(eb: ExtensionBrowser, server: TestServer, pathname: string): Promise<number> {
  const page = await eb.browser.newPage();
  try {
    await page.goto(server.url(UNLISTED_HOST, pathname), { waitUntil: 'load', timeout: 120_000 });
    await new Promise((r) => setTimeout(r, 500));
    const session = await page.createCDPSession();
    const ms = await isolatedWorldFloor(page, session);
    await session.detach();
    return ms;
  } finally {
    await page.close();
  }
}

/**
 * The floor of showing marks at all: the renderer's work for one bare
 * highlight update of `ranges` ranges (a page-world script, no Podium), on a
 * fresh load of the page without Podium: the frame's style, pre-paint and
 * paint, from a trace. Chromium walks the whole page for any update.
 */
export async function highlightFloor(eb: ExtensionBrowser, server: TestServer, pathname: string, ranges: number, css = markCss('tint', { rootOnly: true })): Promise<number> {
  const page = await eb.browser.newPage();
  try {
    await page.goto(server.url(UNLISTED_HOST, pathname), { waitUntil: 'load', timeout: 120_000 });
    // Styled as Podium's marks are (Chromium's declared file), in place before the update (its own style pass not counted).
    await page.evaluate((text: string) => {
      const style = document.createElement('style');
      style.textContent = text;
      document.head.append(style);
    }, css);
    await new Promise((r) => setTimeout(r, 1000));
    await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
    await page.evaluate(`(() => {
      const texts = [];
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.trim().length > 8) texts.push(n);
      const step = Math.max(1, Math.floor(texts.length / ${ranges}));
      const h = new Highlight();
      for (let i = 0; i < texts.length && h.size < ${ranges}; i += step) {
        const r = document.createRange();
        r.setStart(texts[i], 0);
        r.setEnd(texts[i], 8);
        h.add(r);
      }
      CSS.highlights.set('${MARK}', h);
    })()`);
    await new Promise((r) => setTimeout(r, 500));
    const buffer = await page.tracing.stop();
    const events = traceEvents(buffer);
    const mains = rendererMains(events);
    // The page's main thread is the one that ran the evaluation.
    const run = events.find((e) => mains.has(`${e.pid}:${e.tid}`) && (e.name === 'EvaluateScript' || e.name === 'v8.run') && (e.dur ?? 0) > 0);
    if (!run) return NaN;
    const rendering = events.filter((e) => e.pid === run.pid && e.tid === run.tid && e.ts >= run.ts && (e.name === 'UpdateLayoutTree' || e.name === 'PrePaint' || e.name === 'Paint'));
    return rendering.reduce((n, e) => n + (e.dur ?? 0), 0) / 1000;
  } finally {
    await page.close();
  }
}

/**
 * The page's own DOM update, timed by the page: 3,000 rows of the schedule
 * get a new time (text edits), are moved to the end (removed and inserted),
 * and get their title set again (text nodes replaced). `sync` is the page's
 * script; `task` runs on to a microtask queued after it, so the mutation
 * observers' callbacks (Podium's among them) are in it, and the rendering
 * of the changes (the page's own) is not.
 */
const PAGE_UPDATE = `new Promise((resolve) => {
  const rows = [...document.querySelectorAll('.talk')].slice(0, 3000);
  const list = rows[0].parentNode;
  const t0 = performance.now();
  for (const r of rows) { const t = r.firstChild.firstChild; t.data = t.data + ' '; }
  for (const r of rows) list.append(r);
  for (const r of rows) { const a = r.querySelector('.title'); a.textContent = a.textContent; }
  const sync = performance.now() - t0;
  queueMicrotask(() => resolve({ sync, task: performance.now() - t0 }));
})`;

/**
 * What Podium costs the page's own updates: the same update on the 1 MB
 * schedule where Podium has marked its names, where the floor extension
 * only watches the page's changes (a bare MutationObserver: what any
 * extension that keeps its marks on a changing page pays), and where
 * neither runs; RUNS loads each, alternating. (Marks held as live ranges
 * made this update 5-27 times slower in Chromium and 3-15 times in
 * Firefox: every live Range of a document is looked at on each DOM change.)
 */
export async function pageUpdateRows(eb: ExtensionBrowser, server: TestServer, browser: string): Promise<Row[]> {
  const p = pageCostPages(server)[1]!;
  const arms = { without: UNLISTED_HOST, observer: FLOOR_HOST, with: LISTED_HOST } as const;
  type Arm = keyof typeof arms;
  const runs: Record<Arm, { sync: number; task: number }[]> = { with: [], observer: [], without: [] };
  let marks = 0;
  for (let i = 0; i < RUNS; i++) {
    for (const arm of ['without', 'observer', 'with'] as const) {
      const page = await eb.browser.newPage();
      try {
        await page.goto(server.url(arms[arm], `${p.pathname}${arm === 'observer' ? `?${OBSERVE_QUERY}` : ''}`), { waitUntil: 'load', timeout: 120_000 });
        if (arm === 'with') marks = await marksSettled(page, 1000);
        else await new Promise((r) => setTimeout(r, 2000));
        runs[arm].push((await page.evaluate(PAGE_UPDATE)) as { sync: number; task: number });
      } finally {
        await page.close();
      }
    }
  }
  const m = (arm: Arm, k: 'sync' | 'task') => median(runs[arm].map((r) => r[k]));
  const list = (arm: Arm) => runs[arm].map((r) => f1(r.task)).join(' / ');
  return [
    {
      name: `${browser}, 1 MB schedule: the page's own DOM update (3,000 rows: text edited, moved, title replaced) and the observers' callbacks, with Podium`,
      value: m('with', 'task'),
      unit: 'ms',
      floor: m('observer', 'task'),
      target: `≤ ${f1(m('observer', 'task') + 16)} ms (floor + 16)`,
      note: `floor = the same update watched by a bare MutationObserver (floor extension); without any extension ${f1(m('without', 'task'))} ms; the page's script alone ${f1(m('with', 'sync'))} / ${f1(m('observer', 'sync'))} / ${f1(m('without', 'sync'))} ms; ${marks} marks; runs ${list('with')} vs ${list('observer')} vs ${list('without')}; Podium rescans the changed rows after this, in tasks of its own (detection bench: mutation batches)`,
    },
  ];
}

/** A browser with Podium and the floor extension (floor-extension.ts) loaded side by side. */
export function launchForPageCost(name: 'chromium' | 'firefox'): Promise<ExtensionBrowser> {
  // Only Chromium's rows load the minimal marker, whose worker holds the archive's names.
  return launch(name, { extraExtensions: [writeFloorExtension(name, name === 'chromium' ? benchNames() : [])] });
}

/** The synthetic archive's speaker names, which the bench pages name (generated once). */
let archiveNames: string[] | undefined;
const benchNames = (): string[] => (archiveNames ??= syntheticBundle({ talks: 1, speakers: SPEAKERS }).speakers.map((s) => s.name));

/** The pages of these rows: an ordinary event page and a 1 MB schedule, named from the synthetic archive. */
export function pageCostPages(server: TestServer): { label: string; pathname: string; windowMs: number }[] {
  const names = benchNames();
  return [
    { label: 'ordinary page (80 KB of text)', chars: 80_000, windowMs: 3000 },
    { label: '1 MB schedule', chars: 1_000_000, windowMs: 6000 },
  ].map(({ label, chars, windowMs }) => {
    const pathname = `/bench/page-cost-${chars}.html`;
    server.serve(pathname, schedulePage(chars, names).html);
    return { label, pathname, windowMs };
  });
}

/**
 * A page with almost no text (2,000 characters, a few names): what a content
 * script costs a page before its text does, compiling and starting it.
 */
export function startPage(server: TestServer): { label: string; pathname: string; windowMs: number } {
  const pathname = '/bench/page-cost-2000.html';
  server.serve(pathname, schedulePage(2_000, benchNames()).html);
  return { label: 'start page (2,000 characters of text)', pathname, windowMs: 2500 };
}

/** Chromium rows of the start page: Podium's start cost against the floor extension's. */
export function startCostRows(label: string, start: PageComparison): Row[] {
  if (!start.floor?.length) return [];
  const m = medianOf;
  return [
    {
      name: `Chromium, ${label}: CPU of Podium's own tasks (its start cost: compiling and starting the content script, a few names)`,
      value: m(start.with, (c) => c.ours.cpu),
      floor: m(start.floor, (c) => c.ours.cpu),
      unit: 'ms',
      note: `${m(start.with, (c) => c.ours.count)} tasks, longest ${f1(m(start.with, (c) => c.ours.longest))} ms; floor = the floor extension's own tasks (its script is 1 KB, Podium's 30 KB); runs ${start.with.map((w) => f1(w.renderer!.ours.cpu)).join(' / ')} vs ${start.floor.map((w) => f1(w.renderer!.ours.cpu)).join(' / ')}`,
    },
  ];
}

/**
 * Chromium: what a page's text costs Podium against the floor extension,
 * each one's own-task CPU on the page less that on the start page (the
 * start cost, which the bundle budget bounds, is the same on every page).
 */
export function textCostRows(label: string, cmp: PageComparison, start: PageComparison): Row[] {
  if (!cmp.floor?.length || !start.floor?.length) return [];
  const cpu = (runs: PageRun[]) => medianOf(runs, (c) => c.ours.cpu);
  const podium = cpu(cmp.with) - cpu(start.with);
  const floor = cpu(cmp.floor) - cpu(start.floor);
  return [
    {
      name: `Chromium, ${label}: CPU the page's text costs, Podium ÷ the floor extension (own tasks on this page less on the start page)`,
      value: podium / floor,
      unit: '×',
      target: '≤ 2 (restated target, start cost apart)',
      note: `Podium ${f1(cpu(cmp.with))} − ${f1(cpu(start.with))} = ${f1(podium)} ms; floor extension ${f1(cpu(cmp.floor))} − ${f1(cpu(start.floor))} = ${f1(floor)} ms`,
    },
  ];
}

/**
 * Chromium: what the job itself costs a page, done the least costly way (the
 * floor extension's minimal marker), against Podium on the same page.
 */
export function markFloorRows(label: string, cmp: PageComparison): Row[] {
  if (!cmp.mark?.length) return [];
  const m = medianOf;
  const podium = m(cmp.with, (c) => c.ours.cpu);
  const marker = m(cmp.mark, (c) => c.ours.cpu);
  return [
    {
      name: `Chromium, ${label}: CPU of a minimal marker's own tasks (the floor extension reads the text in one pass, posts it in one message, marks the archive names its worker finds in one highlight)`,
      value: marker,
      unit: 'ms',
      note: `Podium ${f1(podium)} ms, ${f1(podium / marker)}× the marker; its marks ${median(cmp.mark.map((r) => r.marks))} (Podium's ${median(cmp.with.map((r) => r.marks))}); ${m(cmp.mark, (c) => c.ours.count)} tasks, longest ${f1(m(cmp.mark, (c) => c.ours.longest))} ms; no slices, observer, skipped regions, line checks or card; runs ${cmp.mark.map((w) => f1(w.renderer!.ours.cpu)).join(' / ')}`,
    },
  ];
}

/** Chromium rows (trace + frames); `eb` must hold the synthetic archive and the floor extension ({@link launchForPageCost}). */
export async function chromiumPageCostRows(eb: ExtensionBrowser, server: TestServer): Promise<Row[]> {
  const start = startPage(server);
  const startCmp = await comparePage(eb, server, start.pathname, start.windowMs, { floor: true, mark: true });
  const rows: Row[] = [...startCostRows(start.label, startCmp), ...markFloorRows(start.label, startCmp)];
  for (const p of pageCostPages(server)) {
    const floors = [await floorOf(eb, server, p.pathname)];
    const cmp = await comparePage(eb, server, p.pathname, p.windowMs, { floor: true, mark: true });
    floors.push(await floorOf(eb, server, p.pathname), await floorOf(eb, server, p.pathname));
    const marks = median(cmp.with.map((r) => r.marks));
    const paintFloor = median([await highlightFloor(eb, server, p.pathname, marks), await highlightFloor(eb, server, p.pathname, marks), await highlightFloor(eb, server, p.pathname, marks)]);
    rows.push(...rendererRows(p.label, cmp, floors, paintFloor), ...floorExtensionRows(p.label, cmp), ...textCostRows(p.label, cmp, startCmp), ...markFloorRows(p.label, cmp), ...frameRows('Chromium', p.label, cmp));
  }
  rows.push(...(await pageUpdateRows(eb, server, 'Chromium')));
  return rows;
}

/** Firefox rows (frames): launches Firefox ESR and imports the synthetic archive into it first. */
export async function firefoxPageCostRows(server: TestServer): Promise<Row[]> {
  const eb = await launchForPageCost('firefox');
  try {
    const load = await loadSyntheticArchive(eb, { talks: TALKS, speakers: SPEAKERS });
    const rows: Row[] = [{ name: 'Firefox: synthetic archive imported (importBundle)', value: load.ms / 1000, unit: 's', note: `${load.talks} talks / ${load.speakers} speakers` }];
    for (const p of [startPage(server), ...pageCostPages(server)]) rows.push(...frameRows('Firefox', p.label, await comparePage(eb, server, p.pathname, p.windowMs, { floor: true })));
    rows.push(...(await pageUpdateRows(eb, server, 'Firefox')));
    return rows;
  } finally {
    await eb.close();
  }
}

/** `npx tsx scripts/bench/page-cost.ts [--chromium|--firefox]`: only these rows. */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  void (async () => {
    const { printTable } = await import('./harness');
    const which = process.argv.includes('--firefox') ? ['firefox'] : process.argv.includes('--chromium') ? ['chromium'] : ['chromium', 'firefox'];
    const server = await startServer();
    const rows: Row[] = [];
    try {
      if (which.includes('chromium')) {
        const eb = await launchForPageCost('chromium');
        try {
          await loadSyntheticArchive(eb, { talks: TALKS, speakers: SPEAKERS });
          rows.push(...(await chromiumPageCostRows(eb, server)));
        } finally {
          await eb.close();
        }
      }
      if (which.includes('firefox')) rows.push(...(await firefoxPageCostRows(server)));
    } finally {
      await server.close();
    }
    printTable(rows);
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
