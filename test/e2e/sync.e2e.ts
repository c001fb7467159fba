/**
 * Settings that follow the user, in real Chromium and Firefox ESR: a
 * setting changed in Settings is mirrored into the browser's own
 * `storage.sync` (with no account, both browsers keep a local sync area),
 * and Settings shows the Sync section with what it holds.
 */
import { type BrowserName, type ExtensionBrowser, launch, openExtensionPage, waitForText } from './browsers';

describe.each<BrowserName>(['chromium', 'firefox'])('%s: sync', (name) => {
  let eb: ExtensionBrowser;
  beforeAll(async () => {
    eb = await launch(name);
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('mirrors a changed setting into storage.sync and shows the Sync section', async () => {
    const page = await openExtensionPage(eb, 'popup.html?view=settings');
    await waitForText(page, '#sync-title', /Sync between your browsers/);
    await page.select('section[aria-labelledby=look-title] select', 'dark');
    // The worker notices the change and writes after a two-second pause (a burst of changes goes out in one write).
    const items = await page.waitForFunction(
      async () => {
        type Area = { get(keys: null): Promise<Record<string, { v: number; i: [string, number, string, unknown][] }>> };
        const g = globalThis as unknown as { browser?: { storage: { sync: Area } }; chrome: { storage: { sync: Area } } };
        const all = await (g.browser ?? g.chrome).storage.sync.get(null);
        const tuples = Object.entries(all).filter(([k]) => k.startsWith('podium:')).flatMap(([, c]) => c.i);
        return tuples.some(([k, , , v]) => k === 'theme' && v === 'dark') ? tuples.map(([k]) => k) : false;
      },
      { polling: 250, timeout: 15_000 },
    );
    expect(await items.jsonValue()).toContain('theme');
    // Settings tells when it last synced.
    const again = await openExtensionPage(eb, 'popup.html?view=settings');
    await waitForText(again, '[data-testid=sync-last]', /Last synced/);
  });
});
