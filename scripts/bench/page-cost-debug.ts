/** Dev tool: one traced load of the ordinary page with and without Podium, printing its long tasks (PAGE_COST_DEBUG). */
import { launchChromium } from '../../test/e2e/browsers';
import { startServer } from '../../test/e2e/server';
import { printTable } from './harness';
import { comparePage, pageCostPages, rendererRows } from './page-cost';
import { loadSyntheticArchive } from './synthetic-archive';

void (async () => {
  process.env['PAGE_COST_DEBUG'] = '1';
  process.env['PODIUM_BENCH_PAGE_RUNS'] = '1';
  const server = await startServer();
  const eb = await launchChromium();
  try {
    await loadSyntheticArchive(eb, { talks: Number(process.env['PODIUM_BENCH_TALKS'] ?? 100_000), speakers: Number(process.env['PODIUM_BENCH_SPEAKERS'] ?? 50_000) });
    const which = Number(process.argv[2] ?? 0);
    const p = pageCostPages(server)[which]!;
    console.log(`== ${p.label}`);
    printTable(rendererRows(p.label, await comparePage(eb, server, p.pathname, p.windowMs)));
  } finally {
    await eb.close();
    await server.close();
  }
})();
