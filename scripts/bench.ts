/**
 * `npm run bench`: loads the built extension (dist/chrome) in real Chromium
 * and prints a table of named measurements. Later issues add row modules
 * under scripts/bench/.
 */
import { launchChromium } from '../test/e2e/browsers';
import { startServer } from '../test/e2e/server';
import { archiveRows } from './bench/archive';
import { detectionRows } from './bench/detection';
import { foundationRows } from './bench/foundation';
import { importRows } from './bench/import';
import { printTable, type Row } from './bench/harness';
import { searchRows } from './bench/search';

async function main(): Promise<void> {
  const server = await startServer();
  const eb = await launchChromium();
  const rows: Row[] = [];
  try {
    rows.push(...(await foundationRows(eb, server)));
    rows.push(...(await importRows(eb)));
    // Last: it fills the archive with 100,000 talks.
    rows.push(...(await searchRows(eb)));
    // After search: uses the 100,000-talk archive it leaves (imports it if missing).
    rows.push(...(await detectionRows(eb, server)));
  } finally {
    await eb.close();
    await server.close();
  }
  // Its own Chromium on a kept profile: it restarts the browser.
  rows.push(...(await archiveRows()));
  console.log(`\nPodium bench · ${new Date().toISOString()} · Chromium (Debian), headless\n`);
  printTable(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
