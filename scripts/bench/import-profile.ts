/**
 * Where an import's time goes: CPU profiles of the worker and of the import
 * page while the four generated frab files (frab-files.ts) are read and
 * saved in real Chromium; prints self time by function and idle time.
 * A diagnosis tool, not part of `npm run bench`.
 *
 *   npx tsx scripts/bench/import-profile.ts [files talks speakers]
 *
 * PODIUM_PROFILE_COMMIT=1: the worker's merge only; PODIUM_PROFILE_AFTER=ms:
 * the worker for that long after Save (derived indexes catching up);
 * PODIUM_PROFILE_STRETCHES=1: also the longest busy stretches (what a
 * keystroke's request waits behind) and where they were spent. Build with
 * `--env readable` for function names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, ElementHandle } from 'puppeteer-core';
import { callFromPage, launchChromium, openExtensionPage } from '../../test/e2e/browsers';
import { writeFrabFiles } from './frab-files';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function summarize(label: string, p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const total = (p.endTime - p.startTime) / 1000;
  console.log(`\n== ${label}: ${total.toFixed(0)} ms profiled`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(0).padStart(8)} ms  ${k}`);
  if (process.env.PODIUM_PROFILE_STRETCHES) stretches(p, byId);
}

/** The longest stretches without an idle sample (what a message waits behind), each with the functions it spent most in. */
function stretches(p: Profile, byId: Map<number, ProfileNode>): void {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const runs: { start: number; ms: number; top: Map<string, number> }[] = [];
  let t = 0;
  let run: (typeof runs)[number] | undefined;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    t += dt;
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') {
      if (run) runs.push(run);
      run = undefined;
      return;
    }
    run ??= { start: t, ms: 0, top: new Map() };
    run.ms += dt;
    // Attribute the sample to every named frame on its stack, so callers show, not only leaves.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      const key = `${f.functionName || '(anon)'}:${f.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      run.top.set(key, (run.top.get(key) ?? 0) + dt);
    }
  });
  if (run) runs.push(run);
  console.log('  longest busy stretches:');
  for (const r of runs.sort((a, b) => b.ms - a.ms).slice(0, 12)) {
    const top = [...r.top].filter(([k]) => !/^\((root|program|anon)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(`  ${r.ms.toFixed(1).padStart(7)} ms at ${(r.start / 1000).toFixed(2)} s: ${top.map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ')}`);
  }
}

async function main(): Promise<void> {
  const [files = '4', talks = '100000', speakers = '50000'] = process.argv.slice(2);
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-prof-'));
  const paths = writeFrabFiles(dir, { files: Number(files), talks: Number(talks), speakers: Number(speakers) });
  const eb = await launchChromium();
  try {
    const page = await openExtensionPage(eb, 'import.html');
    await callFromPage(page, 'clearArchive');
    const target = await eb.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url() === `${eb.base}background.js`);
    if (process.env.PODIUM_PHASES) (await eb.worker()).on('console', (m) => console.log(`  worker ${Date.now()}:`, m.text()));
    const sessions: [string, CDPSession][] = [
      ['worker', await target.createCDPSession()],
      ['import page', await page.createCDPSession()],
    ];
    for (const [, s] of sessions) {
      await s.send('Profiler.enable');
      await s.send('Profiler.setSamplingInterval', { interval: 500 });
      await s.send('Profiler.start');
    }
    const t0 = Date.now();
    const input = (await page.$('input[data-testid=file-input]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(...paths);
    await page.waitForFunction(() => !document.querySelector('[data-testid=progress]') && !!document.querySelector('[data-testid=review], [data-testid=failures]'), { polling: 50, timeout: 600_000 });
    console.log(`review after ${Date.now() - t0} ms`);
    const t1 = Date.now();
    if (process.env.PODIUM_PROFILE_COMMIT) {
      // Only the worker's merge: restart its profile when the page says it is writing.
      const [, worker] = sessions[0]!;
      await worker.send('Profiler.stop');
      void page
        .waitForFunction(() => /Writing/.test(document.querySelector('.progress span')?.textContent ?? ''), { polling: 20, timeout: 600_000 })
        .then(async () => {
          console.log(`sent after ${Date.now() - t1} ms at ${Date.now()}`);
          await worker.send('Profiler.start');
        });
    }
    console.log(`  click ${Date.now()}`);
    await page.click('[data-testid=save]');
    await page.waitForFunction(() => !!document.querySelector('[data-testid=result], [data-testid=save-error]'), { polling: 50, timeout: 900_000 });
    console.log(`saved after ${Date.now() - t1} ms, at ${Date.now()}`);
    if (process.env.PODIUM_PROFILE_AFTER) {
      // Only what the worker does once the import committed (matcher and search catching up).
      const [, worker] = sessions[0]!;
      summarize('worker until saved', (await worker.send('Profiler.stop')).profile as unknown as Profile);
      await worker.send('Profiler.start');
      // The worker's heap meanwhile: what it holds decides how long each full collection pauses it.
      const heap: string[] = [];
      const until = Date.now() + Number(process.env.PODIUM_PROFILE_AFTER);
      while (Date.now() < until) {
        const { usedSize } = (await worker.send('Runtime.getHeapUsage')) as { usedSize: number };
        heap.push(`${((Date.now() - t1) / 1000).toFixed(1)}s ${(usedSize / 1e6).toFixed(0)}MB`);
        await new Promise((r) => setTimeout(r, 250));
      }
      console.log(`worker heap after Save: ${heap.join(', ')}`);
    }
    if (process.env.PODIUM_PHASES) await new Promise((r) => setTimeout(r, 25_000));
    for (const [label, s] of sessions) summarize(label, (await s.send('Profiler.stop')).profile as unknown as Profile);
  } finally {
    await eb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
