/**
 * The popup in real Chromium and Firefox ESR: search with a typo and
 * without diacritics, keyboard to a speaker, edit, merge two speakers,
 * export and re-import through the settings' file control.
 */
import type { Page } from 'puppeteer-core';
import { type BrowserName, callFromPage, type ExtensionBrowser, launch, openExtensionPage, waitForText } from './browsers';

const options = (page: Page) => page.$$eval('[role=option]', (els) => els.map((e) => e.querySelector('.hit__label')?.textContent ?? ''));

async function search(page: Page, text: string, expected: RegExp): Promise<string[]> {
  await page.click('input[type=search]', { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type('input[type=search]', text);
  await page.waitForFunction((src: string) => [...document.querySelectorAll('[role=option]')].some((o) => new RegExp(src).test(o.textContent ?? '')), { polling: 100, timeout: 10_000 }, expected.source);
  // An earlier keystroke's results may match too ("Rok Pape" lists Rok Papež): wait until the list stops changing,
  // or the last query's answer, arriving later, resets the active option under the next key press.
  let last = '';
  for (let same = 0; same < 3; ) {
    const now = JSON.stringify(await options(page));
    same = now === last ? same + 1 : 0;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
  return options(page);
}

describe.each<BrowserName>(['chromium', 'firefox'])('%s: the popup', (name) => {
  let eb: ExtensionBrowser;
  beforeAll(async () => {
    eb = await launch(name);
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('searches, opens a speaker by keyboard, edits, merges, exports and re-imports', async () => {
    const popup = await openExtensionPage(eb, 'popup.html');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await (await popup.waitForSelector('::-p-text(Load sample archive)'))!.click();
    await waitForText(popup, '[data-testid=counts]', /3 speakers, 8 talks/);

    expect((await search(popup, 'papex', /Papež/))[0]).toBe('Rok Papež');
    expect((await search(popup, 'lavageto', /Lavagetto/))[0]).toBe('Giuseppe Lavagetto');
    const hits = await search(popup, 'Rok Papez', /Rok Papež/);
    expect(hits[0]).toBe('Rok Papež');
    expect(await popup.$eval('[role=option] mark', (m) => m.textContent)).toBe('Rok');

    // Arrow down and back up, then Enter opens the speaker.
    await popup.keyboard.press('ArrowDown');
    expect(await popup.$eval('input[type=search]', (i) => i.getAttribute('aria-activedescendant'))).toBe(hits.length > 1 ? 'hit-1' : 'hit-0');
    await popup.keyboard.press('ArrowUp');
    await popup.keyboard.press('Enter');
    await waitForText(popup, 'h2', /^Rok Papež$/);

    // Edit the headline; it is saved (a fresh page shows it).
    await popup.click('::-p-text(Edit)');
    await popup.waitForSelector('input[name=headline]');
    await popup.click('input[name=headline]', { count: 3 });
    await popup.keyboard.press('Backspace');
    await popup.type('input[name=headline]', 'Keeper of the DHCP flame');
    await popup.click('form.edit button[type=submit]');
    await waitForText(popup, '[data-testid=headline]', /Keeper of the DHCP flame/);
    const rokId = new URL(popup.url()).searchParams.get('id');
    const found = await callFromPage<{ speakers: { id: string; name: string }[] }>(popup, 'search', { query: 'rok papez' });
    const id = found.value!.speakers[0]!.id;
    expect(rokId === null || rokId === id).toBe(true);
    const again = await openExtensionPage(eb, `popup.html?view=speaker&id=${id}`);
    await waitForText(again, '[data-testid=headline]', /Keeper of the DHCP flame/);
    await again.close();

    // A second person by hand, then merge them into Rok.
    const added = await callFromPage(popup, 'importBundle', {
      bundle: {
        source: { kind: 'manual', name: 'Added by hand', format: 'manual' },
        speakers: [{ ref: 's', name: 'R. Papez-Quokka' }],
        talks: [{ title: 'Quokkas and DHCP', speakerRefs: ['s'] }],
        events: [],
        warnings: [],
      },
    });
    expect(added.ok).toBe(true);
    await popup.click('::-p-text(Merge…)');
    await popup.type('.edit input[type=search]', 'quokka');
    const mergeButton = await popup.waitForSelector('[aria-label="Merge R. Papez-Quokka into Rok Papež"]');
    await mergeButton!.click();
    await waitForText(popup, 'section[aria-labelledby=talks-title]', /Quokkas and DHCP/);
    expect(await waitForText(popup, '[role=status]', /Merged/)).toContain('Undo');

    // Export from the worker, then import the same JSON through the settings' file control (full page).
    // The JSON stays a string: Firefox's BiDi transport would reshape `{ value, … }` objects on the way.
    const json = await popup.evaluate(async () =>
      JSON.stringify((await (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method: 'exportArchive', params: {} })).value),
    );
    expect(JSON.parse(json).speakers).toHaveLength(3);
    await callFromPage(popup, 'clearArchive');
    const settings = await openExtensionPage(eb, 'popup.html?view=settings&full=1');
    await settings.waitForSelector('#archive-file');
    await settings.select('#import-mode', 'replace');
    await settings.evaluate((json: string) => {
      const input = document.querySelector<HTMLInputElement>('#archive-file')!;
      const dt = new DataTransfer();
      dt.items.add(new File([json], 'podium-archive.json', { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, json);
    await waitForText(settings, '.notice', /Imported 3 speakers and 9 talks/).catch(async (e) => {
      throw new Error(`${e}: ${await settings.evaluate(() => document.body.innerText)}`);
    });
    await settings.close();
    const after = await openExtensionPage(eb, 'popup.html');
    await waitForText(after, '[data-testid=counts]', /3 speakers, 9 talks/);
    expect(await search(after, 'keeper flame', /Rok Papež/)).toContain('Rok Papež');
    await after.close();
    await popup.close();
  });
});
