/** Dev tool: traced loads of a page-cost page with and without Podium (and the floor extension's), printing their long tasks (PAGE_COST_DEBUG). */
import { startServer } from '../../test/e2e/server';
import { printTable } from './harness';
import { comparePage, floorExtensionRows, launchForPageCost, pageCostPages, rendererRows } from './page-cost';
import { loadSyntheticArchive } from './synthetic-archive';

void (async () => {
  process.env['PAGE_COST_DEBUG'] = '1';
  process.env['PODIUM_BENCH_PAGE_RUNS'] ??= '1';
  const server = await startServer();
  const eb = await launchForPageCost('chromium');
  try {
    await loadSyntheticArchive(eb, { talks: Number(process.env['PODIUM_BENCH_TALKS'] ?? 100_000), speakers: Number(process.env['PODIUM_BENCH_SPEAKERS'] ?? 50_000) });
    const which = Number(process.argv[2] ?? 0);
    const p = pageCostPages(server)[which]!;
    console.log(`== ${p.label}`);
    const cmp = await comparePage(eb, server, p.pathname, p.windowMs, { floor: true });
    printTable([...rendererRows(p.label, cmp), ...floorExtensionRows(p.label, cmp)]);
  } finally {
    await eb.close();
    await server.close();
  }
})();
