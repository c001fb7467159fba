/**
 * Dev tool: where a browser's frame gaps on the 1 MB schedule come from:
 * the page without Podium, with Podium marking, and with Podium scanning
 * but marks off (settings), by the requestAnimationFrame heartbeat.
 *   npx tsx scripts/bench/frame-gaps-ab.ts [firefox|chromium]
 */
import { type BrowserName, launch, openExtensionPage } from '../../test/e2e/browsers';
import { startServer } from '../../test/e2e/server';
import { median } from './harness';
import { comparePage, pageCostPages } from './page-cost';
import { loadSyntheticArchive } from './synthetic-archive';

void (async () => {
  const name = (process.argv[2] ?? 'firefox') as BrowserName;
  const server = await startServer();
  const eb = await launch(name);
  const setMarks = async (marks: boolean) => {
    const ext = await openExtensionPage(eb, 'popup.html');
    await ext.evaluate(async (m: boolean) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      await api.storage.local.set({ contentSettings: { marks: m } });
    }, marks);
    await ext.close();
    await new Promise((r) => setTimeout(r, 500));
  };
  try {
    await loadSyntheticArchive(eb, { talks: 100_000, speakers: 50_000 });
    const p = pageCostPages(server)[Number(process.env.PODIUM_PAGE ?? 1)]!;
    for (const marks of process.env.PODIUM_MARKS_ON_ONLY ? [true] : [true, false]) {
      await setMarks(marks);
      const cmp = await comparePage(eb, server, p.pathname, p.windowMs);
      const gap = (runs: typeof cmp.with) => median(runs.map((r) => r.frames.longestGap)).toFixed(0);
      const long = (runs: typeof cmp.with) => median(runs.map((r) => r.frames.longFrames)).toFixed(0);
      console.log(`${name}, marks ${marks ? 'on' : 'off'}: longest gap without ${gap(cmp.without)} → with ${gap(cmp.with)} ms; frames over 17 ms ${long(cmp.without)} → ${long(cmp.with)} ms; runs ${cmp.with.map((r) => r.frames.longestGap.toFixed(0)).join('/')} vs ${cmp.without.map((r) => r.frames.longestGap.toFixed(0)).join('/')}`);
    }
    await setMarks(true);
  } finally {
    await eb.close();
    await server.close();
  }
})();
