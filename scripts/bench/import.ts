/**
 * Import rows: the whole pyvideo archive (540 events, 21,715 talks) through
 * the import page as a user does it: pick the .tar.gz, wait for the summary
 * (first streaming pass), press Save (second streaming pass, one import
 * session, one bundle per event). Starts from an empty archive.
 */
import path from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { callFromPage, type ExtensionBrowser, openExtensionPage } from '../../test/e2e/browsers';
import type { Row } from './harness';

const ARCHIVE = path.resolve(__dirname, '../../../shared/data/pyvideo-data.tar.gz');

export async function importRows(eb: ExtensionBrowser): Promise<Row[]> {
  const page = await openExtensionPage(eb, 'import.html');
  await callFromPage(page, 'clearArchive');
  const input = (await page.$('input[data-testid=file-input]')) as ElementHandle<HTMLInputElement>;
  const t0 = Date.now();
  await input.uploadFile(ARCHIVE);
  await page.waitForSelector('[data-testid=archive-summary], [data-testid=failures]', { timeout: 120_000 });
  const scanned = Date.now() - t0;
  const t1 = Date.now();
  await page.click('[data-testid=save]');
  await page.waitForSelector('[data-testid=result], [data-testid=save-error]', { timeout: 600_000 });
  const saved = Date.now() - t1;
  const error = await page.$eval('[data-testid=save-error]', (e) => e.textContent).catch(() => null);
  const counts = (await callFromPage<{ speakers: number; talks: number; events: number }>(page, 'counts')).value;
  await page.close();
  return [
    {
      name: 'pyvideo whole archive: save (stream + import session)',
      value: saved / 1000,
      unit: 's',
      target: '≤ 10 s',
      note: error ? `FAILED: ${error}` : `${counts?.talks} talks, ${counts?.speakers} speakers, ${counts?.events} events`,
    },
    { name: 'pyvideo whole archive: read for review (summary pass)', value: scanned / 1000, unit: 's' },
  ];
}

/**
 * `npx tsx scripts/bench/import.ts`: only these rows, in a Chromium of their
 * own. With PODIUM_PHASES=1 the worker's console lines are printed too (for
 * a build instrumented by hand, see archive-profile.ts).
 */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  void (async () => {
    const { printTable } = await import('./harness');
    const { launchChromium } = await import('../../test/e2e/browsers');
    const eb = await launchChromium();
    try {
      if (process.env.PODIUM_PHASES) (await eb.worker()).on('console', (m) => console.log('  worker:', m.text()));
      printTable(await importRows(eb));
    } finally {
      await eb.close();
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
