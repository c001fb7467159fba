/**
 * Detection on harder pages, in real Chromium and Firefox with the shipped
 * build and the sample archive: an open shadow root widget, a single-page-app
 * navigation, a hostile page, what the page can learn from the marks, private
 * mode; and (Chromium) the keyboard command and "Open in Podium".
 */
import type { Page } from 'puppeteer-core';
import {
  type BrowserName,
  type ExtensionBrowser,
  LISTED_HOST,
  launch,
  launchChromium,
  loadSampleFromPopup,
  openExtensionPage,
} from './browsers';
import { normalizeName } from '../../src/shared/names';
import { hoverUntilCard, waitForCard } from './card';
import { markedTexts, pollUntil, waitForMarks } from './marks';
import { startServer, type TestServer } from './server';

const SCHEDULE = '/democon/schedule/';
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));


async function setContentSettings(eb: ExtensionBrowser, value: Record<string, unknown>): Promise<void> {
  const ext = await openExtensionPage(eb, 'popup.html');
  await ext.evaluate(async (v) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    await api.storage.local.set({ contentSettings: v });
  }, value);
  // The worker declares the marks' CSS, or withdraws it, when it hears of the change: wait for that.
  const wantCss = !value['privacy'] && value['marks'] !== false;
  await ext.waitForFunction(
    async (want: boolean) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const list = await api.scripting.getRegisteredContentScripts({ ids: ['podium-marks-css'] });
      return list.some((s: { id: string }) => s.id === 'podium-marks-css') === want;
    },
    { polling: 100, timeout: 10_000 },
    wantCss,
  );
  await ext.close();
}

/** What the page's own scripts can learn of Podium's styles: its own highlight named like Podium's, styled or not. */
function podiumStyleAsPageSees(page: Page) {
  return page.evaluate(() => {
    const h1 = document.querySelector('h1')!;
    const style = getComputedStyle(h1, '::highlight(podium-speaker)');
    return {
      background: style.backgroundColor,
      decoration: style.textDecorationLine,
      sheets: document.adoptedStyleSheets.length,
      styles: [...document.querySelectorAll('style')].filter((s) => s.textContent?.includes('highlight')).length,
    };
  });
}

describe.each<BrowserName>(['chromium', 'firefox'])('%s: detection on harder pages', (name) => {
  let eb: ExtensionBrowser;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    eb = await launch(name);
    await loadSampleFromPopup(eb);
    page = await eb.browser.newPage();
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('finds names inside an open shadow root widget and opens their card there', async () => {
    await page.goto(server.url(LISTED_HOST, '/fixtures/pretalx-schedule.html'));
    const marked = await waitForMarks(page, 2);
    expect(marked).toEqual(expect.arrayContaining(['Angelo Failla', 'Rok Papež']));
    // Not the search box's value, not <noscript>, not the word that contains "failla".
    expect(marked.length).toBe(2);
    const card = await hoverUntilCard(name, page, 'pretalx-schedule', 'Angelo Failla', true);
    expect(card.name).toBe('Angelo Failla');
    expect(card.text).toContain('Staff Production Engineer at Meta (Facebook)');
    await page.keyboard.press('Escape');
    await waitForCard(name, page, (c) => !c.open);
  });

  it('rescans after a single-page-app navigation swaps the content', async () => {
    await page.goto(server.url(LISTED_HOST, '/fixtures/spa.html'));
    expect(await waitForMarks(page, 1)).toEqual(['Giuseppe Lavagetto']);
    await page.click('#to-day-2');
    await page.waitForFunction(() => location.search === '?day=2');
    await pollUntil(
      () => markedTexts(page, false),
      (texts) => texts.length === 2 && texts.includes('Angelo Failla') && texts.includes('Papež, Rok'),
    ).catch(() => undefined);
    expect((await markedTexts(page)).sort()).toEqual(['Angelo Failla', 'Papež, Rok']);
  });

  it('follows 20 single-page-app navigations back and forth: push, replace, back, forward, fast pairs, URL before or after the content', async () => {
    await page.goto(server.url(LISTED_HOST, '/fixtures/spa.html'));
    expect(await waitForMarks(page, 1)).toEqual(['Giuseppe Lavagetto']);
    const MARKED: Record<string, string[]> = {
      'Day 1': ['Giuseppe Lavagetto'],
      'Day 2': ['Angelo Failla', 'Papež, Rok'],
      'Day 3': ['Lavagetto, Giuseppe', 'Rok Papež'],
    };
    // What the page's router is asked to do at each step; fast steps run two navigations in one task or 10 ms apart.
    const steps: string[] = [
      'spaGo(2)',
      'spaGo(3)',
      'history.back()',
      'history.back()',
      'history.forward()',
      "spaGo(3, 'replace')",
      'spaGo(1); spaGo(2)',
      "spaGo(3, 'url-first')",
      "spaGo(1, 'content-first')",
      'history.back()',
      "spaGo(2); setTimeout(() => spaGo(3), 10)",
      "spaGo(1, 'replace'); spaGo(2, 'replace')",
      'history.back(); setTimeout(() => history.forward(), 10)',
      "spaGo(3, 'replace')",
      'spaGo(1)',
      "spaGo(2, 'url-first'); setTimeout(() => spaGo(3, 'content-first'), 10)",
      'history.go(-2)',
      'spaGo(2)',
      "spaGo(1, 'replace')",
      'spaGo(3)',
    ];
    const seen: string[] = [];
    for (const [i, step] of steps.entries()) {
      await page.evaluate(step);
      // The router has settled when its deferred halves (30 ms) have run.
      await settle(120);
      const day = await page.$eval('#app h1', (h) => h.textContent ?? '');
      const want = [...MARKED[day]!].sort();
      await pollUntil(() => markedTexts(page, false), (texts) => [...texts].sort().join('|') === want.join('|'), 10_000, 50).catch(() => undefined);
      const got = (await markedTexts(page)).sort();
      seen.push(day);
      expect({ step: i + 1, action: step, day, marked: got }).toEqual({ step: i + 1, action: step, day, marked: want });
    }
    // The run went through every day more than once.
    for (const day of Object.keys(MARKED)) expect(seen.filter((d) => d === day).length).toBeGreaterThan(1);
  });

  it('documents that the marks are visible to the page’s own scripts (CSS.highlights)', async () => {
    await page.goto(server.url(LISTED_HOST, SCHEDULE));
    await waitForMarks(page, 9);
    // What any script of the page can run: the registry is shared with the content script's world.
    const seen = {
      names: await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.keys()]),
      texts: await markedTexts(page),
    };
    expect(seen.names).toContain('podium-speaker');
    // The marks are styled by the CSS the worker declared to the browser (in place before the page's first style
    // pass), not by a sheet added to the loaded page (which made the browser restyle every element).
    const styled = await podiumStyleAsPageSees(page);
    expect(styled).toMatchObject({ sheets: 0, styles: 0, decoration: 'none' });
    expect(styled.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(seen.texts).toEqual(expect.arrayContaining(['Giuseppe Lavagetto', 'Angelo Failla', 'Papež, Rok']));
    expect(seen.texts.join('|')).not.toMatch(/Camille|Priya|Hannah/);
  });

  it('keeps no live range on the page (each would cost every DOM change the page makes), and its marks follow the text the page rewrites', async () => {
    await page.goto(server.url(LISTED_HOST, SCHEDULE));
    await waitForMarks(page, 9);
    const before = (await markedTexts(page)).sort();
    // The page's own script: a longer prefix in the text node of every marked name, and the rows moved to the end.
    const kinds = await page.evaluate(() => {
      const marks = [...((CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('podium-speaker') ?? [])];
      for (const r of marks) {
        const t = r.startContainer as Text;
        if (!t.data.startsWith('Updated: ')) t.data = `Updated: ${t.data}`;
      }
      const list = document.querySelector('main') ?? document.body;
      for (const row of [...list.children].slice(0, 3)) list.append(row);
      return [...new Set(marks.map((r) => r.constructor.name))];
    });
    expect(kinds).toEqual(['StaticRange']);
    // Rescanned: the same names are marked, each exactly, at their new places.
    await page
      .waitForFunction((n: number) => {
        const marks = [...((CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('podium-speaker') ?? [])];
        return marks.length === n && marks.every((r) => (r.startContainer as Text).data.startsWith('Updated: ') && r.startOffset >= 9);
      }, { polling: 100, timeout: 10_000 }, before.length)
      .catch(() => undefined);
    expect((await markedTexts(page)).sort()).toEqual(before);
    // And the card opens on a name where it is now.
    const card = await hoverUntilCard(name, page, '#talk-keynote .speakers', 'Giuseppe Lavagetto');
    expect(card.name).toBe('Giuseppe Lavagetto');
    await page.keyboard.press('Escape');
  });

  it('in private mode marks nothing the page can see, and still opens the card for the name under the pointer', async () => {
    await setContentSettings(eb, { privacy: true });
    try {
      await page.goto(server.url(LISTED_HOST, SCHEDULE));
      const card = await hoverUntilCard(name, page, '#talk-keynote .speakers', 'Giuseppe Lavagetto');
      expect(card.name).toBe('Giuseppe Lavagetto');
      expect(card.text).toContain('Principal SRE at Wikimedia Foundation');
      const visible = await page.evaluate(() => {
        const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
        return {
          highlights: registry ? [...registry.keys()] : [],
          sheets: document.adoptedStyleSheets.length,
          styles: [...document.querySelectorAll('style')].filter((s) => s.textContent?.includes('highlight')).length,
        };
      });
      expect(visible).toEqual({ highlights: [], sheets: 0, styles: 0 });
      // No CSS of Podium's either: a rule for its highlight name would tell the page that Podium is installed.
      expect(await podiumStyleAsPageSees(page)).toEqual({ background: 'rgba(0, 0, 0, 0)', decoration: 'none', sheets: 0, styles: 0 });
      await page.keyboard.press('Escape');
      await waitForCard(name, page, (c) => !c.open);
    } finally {
      await setContentSettings(eb, { privacy: false });
    }
  });

  it('opens the card for a name the page writes under a pointer resting there, with no move', async () => {
    await page.goto(server.url(LISTED_HOST, SCHEDULE));
    await waitForMarks(page, 9);
    // A slot the page fills in later ("to be announced"), and the pointer resting on it.
    await page.evaluate(() => {
      const slot = document.createElement('p');
      slot.id = 'slot';
      slot.style.cssText = 'position:fixed;left:40px;top:200px;margin:0;font:24px/40px sans-serif;background:#fff;white-space:nowrap';
      slot.textContent = 'to be announced';
      document.body.append(slot);
    });
    await page.mouse.move(5, 5);
    await page.mouse.move(60, 220, { steps: 3 });
    await settle(300);
    expect((await waitForCard(name, page, () => true)).open).toBe(false);
    await page.evaluate(() => {
      document.getElementById('slot')!.textContent = 'Giuseppe Lavagetto';
    });
    const card = await waitForCard(name, page, (c) => c.open);
    expect(card.name).toBe('Giuseppe Lavagetto');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
  });

  it('follows settings changed while the page is open: private mode withdraws the marks, the other style restyles them, and they come back', async () => {
    await page.goto(server.url(LISTED_HOST, SCHEDULE));
    const before = (await waitForMarks(page, 9)).sort();
    const registered = () => page.evaluate(() => [...((CSS as unknown as { highlights?: Map<string, unknown> }).highlights?.keys() ?? [])]);
    try {
      // The page is not reloaded: the worker tells it.
      await setContentSettings(eb, { privacy: true });
      expect(await pollUntil(registered, (names) => names.length === 0)).toEqual([]);
      await setContentSettings(eb, { privacy: false, markStyle: 'underline' });
      await pollUntil(() => markedTexts(page), (texts) => texts.length === before.length);
      expect((await markedTexts(page)).sort()).toEqual(before);
      const styled = await pollUntil(() => podiumStyleAsPageSees(page), (s) => s.decoration !== 'none');
      expect(styled.decoration).toContain('underline');
    } finally {
      await setContentSettings(eb, {});
    }
  });

  describe('a hostile page', () => {
    let hostile: Page;
    beforeAll(async () => {
      hostile = await eb.browser.newPage();
      await hostile.goto(server.url(LISTED_HOST, '/fixtures/hostile.html'));
    });
    afterAll(async () => {
      await hostile?.close();
    });

    it('stays responsive while it floods the DOM with mutations', async () => {
      expect(await waitForMarks(hostile, 2)).toEqual(expect.arrayContaining(['Giuseppe Lavagetto', 'Angelo Failla']));
      const before = await hostile.evaluate(() => (window as any).__hostile.heartbeats as number);
      const flooded = await hostile.evaluate(() => (window as any).__flood(3000) as Promise<number>);
      const after = await hostile.evaluate(() => ({ ...(window as any).__hostile, seen: undefined }));
      console.log(`${name}: hostile flood added ${flooded} nodes; heartbeat ${after.heartbeats - before} ticks, longest gap ${after.maxGapMs.toFixed(0)} ms`);
      expect(flooded).toBeGreaterThan(10_000);
      expect(after.heartbeats).toBeGreaterThan(before);
      // Detection survived the flood: the names outside it are still marked.
      expect(await waitForMarks(hostile, 2)).toEqual(expect.arrayContaining(['Giuseppe Lavagetto', 'Angelo Failla']));
    });

    it('cannot hide the card, keep it open or read the archive out of it', async () => {
      const card = await hoverUntilCard(name, hostile, '#talk-2', 'Angelo Failla');
      expect(card.name).toBe('Angelo Failla');
      expect(card.text).toContain('Staff Production Engineer at Meta (Facebook)');
      expect(await hostile.evaluate(() => (window as any).__hostile.blocked as number)).toBeGreaterThan(0);
      // The page's CSS did not hide it: at the card's centre the page hits Podium's host.
      const r = card.rect!;
      const hit = await hostile.evaluate((x, y) => document.elementFromPoint(x, y)?.localName ?? null, (r.left + r.right) / 2, (r.top + r.bottom) / 2);
      expect(hit).toBe('podium-card');

      const entries = await hostile.evaluate(() => (window as any).__collect() as string[]);
      const seen = entries.join('\n');
      // Patching attachShadow in the page's world did not open Podium's root (the content script has its own prototypes).
      expect(await hostile.evaluate(() => document.querySelector('podium-card')?.shadowRoot ?? null)).toBeNull();
      expect(entries.filter((e) => /^(shadowRoot|patched root|other root|reattach|getHTML error):/.test(e))).toEqual([]);
      // Nothing of the card's content: headline, other talks, its own buttons.
      for (const secret of ['Staff Production Engineer', 'FBTFTP', 'DHCP Infrastructure Evolution', 'Python @ Facebook', 'Open in Podium', 'EuroPython 2016']) {
        expect(seen).not.toContain(secret);
      }

      // Esc still closes it, though the page stops key events on window and document.
      await hostile.keyboard.press('Escape');
      await waitForCard(name, hostile, (c) => !c.open);
      // And the page still answers.
      expect(await hostile.evaluate(() => (window as any).__hostile.heartbeats as number)).toBeGreaterThan(0);
    });
  });
});

interface CdpNode {
  nodeId: number;
  nodeName: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** Centre of the card's button labelled `label`, read through CDP's piercing DOM (Chromium; the root is closed). */
async function cardButtonCentre(page: Page, label: string): Promise<{ x: number; y: number }> {
  const session = await page.createCDPSession();
  try {
    const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const find = (n: CdpNode): CdpNode | undefined =>
      n.nodeName === 'PODIUM-CARD' ? n : [...(n.children ?? []), ...(n.shadowRoots ?? [])].map(find).find(Boolean);
    const shadow = find(root)?.shadowRoots?.[0];
    if (!shadow) throw new Error('No card');
    const { object } = await session.send('DOM.resolveNode', { nodeId: shadow.nodeId });
    const { result } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: `function (label) {
        const b = [...this.querySelectorAll('button')].find((x) => x.textContent.trim() === label);
        if (!b) return null;
        const r = b.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }`,
      arguments: [{ value: label }],
      returnByValue: true,
    });
    if (!result.value) throw new Error(`No button ${label}`);
    return result.value as { x: number; y: number };
  } finally {
    await session.detach();
  }
}

describe('chromium: keyboard command and "Open in Podium"', () => {
  let eb: Awaited<ReturnType<typeof launchChromium>>;
  let server: TestServer;
  let page: Page;

  /** What the browser does on the `next-speaker` command: the worker pushes focusSpeaker to the active tab. */
  async function command(direction: 'next' | 'previous'): Promise<void> {
    const worker = await eb.worker();
    await worker.evaluate(async (d: string) => {
      const c = (globalThis as any).chrome;
      const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
      await c.tabs.sendMessage(tab.id, { podium: 1, push: 'focusSpeaker', params: { direction: d } }).catch(() => undefined);
    }, direction);
  }

  const focusedMark = (p: Page) =>
    p.evaluate(() => {
      const h = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights?.get('podium-speaker-focus');
      const live = (r: AbstractRange) => { const l = new Range(); l.setStart(r.startContainer, r.startOffset); l.setEnd(r.endContainer, r.endOffset); return l; };
      const r = h ? live([...h][0]!) : undefined;
      return r ? { text: r.toString().replace(/\s+/g, ' '), top: Math.round(r.getBoundingClientRect().top + scrollY) } : null;
    });

  beforeAll(async () => {
    server = await startServer();
    eb = await launchChromium();
    await loadSampleFromPopup(eb);
    page = await eb.browser.newPage();
    await page.goto(server.url(LISTED_HOST, SCHEDULE));
    await waitForMarks(page, 9);
    await page.bringToFront();
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('moves through the found names, opens the card with focus inside it, and Esc gives focus back', async () => {
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'before-card';
      b.textContent = 'Page button';
      document.body.prepend(b);
      b.focus();
    });
    await command('next');
    const first = await waitForCard('chromium', page, (c) => c.open);
    expect(['Giuseppe Lavagetto', 'Angelo Failla', 'Rok Papež']).toContain(first.name);
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('podium-card');
    const mark1 = await focusedMark(page);
    expect(mark1).not.toBeNull();

    await command('next');
    await pollUntil(() => focusedMark(page), (m) => !!m && m.top !== mark1!.top, 10_000);
    // The first card stays up until the next one's records arrive: wait for the card of the name now focused
    // (the same person under the archive's name key: case, diacritics, "Last, First").
    const mark2 = (await focusedMark(page))!;
    const second = await waitForCard('chromium', page, (c) => c.open && normalizeName(c.name) === normalizeName(mark2.text));
    expect(['Giuseppe Lavagetto', 'Angelo Failla', 'Rok Papež']).toContain(second.name);
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('podium-card');

    await page.keyboard.press('Escape');
    await waitForCard('chromium', page, (c) => !c.open);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('before-card');
  });

  it('"Open in Podium" opens the archive view at that speaker in a new tab', async () => {
    await command('next');
    await waitForCard('chromium', page, (c) => c.open);
    const opened = eb.browser.waitForTarget((t) => t.url().startsWith(`${eb.base}popup.html?view=speaker&id=`), { timeout: 10_000 });
    const at = await cardButtonCentre(page, 'Open in Podium');
    await page.mouse.click(at.x, at.y);
    const target = await opened;
    expect(new URL(target.url()).searchParams.get('id')).toBeTruthy();
  });
});
