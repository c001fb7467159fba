/**
 * Podium in the browser's language: Chromium started with --lang=de shows the
 * popup and the hover card in German, from _locales/de (the other end-to-end
 * tests run English browsers and read English). Headless Chromium on Linux
 * still reports an en-US UI language to getUILanguage(), so dates here stay
 * English; the unit tests check the German formats.
 */
import { type ExtensionBrowser, LISTED_HOST, launchChromium, openExtensionPage, waitForText } from './browsers';
import { hoverUntilCard } from './card';
import { startServer, type TestServer } from './server';

describe('chromium in German', () => {
  let eb: ExtensionBrowser;
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    eb = await launchChromium({ args: ['--lang=de'] });
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('shows the popup and the hover card in German', async () => {
    const popup = await openExtensionPage(eb, 'popup.html');
    expect(await popup.evaluate(() => [document.documentElement.lang, (document.querySelector('input[type=search]') as HTMLInputElement).placeholder])).toEqual([
      'de',
      'Personen, Vorträge, Veranstaltungen suchen',
    ]);
    await (await popup.waitForSelector('::-p-text(Beispielarchiv laden)'))!.click();
    expect(await waitForText(popup, '[data-testid=counts]', /^3 Personen, 8 Vorträge und \d Veranstaltungen in Ihrem Archiv$/)).toBeTruthy();
    await popup.close();

    const page = await eb.browser.newPage();
    await page.goto(server.url(LISTED_HOST, '/democon/schedule/'));
    const card = await hoverUntilCard('chromium', page, '#talk-keynote .speakers', 'Giuseppe Lavagetto');
    expect(card.text).toContain('Vorträge');
    expect(card.text).toContain('In Podium öffnen');
    await page.close();
  });
});
