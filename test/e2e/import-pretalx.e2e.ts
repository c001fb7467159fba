/**
 * pretalx from a URL and from the page being viewed, in real Chromium and
 * Firefox with the shipped build, against a fake pretalx instance (the test
 * server's REST API built from the real shapes in ../shared/data/pretalx-api,
 * paginated one record per page):
 * - paste an event URL on the listed host pretalx.com, fetch (every `next`
 *   page followed), review, save, then the speakers and talks are stored;
 * - the same on the unlisted host conf.example.org, where the per-origin
 *   permission prompt is answered by the browser in Firefox
 *   (`extensions.webextOptionalPermissionPrompts: false`); headless Chromium
 *   cannot answer it, so there the site is first allowed in Chrome's own
 *   extension settings (then the request passes without a prompt);
 * - the toolbar badge and title on a pretalx schedule page (URL pattern) and
 *   on a page with a `<pretalx-schedule event-url>` embed, then import.html
 *   for that tab offers "Import this conference" and importing it works.
 */
import fs from 'node:fs';
import type { Page } from 'puppeteer-core';
import { allowSiteInChromiumSettings, type BrowserName, type ExtensionBrowser, LISTED_HOST, launch, openExtensionPage, UNLISTED_HOST } from './browsers';
import { actionState, counts, DATA, failuresText, inputValues, save, serveFakePretalx, speakerNamed, tabIdOf, typeInto, waitForRead, type FakePretalx } from './import-helpers';
import { startServer, type TestServer } from './server';

const browsers = (process.env.PODIUM_E2E_BROWSERS?.split(',') as BrowserName[] | undefined) ?? ['chromium', 'firefox'];
// Without ../shared the suites are skipped, one per browser (an empty table is an error in jest).
const run = fs.existsSync(`${DATA}/pretalx-api`) ? describe.each<BrowserName>(browsers) : describe.skip.each<BrowserName>(browsers);

/** Pastes a schedule URL, presses Fetch, and waits for the review or a message. */
async function fetchUrl(page: Page, url: string): Promise<void> {
  await typeInto(page, '#url', url);
  await page.click('[data-testid=fetch-url]');
  await waitForRead(page);
}

run('%s: pretalx by URL and "Import this conference"', (name) => {
  let eb: ExtensionBrowser;
  let server: TestServer;
  let fake: FakePretalx;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    fake = serveFakePretalx(server);
    // Firefox: let the browser answer optional-permission prompts (granted), as a user clicking "Allow" would.
    eb = await launch(name, name === 'firefox' ? { prefs: { 'extensions.webextOptionalPermissionPrompts': false } } : {});
    // The listed event sites are host permissions granted at install: no prompt, no grant step.
    page = await openExtensionPage(eb, 'import.html');
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('pastes a pretalx event URL on pretalx.com: every API page is fetched, reviewed, then saved', async () => {
    fake.requests.length = 0;
    expect(await counts(page)).toMatchObject({ speakers: 0, talks: 0 });
    await fetchUrl(page, server.url(LISTED_HOST, '/democon/'));
    expect(await failuresText(page)).toBeNull();
    // Pagination: both talk pages and all three speaker pages were requested.
    expect(fake.requests.filter((r) => r.startsWith('/api/events/democon/talks/'))).toHaveLength(fake.talkTitles.length);
    expect(fake.requests.filter((r) => r.startsWith('/api/events/democon/speakers/'))).toHaveLength(fake.speakerNames.length);
    expect((await inputValues(page, '[data-testid=speaker-name]')).sort()).toEqual([...fake.speakerNames].sort());
    expect((await inputValues(page, '[data-testid=talk-title]')).sort()).toEqual([...fake.talkTitles].sort());
    expect(await page.$eval('[data-testid=bundle]', (e) => e.textContent)).toContain('Fake democon');
    expect((await counts(page)).speakers).toBe(0); // reading saved nothing

    const text = await save(page);
    expect(text).toMatch(/3 new people.*2 new talks.*1 new events/s);
    const zxc = await speakerNamed(page, 'ZXC Speaker');
    expect(zxc?.talks.map((t) => t.title)).toEqual(['This is a test talk from a test speaker about a test topic.']);
    expect(JSON.stringify(zxc)).not.toMatch(/@example\.com/); // the API's e-mail addresses are never kept
    expect(await counts(page)).toMatchObject({ speakers: 3, talks: 2, events: 1 });
  });

  it('a pretalx schedule page gets the badge; import.html for that tab imports the conference', async () => {
    const schedule = await eb.browser.newPage();
    const url = server.url(LISTED_HOST, '/democon/schedule/');
    await schedule.goto(url);
    const tabId = await tabIdOf(page, url);
    await page.waitForFunction(
      async (id: number) => ((globalThis as any).browser ?? (globalThis as any).chrome).action.getBadgeText({ tabId: id }).then((t: string) => t === '+'),
      { polling: 200, timeout: 15_000 },
      tabId,
    );
    expect(await actionState(page, tabId)).toEqual({ badge: '+', title: 'Podium: Import this conference (pretalx: democon)' });

    const imp = await openExtensionPage(eb, `import.html?tab=${tabId}`);
    const button = await imp.waitForSelector('[data-testid=import-conference]', { timeout: 10_000 });
    expect(await button!.evaluate((b) => b.textContent)).toBe('Import this conference (pretalx: democon)');
    await button!.click();
    await waitForRead(imp);
    expect(await failuresText(imp)).toBeNull();
    expect((await inputValues(imp, '[data-testid=speaker-name]')).sort()).toEqual([...fake.speakerNames].sort());
    // Already saved by the URL import above: the preview says these merge.
    await imp.waitForSelector('[data-testid=merge-note]', { timeout: 10_000 });
    const text = await save(imp);
    expect(text).toMatch(/0 new people, 3 merged; 0 new talks, 2 merged/);
    expect(await counts(imp)).toMatchObject({ speakers: 3, talks: 2, events: 1 });
    await imp.close();
    await schedule.close();
  });

  it('a page with a <pretalx-schedule> embed gets the badge, and its conference imports', async () => {
    const embedUrl = server.url(LISTED_HOST, '/embedcon/');
    server.serve(
      '/about/our-schedule.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Our schedule</title></head><body>
       <h1>EmbedCon</h1><pretalx-schedule event-url="${embedUrl}" locale="en"></pretalx-schedule>
       <script src="${embedUrl}widgets/schedule.js" async></script></body></html>`,
    );
    const tab = await eb.browser.newPage();
    const url = server.url(LISTED_HOST, '/about/our-schedule.html');
    await tab.goto(url);
    const tabId = await tabIdOf(page, url);
    await page.waitForFunction(
      async (id: number) => ((globalThis as any).browser ?? (globalThis as any).chrome).action.getBadgeText({ tabId: id }).then((t: string) => t === '+'),
      { polling: 200, timeout: 15_000 },
      tabId,
    );
    expect((await actionState(page, tabId)).title).toBe('Podium: Import this conference (pretalx: embedcon)');

    const imp = await openExtensionPage(eb, `import.html?tab=${tabId}`);
    await (await imp.waitForSelector('[data-testid=import-conference]', { timeout: 10_000 }))!.click();
    await waitForRead(imp);
    expect(await failuresText(imp)).toBeNull();
    expect(await imp.$eval('[data-testid=bundle]', (e) => e.textContent)).toContain('Fake embedcon');
    await save(imp);
    expect((await counts(imp)).events).toBe(2);
    await imp.close();
    await tab.close();
  });

  it('the unlisted host conf.example.org: the permission is asked for that origin, then the event imports', async () => {
    fake.requests.length = 0;
    const before = await counts(page);
    const has = () =>
      page.evaluate((o: string) => ((globalThis as any).browser ?? (globalThis as any).chrome).permissions.contains({ origins: [o] }), `https://${UNLISTED_HOST}/*`);
    expect(await has()).toBe(false);
    // Headless Chromium cannot answer the prompt: the user allows the site in Chrome's settings instead, and the request passes.
    if (name === 'chromium') await allowSiteInChromiumSettings(eb, `https://${UNLISTED_HOST}/*`);
    await fetchUrl(page, server.url(UNLISTED_HOST, '/api/events/farcon/'));
    expect(await failuresText(page)).toBeNull();
    expect(await has()).toBe(true);
    expect(fake.requests.some((r) => r.startsWith('/api/events/farcon/talks/'))).toBe(true);
    expect(await page.$eval('[data-testid=bundle]', (e) => e.textContent)).toContain('Fake farcon');
    await save(page);
    // Same people (pretalx codes on another host are other records) and one more event.
    const after = await counts(page);
    expect(after.events).toBe(before.events + 1);
    expect(after.talks).toBeGreaterThanOrEqual(before.talks);
  });
});
