/**
 * Smoke test of the shipped build in real Chromium and Firefox ESR: the
 * popup talks to the worker, the sample archive loads, and the content script
 * on a listed event site finds the archive's speakers through the worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type BrowserName, DIST, type ExtensionBrowser, LISTED_HOST, launch, openExtensionPage, waitForText } from './browsers';
import { startServer, type TestServer } from './server';
import { markedTexts, waitForMarkOf } from './marks';

describe.each<BrowserName>(['chromium', 'firefox'])('%s: the shipped extension', (name) => {
  let eb: ExtensionBrowser;
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
    eb = await launch(name);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('popup shows the archive counts from the worker and loads the sample archive', async () => {
    const popup = await openExtensionPage(eb, 'popup.html');
    expect(await waitForText(popup, '[data-testid=counts]', /0 speakers, 0 talks/)).toMatch(/in your archive/);
    const button = await popup.waitForSelector('::-p-text(Load sample archive)');
    await button!.click();
    expect(await waitForText(popup, '[data-testid=counts]', /3 speakers, 8 talks/)).toContain('3 speakers');
    await popup.close();
  });

  it('content script on a listed event site marks archive speakers via the worker', async () => {
    const page = await eb.browser.newPage();
    await page.goto(server.url(LISTED_HOST, '/democon/talk/facebook-infrastructure-under-the-hood/'));
    // Each name on its own: a loaded machine may read even a small page in two requests, marked apart.
    for (const speaker of ['Rok Papež', 'Giuseppe Lavagetto', 'Angelo Failla']) await waitForMarkOf(page, speaker);
    // Unfolded: each mark is exactly the name.
    const texts = await markedTexts(page, false);
    expect(texts).toEqual(expect.arrayContaining(['Rok Papež', 'Giuseppe Lavagetto', 'Angelo Failla']));
    await page.close();
  });
});

describe('the shipped content script', () => {
  it.each(['chrome', 'firefox'])('%s: opens with V8\'s compile hint, the minifier having left it in place', (browser) => {
    const [first, second] = fs.readFileSync(path.join(DIST, browser, 'content.js'), 'utf8').split('\n');
    expect(first).toBe('//# allFunctionsCalledOnLoad');
    expect(second).toMatch(/^\(\(\)=>\{/);
  });

  it('is the only script with the hint: the card and the worker compile lazily', () => {
    for (const file of ['card.js', 'background.js']) expect(fs.readFileSync(path.join(DIST, 'chrome', file), 'utf8')).not.toContain('allFunctionsCalledOnLoad');
  });
});
