/**
 * `npm run bench`: loads the built extension (dist/chrome) in real Chromium
 * and prints a table of named measurements. Later issues add row modules
 * under scripts/bench/.
 */
import { launchChromium } from '../test/e2e/browsers';
import { startServer } from '../test/e2e/server';
import { foundationRows } from './bench/foundation';
import { printTable, type Row } from './bench/harness';

async function main(): Promise<void> {
  const server = await startServer();
  const eb = await launchChromium();
  const rows: Row[] = [];
  try {
    rows.push(...(await foundationRows(eb, server)));
  } finally {
    await eb.close();
    await server.close();
  }
  console.log(`\nPodium bench · ${new Date().toISOString()} · Chromium (Debian), headless\n`);
  printTable(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
