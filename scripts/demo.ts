/**
 * Opens Podium in a real browser on the demo pages with the sample archive
 * (called by scripts/start.mjs after the build). The demo pages are served on
 * loopback under a listed event site's host name, exactly as in the e2e tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type ExtensionBrowser, LISTED_HOST, launch, openExtensionPage } from '../test/e2e/browsers';
import { ROOT, startServer } from '../test/e2e/server';

const args = new Set(process.argv.slice(2));
const name = args.has('--firefox') ? 'firefox' : 'chromium';
const headless = args.has('--headless') || !process.env.DISPLAY;
const shot = path.join(ROOT, 'artifacts', `hover-card${name === 'firefox' ? '-firefox' : ''}.png`);

async function loadSample(eb: ExtensionBrowser): Promise<void> {
  const popup = await openExtensionPage(eb, 'popup.html');
  const button = await popup.$('::-p-text(Load sample archive)');
  if (button) {
    await button.click();
    await popup.waitForFunction(() => /\b[1-9]\d* talks?\b/.test(document.body.textContent ?? ''), { timeout: 15_000 });
  }
  await popup.close();
}

async function main(): Promise<void> {
  const server = await startServer();
  const eb = await launch(name, { headless });
  await loadSample(eb);
  const page = await eb.browser.newPage();
  const url = server.url(LISTED_HOST, '/democon/schedule/');
  await page.goto(url);
  // Hover a speaker so the card shows in the screenshot.
  const target = await page.waitForSelector('#talk-tftp .speakers');
  await page.waitForFunction(() => ((CSS as any).highlights?.get('podium-speaker')?.size ?? 0) > 0, { timeout: 15_000 }).catch(() => {});
  const box = await target!.boundingBox();
  if (box) await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await new Promise((r) => setTimeout(r, 900));
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot as `${string}.png` });
  console.log(`\nPodium is running in ${name} on ${url}`);
  console.log(`Screenshot: ${path.relative(ROOT, shot)}`);
  if (headless) {
    await eb.close();
    await server.close();
    return;
  }
  console.log('Close the browser window to stop.');
  await new Promise<void>((resolve) => eb.browser.on('disconnected', () => resolve()));
  await server.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
