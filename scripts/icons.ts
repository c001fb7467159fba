/**
 * Renders icons/podium.svg to the PNG sizes the manifest lists, with the
 * Debian Chromium the tests use (transparent background).
 * Run: npm run icons
 */
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumPath } from '../test/e2e/browsers';

const ROOT = path.resolve(__dirname, '..');
const svg = fs.readFileSync(path.join(ROOT, 'icons/podium.svg'), 'utf8');

async function main(): Promise<void> {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage();
  for (const size of [16, 32, 48, 128]) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('width="128" height="128"', `width="${size}" height="${size}"`)}</body></html>`,
    );
    await page.screenshot({ path: path.join(ROOT, `icons/icon-${size}.png`) as `${string}.png`, omitBackground: true });
  }
  await browser.close();
}

void main();
