import { startDetection, type Detection } from '../../src/content/detect-speakers';
import { MARK } from '../../src/content/detect/highlight';
import { type ExtensionApi, parsePush, type Sender } from '../../src/content/runtime';
import type { Request } from '../../src/shared/messages';
import type { SpeakerWithTalks } from '../../src/shared/types';
import { SEED_PEOPLE, captureShadowRoots, fakeFind, rangeText } from './helpers';

const EXT = 'podium@test';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until `cond` holds (a loaded test machine may take longer than the delays involved), at most 2 s. */
async function until(cond: () => boolean): Promise<void> {
  for (let t = 0; t < 200 && !cond(); t++) await wait(10);
}

function papez(): SpeakerWithTalks {
  const at = '2026-01-01T00:00:00Z';
  return {
    speaker: {
      id: 'sp_papez', name: 'Rok Papež', aliases: [], nameKeys: [], headline: [{ value: 'Production Engineer at Facebook', sources: [] }],
      location: [], summary: [], positions: [], education: [], skills: [], publications: [], projects: [], links: [], photoUrl: [],
      identifiers: [], idKeys: [], sources: [], createdAt: at, updatedAt: at,
    },
    talks: [
      { id: 't1', title: 'Facebook infrastructure: Under the Hood', titleKey: '', abstract: [], kind: 'talk', date: '2018-12-20', speakerIds: ['sp_papez'], links: [], tags: [], sources: [], createdAt: at, updatedAt: at, speakers: [] },
    ],
    sources: [],
    coSpeakers: [],
  };
}

function fakeApi(
  calls: string[],
  finder: { find: (parts: string[]) => Promise<import('../../src/shared/messages').TextHits> } = { find: fakeFind(SEED_PEOPLE) },
  /** Holds each getSpeaker answer until it resolves (a slow worker). */
  gate: () => Promise<void> = async () => undefined,
  /** The settings the worker hands the page. */
  settings: Record<string, unknown> = { intentDelayMs: 10 },
  /** Holds the answer to the page's first call until it resolves. */
  startGate: () => Promise<void> = async () => undefined,
) {
  const find = (parts: string[]) => finder.find(parts);
  let listener: ((message: unknown, sender: Sender) => void) | undefined;
  const api: ExtensionApi = {
    runtime: {
      id: EXT,
      sendMessage: async (raw) => {
        const msg = raw as Request;
        calls.push(msg.method);
        switch (msg.method) {
          case 'startPage':
            await startGate();
            return { ok: true, value: { ...(await find((msg.params as { parts: string[] }).parts)), settings } };
          case 'findNames':
            return { ok: true, value: await find((msg.params as { parts: string[] }).parts) };
          case 'loadCard':
            // What the worker's injection of card.js does: its entry point appears in this world.
            await import('../../src/content/card/card-entry');
            return { ok: true, value: null };
          case 'getSpeaker':
            await gate();
            return { ok: true, value: papez() };
          default:
            return { ok: true, value: null };
        }
      },
      onMessage: { addListener: (fn) => (listener = fn), removeListener: () => (listener = undefined) },
    },
  };
  return { api, push: (message: unknown, sender: Sender) => listener?.(message, sender) };
}

/** A worker whose getSpeaker answers wait, while `slow.holding`, until {@link release} (a record still on its way). */
function slowSpeakers() {
  const held: (() => void)[] = [];
  const slow = { holding: false };
  const { api, push } = fakeApi([], undefined, () => (slow.holding ? new Promise<void>((r) => held.push(r)) : Promise.resolve()));
  const next = () => push({ podium: 1, push: 'focusSpeaker', params: { direction: 'next' } }, { id: EXT });
  return { api, next, slow, held, release: () => held.splice(0).forEach((r) => r()) };
}

/** A CSS Custom Highlight registry for jsdom, which has none; `restore` takes it away again. */
function fakeHighlights() {
  const registry = new Map<string, { ranges: Set<AbstractRange> }>();
  const g = globalThis as unknown as { Highlight?: unknown; CSS?: unknown };
  g.Highlight = class {
    readonly ranges = new Set<AbstractRange>();
    priority = 0;
    add(r: AbstractRange) {
      this.ranges.add(r);
    }
  };
  g.CSS = { highlights: registry };
  return {
    registry,
    restore() {
      delete g.Highlight;
      delete g.CSS;
    },
  };
}

let det: Detection | undefined;
/** The card, as the page has it: none until its code is loaded. */
const isOpen = () => det?.card.loaded?.card.isOpen ?? false;
const openFor = () => det?.card.loaded?.card.openFor as { name: string } | undefined;
beforeAll(() => {
  window.requestAnimationFrame = (cb) => setTimeout(() => cb(0), 0) as unknown as number;
  // jsdom has no layout: every range is one 100×16 box at (10, 10).
  Range.prototype.getClientRects = function () {
    return [new DOMRect(10, 10, 100, 16)] as unknown as DOMRectList;
  };
  Range.prototype.getBoundingClientRect = () => new DOMRect(10, 10, 100, 16);
  Element.prototype.scrollIntoView = () => undefined;
});
afterEach(() => {
  det?.stop();
  jest.restoreAllMocks();
  document.body.innerHTML = '';
});

function hover(el: Element, x = 20, y = 15): void {
  el.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, composed: true, clientX: x, clientY: y }));
}

describe('startDetection', () => {
  it('starts with one call that sends the page’s text and brings the settings, and never builds the storage API (it costs Firefox 4–9 ms a page)', async () => {
    document.body.innerHTML = '<p>Rok Papež</p>';
    const calls: string[] = [];
    const { api } = fakeApi(calls, undefined, undefined, { privacy: true, intentDelayMs: 10 });
    let reads = 0;
    Object.defineProperty(api, 'storage', { get: () => (reads++, undefined) });
    const started = startDetection(api, document);
    expect(calls).toEqual(['startPage']);
    det = (await started)!;
    await det.ready;
    expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Rok Papež']);
    expect(calls.filter((c) => c === 'startPage')).toHaveLength(1);
    expect(reads).toBe(0);
    // The worker's settings apply: private mode adds the card's host up front.
    expect(document.querySelector('podium-card')).not.toBeNull();
  });

  it('walks the page at once, its text going with the first call, and marks its names as soon as the scan is done (no quiet wait)', async () => {
    const { registry, restore } = fakeHighlights();
    try {
      document.body.innerHTML = '<p>Rok Papež and <b>Angelo Failla</b></p>';
      const calls: string[] = [];
      const started = startDetection(fakeApi(calls).api, document);
      // No task in between, and no call before the text: the page's text is already on its way.
      expect(calls).toEqual(['startPage']);
      det = (await started)!;
      await det.ready;
      expect([...registry.get(MARK)!.ranges].map((r) => rangeText(r))).toEqual(['Rok Papež', 'Angelo Failla']);
    } finally {
      restore();
    }
  });

  it('stops when the worker says there is nothing to look for', async () => {
    document.body.innerHTML = '<p>Rok Papež</p>';
    const calls: string[] = [];
    const { api } = fakeApi(calls, { find: async () => ({ active: false, names: [], hits: [] }) });
    expect(await startDetection(api, document)).toBeUndefined();
    expect(calls).toEqual(['startPage']);
    // Nothing watches the page any more, and nothing is asked again.
    document.body.insertAdjacentHTML('beforeend', '<p>Angelo Failla</p>');
    await wait(400);
    expect(calls).toEqual(['startPage']);
  });

  it('asks with no text on a page that has none, and scans what the page adds later', async () => {
    const calls: string[] = [];
    const parts: string[][] = [];
    const find = fakeFind(SEED_PEOPLE);
    det = (await startDetection(fakeApi(calls, { find: (p) => (parts.push(p), find(p)) }).api, document))!;
    expect(det).toBeDefined();
    expect(parts).toEqual([[]]);
    document.body.insertAdjacentHTML('beforeend', '<p>Rok Papež</p>');
    await until(() => det!.found.all().length > 0);
    expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Rok Papež']);
    expect(calls).toEqual(['startPage', 'findNames']);
  });

  it('marks nothing before the first answer’s settings: later answers that come first wait for it', async () => {
    const { registry, restore } = fakeHighlights();
    try {
      // More text than one request carries: the page sends a second before the first is answered.
      const filler = 'Schedule of the day. '.repeat(2000);
      document.body.innerHTML = `<p>Rok Papež</p><p>${filler}</p><p>${filler}</p><p>Angelo Failla</p>`;
      for (const marks of [false, true]) {
        let open!: () => void;
        const held = new Promise<void>((r) => (open = r));
        const calls: string[] = [];
        const { api } = fakeApi(calls, undefined, undefined, { marks, intentDelayMs: 10 }, () => held);
        const started = startDetection(api, document);
        await until(() => calls.includes('findNames'));
        await wait(30);
        // The second answer is in; its name is not marked while the first answer is out.
        expect(registry.get(MARK)?.ranges.size ?? 0).toBe(0);
        open();
        det = (await started)!;
        await det.ready;
        expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Rok Papež', 'Angelo Failla']);
        expect([...(registry.get(MARK)?.ranges ?? [])].map((r) => rangeText(r))).toEqual(marks ? ['Rok Papež', 'Angelo Failla'] : []);
        det.stop();
        registry.clear();
      }
    } finally {
      restore();
    }
  });

  it('applies answers that came before the first one each in a task of its own after it, not all in the first’s', async () => {
    const { registry, restore } = fakeHighlights();
    const g = globalThis as { scheduler?: unknown };
    // Chromium's scheduler.yield, the content script's way to a new task: held here until the test lets it go.
    const yields: (() => void)[] = [];
    let hold = false;
    g.scheduler = { yield: () => (hold ? new Promise<void>((r) => yields.push(r)) : Promise.resolve()) };
    try {
      const filler = 'Schedule of the day. '.repeat(2000);
      document.body.innerHTML = `<p>Rok Papež</p><p>${filler}</p><p>${filler}</p><p>Angelo Failla</p>`;
      let open!: () => void;
      const held = new Promise<void>((r) => (open = r));
      const calls: string[] = [];
      const started = startDetection(fakeApi(calls, undefined, undefined, undefined, () => held).api, document);
      await until(() => calls.includes('findNames'));
      await wait(30);
      hold = true;
      open();
      det = (await started)!;
      await wait(30);
      // The first answer's name is found in its task; the held one waits for a task of its own.
      expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Rok Papež']);
      expect(yields.length).toBeGreaterThan(0);
      hold = false;
      yields.splice(0).forEach((r) => r());
      await det.ready;
      expect([...(registry.get(MARK)?.ranges ?? [])].map((r) => rangeText(r))).toEqual(['Rok Papež', 'Angelo Failla']);
    } finally {
      delete g.scheduler;
      restore();
    }
  });

  it('applies the settings the worker pushes while the page is open, and only from the worker', async () => {
    document.body.innerHTML = '<p><span id="n">Rok Papež</span></p>';
    const { api, push } = fakeApi([]);
    det = (await startDetection(api, document))!;
    await det.ready;
    const changed = (settings: Record<string, unknown>, sender: Sender = { id: EXT }) => push({ podium: 1, push: 'settingsChanged', params: { settings } }, sender);
    // A page (a tab) cannot send what only the worker may.
    changed({ privacy: true }, { id: EXT, tab: {} });
    expect(document.querySelector('podium-card')).toBeNull();
    changed({ privacy: true, intentDelayMs: 10 });
    // Private mode loads the card at once and creates its host, before any hover.
    await until(() => document.querySelector('podium-card') !== null);
    expect(document.querySelector('podium-card')).not.toBeNull();
    // A longer hover delay holds the card back.
    changed({ intentDelayMs: 2000 });
    hover(document.getElementById('n')!);
    await wait(150);
    expect(isOpen()).toBe(false);
    changed({ intentDelayMs: 0 });
    hover(document.getElementById('n')!, 22, 15);
    await until(() => isOpen());
    expect(isOpen()).toBe(true);
  });

  it('finds names, opens the card on hover after the intent delay, and closes it on Esc', async () => {
    document.body.innerHTML = '<h2>Facebook infrastructure: Under the Hood</h2><p>by <span id="n">Rok Papež</span></p>';
    const calls: string[] = [];
    const roots = captureShadowRoots();
    det = (await startDetection(fakeApi(calls).api, document))!;
    await det.ready;
    expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Rok Papež']);

    hover(document.getElementById('n')!);
    expect(isOpen()).toBe(false); // intent delay
    await until(() => isOpen());
    expect(isOpen()).toBe(true);
    const root = roots.at(-1)!;
    expect(root.querySelector('.name')!.textContent).toBe('Rok Papež');
    expect(root.querySelector('.talk.here .title')!.textContent).toBe('Facebook infrastructure: Under the Hood');
    expect(calls.filter((c) => c === 'getSpeaker')).toHaveLength(1);

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(isOpen()).toBe(false);
  });

  it('opens the card for a name the page writes under a pointer that rests there (no move needed)', async () => {
    document.body.innerHTML = '<p><span id="n">to be announced</span></p>';
    const calls: string[] = [];
    det = (await startDetection(fakeApi(calls).api, document))!;
    await det.ready;
    hover(document.getElementById('n')!);
    await wait(50);
    expect(isOpen()).toBe(false);
    // The page fills in the speaker; the pointer has not moved.
    document.getElementById('n')!.textContent = 'Rok Papež';
    await until(() => isOpen());
    expect(isOpen()).toBe(true);
    expect(calls.filter((c) => c === 'getSpeaker')).toHaveLength(1);
    expect(calls.filter((c) => c === 'loadCard')).toHaveLength(1);
  });

  it('does not open for a name found elsewhere while the pointer rests on other text', async () => {
    document.body.innerHTML = '<p><span id="x">to be announced</span> <span id="n">tba</span></p>';
    det = (await startDetection(fakeApi([]).api, document))!;
    await det.ready;
    hover(document.getElementById('x')!);
    document.getElementById('n')!.textContent = 'Rok Papež';
    await until(() => det!.found.size > 0);
    await wait(50);
    expect(det.found.size).toBe(1);
    expect(isOpen()).toBe(false);
  });

  it('does not open for text that is not a found name, and closes when the pointer leaves', async () => {
    document.body.innerHTML = '<p><span id="n">Angelo Failla</span> <span id="x">and others</span></p>';
    det = (await startDetection(fakeApi([]).api, document))!;
    await det.ready;
    hover(document.getElementById('x')!);
    await wait(30);
    expect(isOpen()).toBe(false);
    hover(document.getElementById('n')!);
    await until(() => isOpen());
    expect(isOpen()).toBe(true);
    hover(document.getElementById('x')!);
    await wait(400);
    expect(isOpen()).toBe(false);
  });

  it('finds a name added later by script', async () => {
    document.body.innerHTML = '<main></main>';
    det = (await startDetection(fakeApi([]).api, document))!;
    await det.ready;
    expect(det.found.size).toBe(0);
    document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p>Giuseppe Lavagetto</p>');
    await until(() => det!.found.size > 0);
    expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Giuseppe Lavagetto']);
  });

  it('holds no live range over a name: the page’s own edits cost it nothing, and the mark moves with the text the page rewrites', async () => {
    document.body.innerHTML = '<p id="p">Talk by Rok Papež</p><p>Angelo Failla</p>';
    const created = jest.spyOn(document, 'createRange');
    det = (await startDetection(fakeApi([]).api, document))!;
    await det.ready;
    // The browser updates every live range of a document on each DOM change the page makes.
    expect(det.found.all().every((f) => f.range instanceof StaticRange)).toBe(true);
    expect(created).not.toHaveBeenCalled();
    const text = document.getElementById('p')!.firstChild as Text;
    const before = det.found.all().find((f) => f.name === 'Rok Papež')!;
    // The page rewrites the text around the name (a longer prefix): the old offsets no longer hold it.
    text.data = 'Keynote, the opening talk by Rok Papež';
    await until(() => !det!.found.all().includes(before) && det!.found.size === 2);
    expect(det.found.all().map((f) => rangeText(f.range)).sort()).toEqual(['Angelo Failla', 'Rok Papež']);
    // The card opens on the name where it is now.
    hover(document.getElementById('p')!);
    await until(() => isOpen());
    expect(openFor()?.name).toBe('Rok Papež');
  });

  it('looks again at a custom element that renders into its shadow root after the scan (no light-DOM mutation tells)', async () => {
    document.body.innerHTML = '<main><conf-schedule></conf-schedule></main>';
    det = (await startDetection(fakeApi([]).api, document))!;
    await det.ready;
    expect(det.found.size).toBe(0);
    document.querySelector('conf-schedule')!.attachShadow({ mode: 'open' }).innerHTML = '<ul><li>Angelo Failla</li></ul>';
    await until(() => det!.found.size > 0); // the first look is 500 ms after the scan met the element
    expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Angelo Failla']);
  });

  it('sets no timer for later looks on a page without custom elements', async () => {
    const spy = jest.spyOn(window, 'setTimeout');
    const seen = () => spy.mock.calls.map((c) => c[1]);
    try {
      document.body.innerHTML = '<main><p>Angelo Failla</p><div></div></main>';
      det = (await startDetection(fakeApi([]).api, document))!;
      await det.ready;
      expect(det.found.size).toBe(1);
      expect(seen()).not.toContain(500);
      document.querySelector('div')!.append(document.createElement('late-widget'));
      await until(() => seen().includes(500));
      expect(seen().filter((ms) => ms === 500 || ms === 2000 || ms === 5000).sort((a, b) => a! - b!)).toEqual([500, 2000, 5000]);
    } finally {
      spy.mockRestore();
    }
  });

  it('moves through found names on the keyboard command, only when the extension itself asks', async () => {
    document.body.innerHTML = '<p>Angelo Failla</p><p>Rok Papež</p>';
    const { api, push } = fakeApi([]);
    det = (await startDetection(api, document))!;
    await det.ready;
    push({ podium: 1, push: 'focusSpeaker', params: { direction: 'next' } }, { id: EXT, tab: { id: 3 } });
    await wait(10);
    expect(isOpen()).toBe(false); // from a tab: refused
    push({ podium: 1, push: 'focusSpeaker', params: { direction: 'next' } }, { id: EXT });
    await until(() => isOpen());
    expect(isOpen()).toBe(true);
    expect(openFor()?.name).toBe('Angelo Failla');
    push({ podium: 1, push: 'focusSpeaker', params: { direction: 'next' } }, { id: EXT });
    await until(() => openFor()?.name === 'Rok Papež');
    expect(openFor()?.name).toBe('Rok Papež');
  });

  it('Esc while the next card is still loading closes the card for good: the late answer does not reopen it', async () => {
    document.body.innerHTML = '<p>Angelo Failla</p><p>Rok Papež</p>';
    const { api, next, slow, held, release } = slowSpeakers();
    det = (await startDetection(api, document))!;
    await det.ready;
    next();
    await until(() => isOpen());
    expect(openFor()?.name).toBe('Angelo Failla');

    slow.holding = true;
    next();
    await until(() => held.length > 0);
    expect(openFor()?.name).toBe('Angelo Failla'); // Rok Papež's record is on its way
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(isOpen()).toBe(false);
    release();
    await wait(30);
    expect(isOpen()).toBe(false);

    slow.holding = false;
    next(); // and the command still works afterwards
    await until(() => isOpen());
    expect(isOpen()).toBe(true);
  });

  it('a card hidden by a scroll while the next one loads does not cancel it: only the user’s Esc or × does', async () => {
    document.body.innerHTML = '<p id="a">Angelo Failla</p><p>Rok Papež</p>';
    const { api, next, slow, held, release } = slowSpeakers();
    det = (await startDetection(api, document))!;
    await det.ready;
    hover(document.getElementById('a')!);
    await until(() => isOpen());
    expect(openFor()?.name).toBe('Angelo Failla');

    slow.holding = true;
    next();
    await until(() => held.length > 0);
    window.dispatchEvent(new Event('scroll')); // the command scrolled the next name into view: the hovered card hides
    expect(isOpen()).toBe(false);
    release();
    await until(() => isOpen());
    expect(openFor()?.name).toBe('Rok Papež');
  });

  it('scans again when the worker says the archive’s names changed, only when the extension itself asks', async () => {
    document.body.innerHTML = '<p>Angelo Failla</p><p>Rok Papež</p>';
    const finder = { find: fakeFind(SEED_PEOPLE.filter((p) => p.name === 'Angelo Failla')) };
    const { api, push } = fakeApi([], finder);
    det = (await startDetection(api, document))!;
    await det.ready;
    expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Angelo Failla']);
    finder.find = fakeFind(SEED_PEOPLE);
    push({ podium: 1, push: 'archiveChanged', params: {} }, { id: EXT, tab: { id: 3 } });
    await wait(30);
    expect(det.found.size).toBe(1); // from a tab: refused
    push({ podium: 1, push: 'archiveChanged', params: {} }, { id: EXT });
    await until(() => det!.found.size === 2);
    expect(det.found.all().map((f) => rangeText(f.range))).toEqual(['Angelo Failla', 'Rok Papež']);
  });

  it('loads the card’s code only when first needed: not at the start, not for a pointer over a page without names, once however often the pointer moves', async () => {
    document.body.innerHTML = '<main><p id="x">Programme</p></main>';
    const calls: string[] = [];
    det = (await startDetection(fakeApi(calls).api, document))!;
    await det.ready;
    hover(document.getElementById('x')!);
    await wait(30);
    expect(calls).not.toContain('loadCard');
    expect(det.card.loaded).toBeUndefined();
    // Names come; a move anywhere on the page loads the card, before any name is hovered.
    document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p id="n">Rok Papež</p>');
    await until(() => det!.found.size > 0);
    hover(document.getElementById('x')!, 30, 15);
    for (let i = 0; i < 5; i++) hover(document.getElementById('x')!, 31 + i, 15);
    await until(() => det!.card.loaded !== undefined);
    expect(calls.filter((c) => c === 'loadCard')).toHaveLength(1);
    expect(isOpen()).toBe(false);
    hover(document.getElementById('n')!);
    await until(() => isOpen());
    expect(openFor()?.name).toBe('Rok Papež');
    expect(calls.filter((c) => c === 'loadCard')).toHaveLength(1);
  });

  it('starts no card when the page stops while the card’s code is on its way', async () => {
    document.body.innerHTML = '<p id="n">Rok Papež</p>';
    const calls: string[] = [];
    const { api } = fakeApi(calls, undefined, undefined, { privacy: true, intentDelayMs: 10 });
    const send = api.runtime.sendMessage;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    api.runtime.sendMessage = async (m) => ((m as Request).method === 'loadCard' ? (await held, send(m)) : send(m));
    const d = (await startDetection(api, document))!;
    await d.ready;
    // Private mode asks for the card at once; the page goes away before it comes.
    await until(() => calls.includes('loadCard'));
    d.stop();
    release();
    await wait(30);
    expect(d.card.loaded).toBeUndefined();
    expect(document.querySelector('podium-card')).toBeNull();
  });

  it('keeps its marks where the card’s code cannot be loaded, and asks again only a few times', async () => {
    document.body.innerHTML = '<p id="n">Rok Papež</p>';
    const calls: string[] = [];
    const { api } = fakeApi(calls);
    const send = api.runtime.sendMessage;
    // The worker could not inject it (the page's access was withdrawn, say).
    api.runtime.sendMessage = async (m) =>
      (m as Request).method === 'loadCard' ? (calls.push('loadCard'), { ok: false, error: 'Cannot access contents of the page.' }) : send(m);
    det = (await startDetection(api, document))!;
    await det.ready;
    for (let i = 0; i < 6; i++) {
      hover(document.getElementById('n')!, 20 + i, 15);
      await wait(20);
    }
    expect(calls.filter((c) => c === 'loadCard')).toHaveLength(3);
    expect(det.card.loaded).toBeUndefined();
    expect(det.found.size).toBe(1);
    expect(isOpen()).toBe(false);
  });

  it('does nothing when the archive has no names', async () => {
    const api = fakeApi([]).api;
    api.runtime.sendMessage = async () => ({ ok: true, value: null });
    expect(await startDetection(api, document)).toBeUndefined();
  });
});

describe('parsePush', () => {
  it('accepts only well-formed pushes from the extension itself', () => {
    const ok = { podium: 1, push: 'focusSpeaker', params: { direction: 'previous' } };
    expect(parsePush(ok, { id: EXT }, EXT)).toEqual(ok);
    expect(parsePush(ok, { id: 'other' }, EXT)).toBeUndefined();
    expect(parsePush(ok, { id: EXT, tab: {} }, EXT)).toBeUndefined();
    expect(parsePush({ ...ok, params: { direction: 'sideways' } }, { id: EXT }, EXT)).toBeUndefined();
    expect(parsePush({ ...ok, push: 'readArchive' }, { id: EXT }, EXT)).toBeUndefined();
    expect(parsePush({ podium: 1, push: 'archiveChanged', params: { evil: 1 } }, { id: EXT }, EXT)).toEqual({ podium: 1, push: 'archiveChanged', params: {} });
    // Settings are read like stored ones: anything malformed keeps its default.
    expect(parsePush({ podium: 1, push: 'settingsChanged', params: { settings: { privacy: true, intentDelayMs: 'soon', markStyle: 'blink' } } }, { id: EXT }, EXT)).toEqual({
      podium: 1,
      push: 'settingsChanged',
      params: { settings: { marks: true, privacy: true, intentDelayMs: 300, markStyle: 'tint' } },
    });
    expect(parsePush({ podium: 1, push: 'settingsChanged' }, { id: EXT }, EXT)).toBeUndefined();
    expect(parsePush({ podium: 1, push: 'settingsChanged', params: { settings: {} } }, { id: EXT, tab: {} }, EXT)).toBeUndefined();
  });
});
