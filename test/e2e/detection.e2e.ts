/**
 * Detection and the hover card on the demo pages, in real Chromium and
 * Firefox, with the shipped build and the sample archive.
 */
import type { Page } from 'puppeteer-core';
import { type BrowserName, type ExtensionBrowser, LISTED_HOST, launch, loadSampleFromPopup, openExtensionPage } from './browsers';
import { readCard, waitForCard } from './card';
import { markedTexts, waitForMarks } from './marks';
import { startServer, type TestServer } from './server';
import { hoverText } from './pointer';

const SCHEDULE = '/democon/schedule/';


describe.each<BrowserName>(['chromium', 'firefox'])('%s: speakers on an event page', (name) => {
  let eb: ExtensionBrowser;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    eb = await launch(name);
    await loadSampleFromPopup(eb);
    page = await eb.browser.newPage();
    await page.goto(server.url(LISTED_HOST, SCHEDULE));
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('marks every form of the archive names and nothing else', async () => {
    await waitForMarks(page, 9);
    const marked = await markedTexts(page);
    // Upper case, "Last, First", no diacritics, NBSP and a line break inside the name.
    expect(marked).toEqual(
      expect.arrayContaining(['Giuseppe Lavagetto', 'ANGELO FAILLA', 'Papež, Rok', 'Angelo Failla', 'Rok Papez']),
    );
    // Keynote, panel (with a line break inside) and footer; not the textarea.
    expect(marked.filter((t) => /Lavagetto/.test(t)).length).toBe(3);
    // Never inside a word, never invented speakers, never in form fields.
    expect(marked.join('|')).not.toMatch(/défaillance|Camille|Priya|Hannah|what broke/i);
    expect(marked.length).toBe(9);
  });

  it('shows the right card after the pointer rests on a name, and Esc closes it', async () => {
    const at = await hoverText(page, '#talk-keynote .speakers', 'Giuseppe Lavagetto');
    const card = await waitForCard(name, page, (c) => c.open);
    expect(card.role).toBe('dialog');
    expect(card.name).toBe('Giuseppe Lavagetto');
    expect(card.text).toContain('Principal SRE at Wikimedia Foundation');
    expect(card.text).toContain('Building a Kubernetes on Bare-Metal Cluster');
    expect(card.text).not.toContain('Angelo');
    // The card never covers the name it is for.
    const r = card.rect!;
    expect(at.x >= r.left && at.x <= r.right && at.y >= r.top && at.y <= r.bottom).toBe(false);

    await page.keyboard.press('Escape');
    await waitForCard(name, page, (c) => !c.open);
  });

  it('finds a name that a script adds later', async () => {
    const before = (await markedTexts(page)).length;
    await page.evaluate(() => {
      document.getElementById('late-speakers')!.textContent = 'Rok Papež and Angelo Failla';
    });
    await waitForMarks(page, before + 2);
    const card0 = await readCard(name, page);
    expect(card0.open).toBe(false);
    await hoverText(page, '#late-speakers', 'Rok Papež');
    const card = await waitForCard(name, page, (c) => c.open);
    expect(card.name).toBe('Rok Papež');
    expect(card.text).toContain('Facebook infrastructure: Under the Hood');
    await page.mouse.move(5, 5);
    await waitForCard(name, page, (c) => !c.open);
  });

  it('marks the names of a page opened in a background tab while it is hidden, and opens the card once it is shown', async () => {
    // A hidden page paints no frame: Podium must not wait for one to start (content/detect/schedule.ts).
    const ext = await openExtensionPage(eb, 'popup.html');
    const url = server.url(LISTED_HOST, `${SCHEDULE}?opened-in-background`);
    await ext.evaluate((u: string) => {
      type Tabs = { tabs: { create(p: { url: string; active: boolean }): Promise<unknown> } };
      const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
      void (g.browser ?? g.chrome).tabs.create({ url: u, active: false });
    }, url);
    const bg = (await (await eb.browser.waitForTarget((t) => t.url() === url, { timeout: 10_000 })).page())!;
    try {
      // The target takes the URL as its navigation starts: wait for that document (polling by timer, as a hidden tab paints no frame).
      await bg.waitForFunction((u: string) => location.href === u && document.readyState !== 'loading', { polling: 50, timeout: 10_000 }, url);
      expect(await bg.evaluate(() => document.visibilityState)).toBe('hidden');
      const marked = await waitForMarks(bg, 9);
      expect(await bg.evaluate(() => document.visibilityState)).toBe('hidden');
      expect(marked).toEqual(expect.arrayContaining(['Giuseppe Lavagetto', 'Rok Papez']));

      await bg.bringToFront();
      await hoverText(bg, '#talk-keynote .speakers', 'Giuseppe Lavagetto');
      const card = await waitForCard(name, bg, (c) => c.open);
      expect(card.name).toBe('Giuseppe Lavagetto');
    } finally {
      await bg.close();
      await ext.close();
    }
  });
});
