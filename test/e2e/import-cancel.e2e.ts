/**
 * Cancel while saving the whole pyvideo archive (../shared/data/pyvideo-data.tar.gz,
 * 540 events) through the import page, in real Chromium with the shipped
 * build: the archive is summarised for review, Save streams it event by
 * event, Cancel mid-way rolls the import session back, so every count is as
 * before (including records merged into ones that existed before), and the
 * page says it was cancelled and keeps the review to try again.
 * Then the worker is stopped while the page sends (bundles go straight to
 * the service worker, src/import/bulk-call.ts) and while it merges (the
 * browser may stop it at any moment): nothing is written, the page says so,
 * and Save again works.
 * Chromium only: the same code path runs in Firefox; one browser is enough
 * for a 9 MB archive on shared CI cores (the brief's choice).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { type ExtensionBrowser, launch, openExtensionPage, stopServiceWorkers } from './browsers';
import { counts, DATA, failuresText, pick, save } from './import-helpers';
import { ROOT } from './server';

const ARCHIVE = path.join(DATA, 'pyvideo-data.tar.gz');
const SEED = path.resolve(ROOT, '../shared/seeds/000_728296b6ea8a234a.txt');
const run = fs.existsSync(ARCHIVE) && fs.existsSync(SEED) && !/^firefox$/.test(process.env.PODIUM_E2E_BROWSERS ?? '') ? describe : describe.skip;

const progressValue = (page: Page) => page.$eval('[data-testid=progress]', (p) => (p as HTMLProgressElement).value).catch(() => -1);

/** Resolves once the save's progress bar is past `fraction`. */
const progressPast = (page: Page, fraction: number) =>
  page.waitForFunction(
    (f: number) => {
      const p = document.querySelector('[data-testid=progress]') as HTMLProgressElement | null;
      return !!p && p.value > f;
    },
    { polling: 20, timeout: 120_000 },
    fraction,
  );

run('chromium: cancelling the save of the whole pyvideo archive', () => {
  let eb: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    eb = await launch('chromium');
    page = await openExtensionPage(eb, 'import.html');
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('leaves every count as it was and says the import was cancelled', async () => {
    // Something stored first (seed 000: Angelo Failla, whose FBTFTP talk pyvideo would merge into).
    await pick(page, SEED);
    for (const box of await page.$$('[data-testid=confirm-inferred] input')) await box.click();
    await save(page);
    const before = await counts(page);
    expect(before.speakers).toBeGreaterThan(0);

    await pick(page, ARCHIVE);
    expect(await failuresText(page)).toBeNull();
    const summary = await page.$eval('[data-testid=archive-summary]', (e) => e.textContent ?? '');
    expect(summary).toMatch(/pyvideo archive: 5\d\d events, 2\d,\d{3}|pyvideo archive: 5\d\d events, 2\d\d\d\d talks/);

    await page.click('[data-testid=save]');
    // Mid-way: some events have been sent to the worker, far from all.
    await progressPast(page, 0.02);
    const at = await progressValue(page);
    expect(at).toBeLessThan(0.9);
    await page.click('[data-testid=cancel]');

    await page.waitForSelector('[data-testid=save-error]', { timeout: 120_000 });
    expect(await page.$eval('[data-testid=save-error]', (e) => e.textContent)).toMatch(/cancelled/i);
    expect(await page.$('[data-testid=progress]')).toBeNull();
    expect(await page.$('[data-testid=result]')).toBeNull();
    // The review stays, to save again or discard.
    expect(await page.$('[data-testid=archive-summary]')).not.toBeNull();
    expect(await page.$eval('[data-testid=save]', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    expect(await counts(page)).toEqual(before);
  });

  it('a worker stopped while the page sends writes nothing and says so', async () => {
    const before = await counts(page);
    await page.click('[data-testid=save]');
    await progressPast(page, 0.05);
    expect(await progressValue(page)).toBeLessThan(0.25); // still sending (sending is the first 30 %)
    await stopServiceWorkers(page);
    await page.waitForSelector('[data-testid=save-error], [data-testid=result]', { timeout: 120_000 });
    const error = await page.$eval('[data-testid=save-error]', (e) => e.textContent).catch(() => null);
    expect(error).not.toBeNull();
    // A call out when it stopped fails with it; the next one wakes a new worker, which lost the session.
    expect(error).toMatch(/stopped|restarted/i);
    expect(error).toMatch(/Nothing was (changed|saved)/);
    expect(await counts(page)).toEqual(before);
  });

  it('a worker stopped while it merges writes nothing, says so, and Save again imports everything', async () => {
    const before = await counts(page);
    await page.click('[data-testid=save]');
    // Everything sent: the worker is merging it in one transaction.
    await page.waitForFunction(() => /Writing/.test(document.querySelector('.progress span')?.textContent ?? ''), { polling: 20, timeout: 120_000 });
    expect(await page.$('[data-testid=cancel]')).toBeNull(); // the merge cannot be cancelled half-way
    await stopServiceWorkers(page);
    await page.waitForSelector('[data-testid=save-error], [data-testid=result]', { timeout: 120_000 });
    const error = await page.$eval('[data-testid=save-error]', (e) => e.textContent).catch(() => null);
    // The merge of 21,000 talks takes seconds; the stop lands within milliseconds of "Writing".
    expect(error).not.toBeNull();
    expect(error).toMatch(/stopped|restarted|reach/i);
    expect(error).toMatch(/Nothing was (changed|saved)/);
    expect(await counts(page)).toEqual(before);
    // Save again: the whole archive goes in.
    await save(page);
    const after = await counts(page);
    expect(after.talks).toBeGreaterThan(before.talks + 20_000);
  });
});
