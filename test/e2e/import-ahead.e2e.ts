/**
 * A large schedule (3,000 talks, one frab XML file) is sent to the worker
 * while the user reads the review (src/import/send-ahead.ts), in real
 * Chromium and Firefox: nothing is written before Save; Discard leaves the
 * archive as it was; an edit made in the review is what gets saved, with
 * every talk once; and (Chromium) a worker stopped during the review, which
 * loses what it held, costs nothing but time: Save sends it all again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { writeFrabFiles } from '../../scripts/bench/frab-files';
import { type BrowserName, callFromPage, type ExtensionBrowser, launch, openExtensionPage, stopServiceWorkers } from './browsers';
import { counts, pick, save } from './import-helpers';

const TALKS = 3000;
const browsers = (process.env.PODIUM_E2E_BROWSERS?.split(',') as BrowserName[] | undefined) ?? ['chromium', 'firefox'];

/** Searches as the popup does; the labels of the hits. */
async function search(page: Page, query: string): Promise<string[]> {
  const r = await callFromPage<{ groups: { hits: { label: string }[] }[] }>(page, 'search', { query, limit: 8 });
  return r.value?.groups.flatMap((g) => g.hits.map((h) => h.label)) ?? [];
}

/** Lets the page send the schedule ahead (a few hundred ms here) before the next step. */
const reviewFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(browsers)('%s: a large import sent while the user reviews it', (name) => {
  let eb: ExtensionBrowser;
  let page: Page;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-ahead-'));
    file = writeFrabFiles(dir, { files: 1, talks: TALKS, speakers: TALKS / 2 })[0]!;
    eb = await launch(name);
    page = await openExtensionPage(eb, 'import.html');
    await callFromPage(page, 'clearArchive');
  });
  afterAll(async () => {
    await eb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing before Save, and Discard leaves the archive as it was', async () => {
    await pick(page, file);
    await reviewFor(3000);
    expect((await counts(page)).talks).toBe(0);
    await page.click('[data-testid=discard]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=review]'), { timeout: 10_000 });
    await reviewFor(1000);
    expect(await counts(page)).toEqual({ speakers: 0, talks: 0, events: 0, sources: 0 });
  });

  it('saves the review as edited, every talk once', async () => {
    await pick(page, file);
    await reviewFor(3000);
    await page.click('[data-testid=talk-title]', { count: 3 });
    await page.keyboard.type('Zeppelin maintenance for beginners');
    await page.keyboard.press('Tab'); // commits the field (a change event)
    await reviewFor(1500);
    const result = await save(page);
    expect(result).toMatch(/3,?000 new talks/);
    const c = await counts(page);
    expect(c.talks).toBe(TALKS);
    let found: string[] = [];
    for (let i = 0; i < 100 && !found.includes('Zeppelin maintenance for beginners'); i++) {
      found = await search(page, 'zeppelin maintenance');
      await reviewFor(200);
    }
    expect(found).toContain('Zeppelin maintenance for beginners');
  });

  (name === 'chromium' ? it : it.skip)('a worker stopped during the review: Save sends it all again', async () => {
    await callFromPage(page, 'clearArchive');
    await pick(page, file);
    await reviewFor(3000);
    await stopServiceWorkers(page);
    await reviewFor(500);
    const result = await save(page);
    expect(result).toMatch(/3,?000 new talks/);
    expect((await counts(page)).talks).toBe(TALKS);
  });
});
