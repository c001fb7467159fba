/**
 * Chrome stops an idle MV3 service worker at any moment; Podium keeps all
 * state in IndexedDB, so the next request after a stop gets the right answer.
 */
import { callFromPage, type ExtensionBrowser, launchChromium, openExtensionPage, stopServiceWorkers, waitForText } from './browsers';

describe('chromium: the worker is stopped mid-session', () => {
  let eb: ExtensionBrowser;
  beforeAll(async () => {
    eb = await launchChromium();
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('answers correctly after every restart', async () => {
    const popup = await openExtensionPage(eb, 'popup.html');
    await (await popup.waitForSelector('::-p-text(Load sample archive)'))!.click();
    await waitForText(popup, '[data-testid=counts]', /3 speakers, 8 talks/);

    for (let round = 0; round < 3; round++) {
      await stopServiceWorkers(popup);
      const found = await callFromPage<{ key: string; speakers: { id: string; name: string }[] }[]>(popup, 'findSpeakers', {
        names: ['Giuseppe Lavagetto'],
      });
      expect(found.ok).toBe(true);
      const id = found.value![0]!.speakers[0]!.id;
      await stopServiceWorkers(popup);
      const speaker = await callFromPage<{ speaker: { name: string; headline: { value: string }[] }; talks: { title: string }[] }>(
        popup,
        'getSpeaker',
        { id },
      );
      expect(speaker.value!.speaker.name).toBe('Giuseppe Lavagetto');
      expect(speaker.value!.speaker.headline[0]!.value).toBe('Principal SRE at Wikimedia Foundation');
      expect(speaker.value!.talks.map((t) => t.title)).toContain('Building a Kubernetes on Bare-Metal Cluster');
    }

    // The search box (its own channel to the worker) finds people before and after a stop.
    const results = (q: string) =>
      popup.waitForFunction((query) => document.getElementById('results')?.getAttribute('data-query') === query && document.querySelector('[role=listbox]')?.textContent, { polling: 50, timeout: 15_000 }, q);
    const type = async (q: string) => {
      await popup.click('#search', { count: 3 });
      await popup.keyboard.press('Backspace');
      await popup.keyboard.type(q);
      return (await (await results(q)).jsonValue()) as string;
    };
    expect(await type('lavagetto')).toContain('Giuseppe Lavagetto');
    await stopServiceWorkers(popup);
    expect(await type('papez')).toContain('Rok Papež');
    expect(await type('lavagetto')).toContain('Giuseppe Lavagetto');

    // A freshly opened popup after a stop shows the same archive.
    await stopServiceWorkers(popup);
    const again = await openExtensionPage(eb, 'popup.html');
    expect(await waitForText(again, '[data-testid=counts]', /3 speakers/)).toContain('8 talks');
  });
});
