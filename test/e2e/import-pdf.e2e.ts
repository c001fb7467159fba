/**
 * A CV as PDF through the import page's file input, in real Chromium and
 * Firefox with the shipped build (pdf.js loaded on demand in the import
 * page). The PDFs are printed once, at test time, by Chromium from the HTML
 * CVs of invented people in test/fixtures/cv-html/ (one column, and two
 * columns with a sidebar), then reused in both browsers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Page } from 'puppeteer-core';
import { type BrowserName, chromiumPath, type ExtensionBrowser, launch, openExtensionPage } from './browsers';
import { counts, failuresText, inputValues, pick, save, speakerNamed } from './import-helpers';
import { ROOT } from './server';

const CV_HTML = path.join(ROOT, 'test/fixtures/cv-html');
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-cv-pdf-'));
const pdfs = { single: path.join(OUT, 'tamsin-okonkwo-reyes-cv.pdf'), twoColumn: path.join(OUT, 'ilse-vandermeulen-cv.pdf') };
const browsers = (process.env.PODIUM_E2E_BROWSERS?.split(',') as BrowserName[] | undefined) ?? ['chromium', 'firefox'];

beforeAll(async () => {
  const chrome = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await chrome.newPage();
    for (const [html, out] of [['single-column.html', pdfs.single], ['two-column.html', pdfs.twoColumn]] as const) {
      await page.goto(`file://${path.join(CV_HTML, html)}`);
      await page.pdf({ path: out, format: 'A4' });
    }
  } finally {
    await chrome.close();
  }
  for (const f of Object.values(pdfs)) expect(fs.readFileSync(f).subarray(0, 5).toString()).toBe('%PDF-');
});
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

const positionsText = (page: Page) => page.$$eval('[data-testid=speaker-positions] li', (els) => els.map((e) => e.textContent ?? ''));

describe.each<BrowserName>(browsers)('%s: a CV as PDF', (name) => {
  let eb: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    eb = await launch(name);
    page = await openExtensionPage(eb, 'import.html');
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('one column: the review shows the name, positions and talks; saved, the person is found with them', async () => {
    await pick(page, pdfs.single);
    expect(await failuresText(page)).toBeNull();
    expect(await inputValues(page, '[data-testid=speaker-name]')).toEqual(['Tamsin Okonkwo-Reyes']);
    expect(await page.$eval('[data-testid=bundle]', (e) => e.textContent)).toMatch(/\(cv/);
    const positions = await positionsText(page);
    expect(positions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Staff Site Reliability Engineer, Quillwater Systems \(2020–now\)/),
        expect.stringMatching(/Site Reliability Engineer, Harbourline Logistics \(2016–2020\)/),
        expect.stringMatching(/Systems Administrator, Corvid Hosting \(2012–2016\)/),
      ]),
    );
    expect((await inputValues(page, '[data-testid=talk-title]')).sort()).toEqual(
      ['Alert fatigue is a design bug', 'Budgets before dashboards', 'Immutable fleets without tears'].sort(),
    );
    expect(await inputValues(page, '[data-testid=talk-date]')).toEqual(expect.arrayContaining(['2023', '2021', '2019']));
    expect((await counts(page)).speakers).toBe(0);

    expect(await save(page)).toMatch(/1 new people.*3 new talks/s);
    const tamsin = await speakerNamed(page, 'Tamsin Okonkwo-Reyes');
    expect(tamsin?.talks).toHaveLength(3);
    for (const org of ['Quillwater Systems', 'Harbourline Logistics', 'Corvid Hosting']) expect(JSON.stringify(tamsin)).toContain(org);
  });

  it('two columns with a sidebar: the name, the main column’s positions and talks are read; saved, found with them', async () => {
    await pick(page, pdfs.twoColumn);
    expect(await failuresText(page)).toBeNull();
    expect(await inputValues(page, '[data-testid=speaker-name]')).toEqual(['Ilse Vandermeulen']);
    const positions = await positionsText(page);
    expect(positions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Data Engineering Lead, Lindenhof Analytics \(2019–now\)/),
        expect.stringMatching(/Data Engineer, Brugge Telecom \(2013–2019\)/),
      ]),
    );
    expect((await inputValues(page, '[data-testid=talk-title]')).sort()).toEqual(['Exactly once, mostly', 'Schemas are contracts']);
    expect(await inputValues(page, '[data-testid=talk-date]')).toEqual(expect.arrayContaining(['2024', '2021']));
    expect(await page.$eval('[data-testid=review]', (e) => e.textContent)).not.toMatch(/No talks were found/);
    for (const box of await page.$$('[data-testid=confirm-inferred] input')) await box.click();
    expect(await save(page)).toMatch(/1 new people.*2 new talks/s);
    const ilse = await speakerNamed(page, 'Ilse Vandermeulen');
    expect(ilse?.talks.map((t) => t.title).sort()).toEqual(['Exactly once, mostly', 'Schemas are contracts']);
    for (const org of ['Lindenhof Analytics', 'Brugge Telecom']) expect(JSON.stringify(ilse)).toContain(org);
  });
});
