/**
 * A/B of detection builds under the same conditions: for each build dir
 * (PODIUM_DIST-style, containing chrome/), opens the generated schedules and
 * prints the content script's sampled JS and the thread (CPU) time of its
 * tasks, which descheduling on a busy machine does not inflate.
 *
 *   npx tsx scripts/bench/detection-ab.ts /tmp/build-a /tmp/build-b
 */
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { LISTED_HOST, UNLISTED_HOST, callFromPage, launchChromium, openExtensionPage } from '../../test/e2e/browsers';
import { startServer } from '../../test/e2e/server';
import { marksSettled, schedulePage, traced } from './detection';
import { median } from './harness';
import { loadSyntheticArchive } from './synthetic-archive';

async function main(): Promise<void> {
  const dirs = process.argv.slice(2);
  const sizes = (process.env.SIZES ?? '80000,1000000').split(',').map(Number);
  const runs = Number(process.env.RUNS ?? 3);
  const server = await startServer();
  const names = syntheticBundle({ talks: 1, speakers: 50_000 }).speakers.map((s) => s.name);
  for (const chars of sizes) server.serve(`/ab/schedule-${chars}.html`, schedulePage(chars, names).html);
  const browsers = [];
  for (const dir of dirs) {
    const eb = await launchChromium({ extDir: `${dir}/chrome` });
    await loadSyntheticArchive(eb, { talks: 2000, speakers: 50_000 });
    const ext = await openExtensionPage(eb, 'popup.html');
    await callFromPage(ext, 'matcherIndex');
    await ext.close();
    browsers.push(eb);
  }
  try {
    for (const chars of sizes) {
      const res: Record<string, { total: number; cpu: number; longest: number; longestCpu: number; marks: number; fns: string }[]> = {};
      const floors: number[] = [];
      for (let r = 0; r < runs; r++) {
        {
          const page = await browsers[0]!.browser.newPage();
          await page.goto(server.url(UNLISTED_HOST, `/ab/schedule-${chars}.html`), { waitUntil: 'load' });
          await new Promise((res) => setTimeout(res, 300));
          floors.push(
            (await page.evaluate(`(() => { const t0 = performance.now(); const w = document.createTreeWalker(document.body, 4); const o = []; for (let n = w.nextNode(); n; n = w.nextNode()) o.push(n.data); o.join(''); return performance.now() - t0; })()`)) as number,
          );
          await page.close();
        }
        for (let i = 0; i < dirs.length; i++) {
          const eb = browsers[i]!;
          const page = await eb.browser.newPage();
          let marks = 0;
          const cost = await traced(page, `${eb.base}content.js`, async () => {
            await page.goto(server.url(LISTED_HOST, `/ab/schedule-${chars}.html`), { waitUntil: 'load' });
            marks = await marksSettled(page);
          });
          await page.close();
          (res[dirs[i]!] ??= []).push({ total: cost.total, cpu: cost.taskCpu, longest: cost.longestTask, longestCpu: cost.longestTaskCpu, marks, fns: cost.longestTaskFns.slice(0, 6).map(([f, ms]) => `${f} ${ms.toFixed(1)}`).join(', ') });
        }
      }
      console.log(`${String(chars).padStart(8)}  floor (TreeWalker text pass, main world) ${median(floors).toFixed(1)} ms  runs ${floors.map((f) => f.toFixed(0)).join('/')}`);
      for (const [dir, xs] of Object.entries(res)) {
        const m = (f: (x: (typeof xs)[number]) => number) => median(xs.map(f)).toFixed(1);
        console.log(`${String(chars).padStart(8)}  ${dir.padEnd(20)} sampled ${m((x) => x.total)} ms  task CPU ${m((x) => x.cpu)} ms  longest ${m((x) => x.longest)} ms (CPU ${m((x) => x.longestCpu)})  marks ${m((x) => x.marks)}  runs ${xs.map((x) => x.cpu.toFixed(0)).join('/')}`);
        if (process.env.FNS) for (const x of xs) console.log(`      longest task ${x.longest.toFixed(1)} ms: ${x.fns}`);
      }
    }
  } finally {
    for (const eb of browsers) await eb.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
