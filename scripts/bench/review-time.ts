/**
 * Dev tool: four generated frab files chosen on the import page → review
 * shown, in one browser, for A/B runs of two builds (alternate
 * `PODIUM_DIST`). Not part of `npm run bench` (import-frab.ts has this row).
 *
 *   npx tsx scripts/bench/review-time.ts [chromium|firefox]
 *
 * The page is opened 10 s after the browser starts (`PODIUM_SETTLE_MS`): a
 * Chromium import page opened during the browser's first seconds reads at
 * half speed for as long as it stays open (12–16 s here against 5–6 s),
 * whatever one waits after opening it.
 */
import { rmSync } from 'node:fs';
import { type BrowserName, callFromPage, launch, openExtensionPage } from '../../test/e2e/browsers';
import { makeFiles, pick } from './import-frab';

void (async () => {
  const name = (process.argv[2] ?? 'chromium') as BrowserName;
  const files = makeFiles();
  const eb = await launch(name);
  try {
    await new Promise((r) => setTimeout(r, Number(process.env['PODIUM_SETTLE_MS'] ?? 10_000)));
    const page = await openExtensionPage(eb, 'import.html');
    await callFromPage(page, 'clearArchive');
    const t0 = Date.now();
    const failures = await pick(page, files.four);
    console.log(`${name}, ${process.env['PODIUM_DIST'] ?? 'dist'}: four files chosen → review shown ${Date.now() - t0} ms${failures ? `; failed: ${failures}` : ''}`);
  } finally {
    await eb.close();
    rmSync(files.dir, { recursive: true, force: true });
  }
})();
