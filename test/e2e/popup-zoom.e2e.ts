/**
 * The popup at 200% zoom: a 400 px popup is 200 CSS px wide. Nothing may
 * need horizontal scrolling (WCAG 1.4.10 reflow), in any view.
 */
import type { Page } from 'puppeteer-core';
import { callFromPage, type ExtensionBrowser, launchChromium, openExtensionPage } from './browsers';

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('chromium: the popup at 200% zoom', () => {
  let eb: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    eb = await launchChromium();
    page = await openExtensionPage(eb, 'popup.html');
    await callFromPage(page, 'loadSample');
    await page.setViewport({ width: 200, height: 320, deviceScaleFactor: 2 });
  });
  afterAll(async () => {
    await eb?.close();
  });

  it.each(['popup.html', 'popup.html?view=settings'])('%s reflows without horizontal scrolling', async (url) => {
    await page.goto(eb.base + url);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    expect(await overflow(page)).toBe(0);
  });

  it('a speaker view with long titles reflows too', async () => {
    await page.goto(`${eb.base}popup.html`);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    await page.type('input[type=search]', 'failla');
    await page.waitForSelector('[role=option]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Angelo Failla/.test(document.querySelector('h2, h1')?.textContent ?? '') || /FBTFTP/.test(document.body.textContent ?? ''));
    expect(await overflow(page)).toBe(0);
  });
});
