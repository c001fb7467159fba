/**
 * `npm run bench`: loads the built extension in real Chromium (and Firefox
 * ESR for the page-cost rows) and prints a table of named measurements. Later issues add row modules
 * under scripts/bench/.
 */
import { launchChromium } from '../test/e2e/browsers';
import { writeFloorExtension } from './bench/floor-extension';
import { startServer } from '../test/e2e/server';
import { archiveRows } from './bench/archive';
import { detectionRows } from './bench/detection';
import { foundationRows } from './bench/foundation';
import { importRows } from './bench/import';
import { importFrabRowsIn } from './bench/import-frab';
import { chromiumPageCostRows, firefoxPageCostRows } from './bench/page-cost';
import { coldWorkerRows } from './bench/cold-worker';
import { printTable, type Row } from './bench/harness';
import { searchRows } from './bench/search';
import { subscriptionRowsIn } from './bench/subscription';

async function main(): Promise<void> {
  const server = await startServer();
  // The floor extension beside Podium: the page-cost rows load pages where it runs instead.
  const eb = await launchChromium({ extraExtensions: [writeFloorExtension('chromium')] });
  const rows: Row[] = [];
  try {
    rows.push(...(await foundationRows(eb, server)));
    rows.push(...(await importRows(eb)));
    // Last: it fills the archive with 100,000 talks.
    rows.push(...(await searchRows(eb)));
    // After search: uses the 100,000-talk archive it leaves (imports it if missing).
    rows.push(...(await detectionRows(eb, server)));
    // What a page pays for Podium, black-box, with and without it (same archive).
    rows.push(...(await chromiumPageCostRows(eb, server)));
  } finally {
    await eb.close();
    await server.close();
  }
  // Its own Chromium on a kept profile: it restarts the browser.
  rows.push(...(await archiveRows()));
  // The archive right after a big import (four frab files through the import page), in a browser of its own each.
  rows.push(...(await importFrabRowsIn(['chromium', 'firefox'])));
  // A subscription to a 1,000-talk event: subscribe, a changed refresh, a 304, typing meanwhile; in a browser of its own each.
  rows.push(...(await subscriptionRowsIn(['chromium', 'firefox'])));
  // Firefox ESR: the same pages, by frame gaps (no trace over WebDriver BiDi); it imports the archive first.
  const ffServer = await startServer();
  try {
    rows.push(...(await firefoxPageCostRows(ffServer)));
  } finally {
    await ffServer.close();
  }
  // The first page after the browser stopped the idle worker; in a browser of its own each.
  rows.push(...(await coldWorkerRows('chromium')), ...(await coldWorkerRows('firefox')));
  console.log(`\nPodium bench · ${new Date().toISOString()} · Chromium and Firefox ESR (Debian), headless\n`);
  printTable(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
