/** Foundation rows: worker cold start to first answer, content-script cost on the demo pages. */
import { type ExtensionBrowser, LISTED_HOST, openExtensionPage } from '../../test/e2e/browsers';
import type { TestServer } from '../../test/e2e/server';
import { median, percentile, type Row, scriptCost, stopServiceWorkers, timedRequest } from './harness';

export async function foundationRows(eb: ExtensionBrowser, server: TestServer): Promise<Row[]> {
  const page = await openExtensionPage(eb, 'popup.html');
  await timedRequest(page, 'loadSample');
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 15; i++) {
    await stopServiceWorkers(page);
    const first = await timedRequest(page, 'ping');
    if (!first.ok) throw new Error('The worker did not answer after a restart');
    cold.push(first.ms);
    warm.push((await timedRequest(page, 'ping')).ms);
  }
  await page.close();

  const rows: Row[] = [
    { name: 'worker cold start → first answer (ping, median)', value: median(cold), unit: 'ms', note: `p95 ${percentile(cold, 95).toFixed(1)} ms, 15 restarts` },
    { name: 'worker warm request (ping, median)', value: median(warm), unit: 'ms' },
  ];

  const tab = await eb.browser.newPage();
  for (const [label, path] of [
    ['schedule', '/democon/schedule/'],
    ['talk page', '/democon/talk/facebook-infrastructure-under-the-hood/'],
  ] as const) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await scriptCost(tab, server.url(LISTED_HOST, path), `${eb.base}content.js`, 800));
    rows.push({
      name: `content script JS on demo ${label} (median of 5)`,
      value: median(runs.map((r) => r.total)),
      unit: 'ms',
      note: `longest task ${median(runs.map((r) => r.longest)).toFixed(2)} ms`,
    });
  }
  await tab.close();
  return rows;
}
