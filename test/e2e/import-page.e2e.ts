/**
 * "Import this page" in real Chromium and Firefox with the shipped build,
 * on the demo talk page (presenter Rok Papež):
 * - Chromium: the page is on the unlisted host conf.example.org, where
 *   Podium has no host access. A real toolbar click grants activeTab; the
 *   popup's "Import this page…" opens import.html?tab=<id>, whose "Import this
 *   page" reads the tab through scripting.executeScript; review, save, found.
 * - Firefox (no way to click the toolbar button from puppeteer): the page is
 *   on the listed host pretalx.com, where Podium already has host access, and
 *   import.html?tab=<id> is opened directly.
 */
import type { Page } from 'puppeteer-core';
import { type BrowserName, clickActionChromium, type ExtensionBrowser, LISTED_HOST, launch, openExtensionPage, UNLISTED_HOST } from './browsers';
import { counts, failuresText, inputValues, save, speakerNamed, tabIdOf, waitForRead } from './import-helpers';
import { startServer, type TestServer } from './server';

const TALK = '/democon/talk/facebook-infrastructure-under-the-hood/';
const browsers = (process.env.PODIUM_E2E_BROWSERS?.split(',') as BrowserName[] | undefined) ?? ['chromium', 'firefox'];

describe.each<BrowserName>(browsers)('%s: "Import this page"', (name) => {
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

  /** import.html for the talk's tab, as the user reaches it in this browser. */
  async function importPageFor(talk: Page): Promise<Page> {
    if (name === 'chromium') {
      const popup = await clickActionChromium(eb, talk);
      const button = await popup.waitForSelector('[data-testid=open-import]', { timeout: 10_000 });
      expect(await button!.evaluate((b) => b.textContent)).toBe('Import this page…');
      const opened = eb.browser.waitForTarget((t) => t.url().startsWith(`${eb.base}import.html?tab=`), { timeout: 10_000 });
      await button!.click();
      const page = (await (await opened).asPage())!;
      await page.waitForFunction(() => document.body?.dataset.ready === '1', { polling: 100, timeout: 15_000 });
      return page;
    }
    const probe = await openExtensionPage(eb, 'import.html');
    const tabId = await tabIdOf(probe, talk.url());
    await probe.close();
    return openExtensionPage(eb, `import.html?tab=${tabId}`);
  }

  it('reads the talk and its presenter from the tab, reviews, saves; the speaker is found', async () => {
    const talk = await eb.browser.newPage();
    await talk.goto(server.url(name === 'chromium' ? UNLISTED_HOST : LISTED_HOST, TALK));
    const page = await importPageFor(talk);
    await page.click('[data-testid=import-page]');
    await waitForRead(page);
    expect(await failuresText(page)).toBeNull();
    expect(await inputValues(page, '[data-testid=speaker-name]')).toEqual(['Rok Papež']);
    // The page's <h1> and its "series · date, time · room" line sit in a <header> outside <main>.
    expect(await inputValues(page, '[data-testid=talk-title]')).toEqual(['Facebook infrastructure: Under the Hood']);
    expect(await inputValues(page, '[data-testid=talk-date]')).toEqual(['2018-12-20']);
    expect((await inputValues(page, '[data-testid=speaker-headline]'))[0]).toMatch(/Production Engineer/);
    expect((await counts(page)).speakers).toBe(0);

    expect(await save(page)).toMatch(/1 new people.*1 new talks/s);
    const rok = await speakerNamed(page, 'Rok Papež');
    expect(rok?.talks.map((t) => t.title)).toEqual(['Facebook infrastructure: Under the Hood']);
    expect(rok?.talks.map((t) => (t as { date?: string }).date)).toEqual(['2018-12-20']);
    await page.close();
    await talk.close();
  });
});
