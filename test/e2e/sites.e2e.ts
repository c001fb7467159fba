/**
 * Sites beyond Podium's list: "Enable on this site" (an optional host
 * permission plus a registered content script that survives reloads), revoke,
 * and the one-off "Scan this page" through activeTab.
 */
import {
  allowSiteInChromiumSettings,
  clickActionChromium,
  type ExtensionBrowser,
  launchChromium,
  launchFirefox,
  openExtensionPage,
  UNLISTED_HOST,
  waitForText,
  loadSampleFromPopup,
} from './browsers';
import { markedTexts, waitForMarks } from './marks';
import { startServer, type TestServer } from './server';

const SCHEDULE = '/democon/schedule/';
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Enabling an unlisted site as a user does it: nothing there at first, then
 * "Enable site" in Podium's settings (whatever the browser asks, it allows),
 * reload, names marked; revoke, reload, nothing again.
 */
const enableThenRevoke = (browser: 'firefox' | 'chromium') => () => {
  let eb: ExtensionBrowser;
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    // Firefox answers the optional-permission prompt with "Allow", as the user would.
    eb = browser === 'firefox' ? await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } }) : await launchChromium();
    await loadSampleFromPopup(eb);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('does nothing on the unlisted site, runs there after it is enabled and reloaded, and stops when revoked', async () => {
    const page = await eb.browser.newPage();
    await page.goto(server.url(UNLISTED_HOST, SCHEDULE));
    await settle(1500);
    expect(await markedTexts(page)).toEqual([]);

    // Headless Chromium cannot answer the prompt: the user allows the site in Chrome's settings first
    // (the worker hears that grant too, at the same moment as the popup's "Enable": the race this covers).
    if (browser === 'chromium') await allowSiteInChromiumSettings(eb, `https://${UNLISTED_HOST}/*`);

    const settings = await openExtensionPage(eb, 'popup.html?view=settings');
    await settings.type('#add-site', UNLISTED_HOST);
    await settings.click('::-p-text(Enable site)');
    await waitForText(settings, '.sites [role=status]', /now runs on conf\.example\.org/);
    expect(await settings.$eval('.site-list', (el) => el.textContent)).toContain(UNLISTED_HOST);

    await page.reload();
    expect(await waitForMarks(page)).toEqual(expect.arrayContaining(['Giuseppe Lavagetto', 'Rok Papež']));

    await settings.click(`[aria-label="Revoke ${UNLISTED_HOST}"]`);
    await waitForText(settings, '.sites [role=status]', /no longer runs/);
    await page.reload();
    await settle(1500);
    expect(await markedTexts(page)).toEqual([]);
  });
};

describe('firefox: enable Podium on a site that is not on its list', enableThenRevoke('firefox'));
describe('chromium: enable Podium on a site that is not on its list', enableThenRevoke('chromium'));

describe('chromium: the toolbar button on an unlisted site', () => {
  let eb: ExtensionBrowser;
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    eb = await launchChromium();
    await loadSampleFromPopup(eb);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('offers to enable the site and scans the page once through activeTab', async () => {
    const page = await eb.browser.newPage();
    await page.goto(server.url(UNLISTED_HOST, SCHEDULE));
    await settle(1000);
    expect(await markedTexts(page)).toEqual([]);

    const popup = await clickActionChromium(eb, page);
    expect(await popup.$eval('.site', (el) => el.textContent)).toContain(`Enable on ${UNLISTED_HOST}`);
    await popup.click('::-p-text(Scan this page once)');
    expect(await waitForMarks(page)).toEqual(expect.arrayContaining(['Giuseppe Lavagetto']));
  });
});
