/**
 * The import page (import.html) in real Chromium and Firefox, with the
 * shipped build: a seed CV through the file input, review, save, then the
 * speaker is found; seed 000 + pyvideo's EuroPython 2016 folder (as a small
 * .tar.gz built here from the real archive) + FOSDEM 2026 XML, then the
 * hover card on the demo page and one FBTFTP talk with both sources and the
 * video; then bad files show their message and change nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { type BrowserName, callFromPage, type ExtensionBrowser, LISTED_HOST, launch, openExtensionPage, waitForText } from './browsers';
import { hoverUntilCard } from './card';
import { waitForMarks } from './marks';
import { ROOT, startServer, type TestServer } from './server';

const SEEDS = path.resolve(ROOT, '../shared/seeds');
const DATA = path.resolve(ROOT, '../shared/data');
const FBTFTP = /^FBTFTP/;

/** The EuroPython 2016 event folder of the real pyvideo archive, repacked as a small .tar.gz. */
function europython2016Archive(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-ep2016-'));
  execFileSync('tar', ['xzf', path.join(DATA, 'pyvideo-data.tar.gz'), '-C', dir, './europython-2016']);
  const out = path.join(dir, 'europython-2016.tar.gz');
  execFileSync('tar', ['czf', out, '-C', dir, 'europython-2016']);
  return out;
}

async function counts(page: Page) {
  const r = await callFromPage<{ speakers: number; talks: number; events: number; sources: number }>(page, 'counts');
  return r.value!;
}

/** Picks files in the import view and waits for the review or a message. */
async function pick(page: Page, ...files: string[]): Promise<void> {
  const input = (await page.$('input[data-testid=file-input]')) as import('puppeteer-core').ElementHandle<HTMLInputElement>;
  await input.uploadFile(...files);
  await page.waitForFunction(() => !document.querySelector('[data-testid=progress]') && !!document.querySelector('[data-testid=review], [data-testid=failures]'), {
    polling: 100,
    timeout: 60_000,
  });
}

const inputValues = (page: Page, sel: string) => page.$$eval(sel, (els) => els.map((e) => (e as HTMLInputElement).value));

async function save(page: Page): Promise<string> {
  await page.click('[data-testid=save]');
  await page.waitForFunction(() => !!document.querySelector('[data-testid=result], [data-testid=save-error]'), { polling: 200, timeout: 120_000 });
  const error = await page.$eval('[data-testid=save-error]', (e) => e.textContent).catch(() => null);
  if (error) throw new Error(`save failed: ${error}`);
  return page.$eval('[data-testid=result]', (e) => e.textContent ?? '');
}


const browsers = (process.env.PODIUM_E2E_BROWSERS?.split(',') as BrowserName[] | undefined) ?? ['chromium', 'firefox'];
// Without ../shared the suites are skipped, one per browser (an empty table is an error in jest).
const run = fs.existsSync(SEEDS) && fs.existsSync(DATA) ? describe.each<BrowserName>(browsers) : describe.skip.each<BrowserName>(browsers);

run('%s: the import page', (name) => {
  let eb: ExtensionBrowser;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    eb = await launch(name);
    page = await openExtensionPage(eb, 'import.html');
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('imports a seed CV through the file input: review, save, then the speaker is found', async () => {
    await pick(page, path.join(SEEDS, '001_a06cb9bf7c902ca5.txt'));
    expect(await inputValues(page, '[data-testid=speaker-name]')).toEqual(['Giuseppe Lavagetto']);
    expect(await inputValues(page, '[data-testid=talk-title]')).toEqual(
      expect.arrayContaining(['Building a Kubernetes on Bare-Metal Cluster', 'Improving performance of RPC with Envoy at Wikimedia']),
    );
    expect((await counts(page)).speakers).toBe(0); // nothing saved by reading
    const text = await save(page);
    expect(text).toMatch(/1 new people/);
    const found = await callFromPage<{ speakers: { name: string; headline?: string }[] }[]>(page, 'findSpeakers', { names: ['Giuseppe Lavagetto'] });
    expect(found.value![0]!.speakers[0]).toMatchObject({ name: 'Giuseppe Lavagetto', headline: expect.stringMatching(/Principal SRE at Wikimedia Foundation/) });
  });

  it('imports a CV, the EuroPython 2016 pyvideo folder and FOSDEM 2026 XML; the FBTFTP talk merges; the card shows it', async () => {
    await pick(page, path.join(SEEDS, '000_728296b6ea8a234a.txt'), europython2016Archive(), path.join(DATA, 'frab-xml/fosdem-2026.xml'));
    expect(await page.$eval('[data-testid=failures]', (e) => e.textContent).catch(() => null)).toBeNull();
    expect(await inputValues(page, '[data-testid=speaker-name]')).toEqual(expect.arrayContaining(['Angelo Failla']));
    expect(await page.$eval('[data-testid=save]', (b) => (b as HTMLButtonElement).disabled)).toBe(true); // the guessed name needs a yes
    expect(await page.$eval('[data-testid=confirm-needed]', (e) => e.textContent)).toContain('Angelo Failla');
    // Seed 000's name (and a few FOSDEM fields) are guessed: confirm each box.
    for (const box of await page.$$('[data-testid=confirm-inferred] input')) await box.click();
    await save(page);

    const hits = await callFromPage<{ speakers: { id: string }[] }[]>(page, 'findSpeakers', { names: ['Angelo Failla'] });
    expect(hits.value![0]!.speakers).toHaveLength(1);
    const speaker = await callFromPage<{ talks: { title: string; sources: string[]; links: { kind: string; url: string }[] }[] }>(page, 'getSpeaker', {
      id: hits.value![0]!.speakers[0]!.id,
    });
    const fbtftp = speaker.value!.talks.filter((t) => FBTFTP.test(t.title));
    expect(fbtftp).toHaveLength(1);
    expect(fbtftp[0]!.sources.length).toBeGreaterThanOrEqual(2);
    expect(fbtftp[0]!.links.some((l) => l.kind === 'video')).toBe(true);
    const fosdem = await callFromPage<{ talks: unknown[] }>(page, 'search', { query: 'fosdem', limit: 5 });
    expect(fosdem.ok).toBe(true);
    expect((await counts(page)).talks).toBeGreaterThan(500);

    const demo = await eb.browser.newPage();
    await demo.goto(server.url(LISTED_HOST, '/democon/schedule/'));
    await waitForMarks(demo, 1);
    await demo.$eval('footer', (e) => e.scrollIntoView({ block: 'center' }));
    const card = await hoverUntilCard(name, demo, 'footer', 'Angelo Failla');
    expect(card.name).toBe('Angelo Failla');
    expect(card.text).toMatch(/FBTFTP/);
    await demo.close();
  });

  it('a bad file shows its message and changes nothing stored', async () => {
    const before = await counts(page);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-bad-'));
    const empty = path.join(dir, 'empty.json');
    fs.writeFileSync(empty, '');
    const latin1 = path.join(dir, 'schedule.xml');
    fs.writeFileSync(latin1, Buffer.concat([Buffer.from('<schedule><conference><title>Caf'), Buffer.from([0xe9]), Buffer.from('</title></conference></schedule>')]));
    await pick(page, empty, latin1);
    const text = await waitForText(page, '[data-testid=failures]', /not UTF-8/);
    expect(text).toMatch(/empty\.json.*empty/);
    expect(await page.$('[data-testid=bundle]')).toBeNull();
    expect(await counts(page)).toEqual(before);
  });
});
