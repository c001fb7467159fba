/**
 * Reads Podium's hover card out of its CLOSED shadow root, the way only a
 * test harness can (page scripts cannot): Chromium through CDP's piercing DOM
 * snapshot, Firefox through the BiDi remote value of the host, whose
 * `shadowRoot` reference is given even for closed roots (e2e-recipe §6, §11).
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import type { BrowserName } from './browsers';
import { hoverText } from './pointer';

export interface CardState {
  open: boolean;
  text: string;
  role: string | null;
  /** The accessible name: the text of the element its aria-labelledby points at. */
  name: string;
  rect: { left: number; top: number; right: number; bottom: number } | null;
}

/** Runs inside the page with the shadow root as `this`/argument; plain function: no closures. */
function readRoot(root: ShadowRoot): CardState {
  const card = root.querySelector('.card') as HTMLElement | null;
  if (!card) return { open: false, text: '', role: null, name: '', rect: null };
  const labelId = card.getAttribute('aria-labelledby');
  const label = labelId ? root.getElementById(labelId) : null;
  const r = card.getBoundingClientRect();
  return {
    open: true,
    text: (card.textContent ?? '').replace(/\s+/g, ' ').trim(),
    role: card.getAttribute('role'),
    name: (label?.textContent ?? card.getAttribute('aria-label') ?? '').trim(),
    rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
  };
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function findHost(node: CdpNode): CdpNode | undefined {
  if (node.nodeName === 'PODIUM-CARD') return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findHost(child);
    if (found) return found;
  }
  return undefined;
}

async function readChromium(page: Page): Promise<CardState> {
  const session = await page.createCDPSession();
  try {
    const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findHost(root);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return { open: false, text: '', role: null, name: '', rect: null };
    const { object } = await session.send('DOM.resolveNode', { nodeId: shadow.nodeId });
    const { result } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: `function () { return (${readRoot.toString()})(this); }`,
      returnByValue: true,
    });
    return result.value as CardState;
  } finally {
    await session.detach();
  }
}

async function readFirefox(page: Page): Promise<CardState> {
  const host = (await page.$('podium-card')) as (ElementHandle & { remoteValue(): any; realm: unknown }) | null;
  if (!host) return { open: false, text: '', role: null, name: '', rect: null };
  const shadowRef = host.remoteValue()?.value?.shadowRoot;
  if (!shadowRef?.sharedId) return { open: false, text: '', role: null, name: '', rect: null };
  // puppeteer's BiDi ElementHandle.from(remoteValue, realm): a handle on the closed root.
  const Ctor = host.constructor as unknown as { from(v: unknown, realm: unknown): ElementHandle };
  const root = Ctor.from(shadowRef, host.realm);
  return root.evaluate(readRoot as unknown as (r: Element) => CardState);
}

export function readCard(browser: BrowserName, page: Page): Promise<CardState> {
  return browser === 'chromium' ? readChromium(page) : readFirefox(page);
}

/** Polls until the card satisfies `predicate`; returns its last state. */
export async function waitForCard(
  browser: BrowserName,
  page: Page,
  predicate: (c: CardState) => boolean,
  timeout = 10_000,
): Promise<CardState> {
  const end = Date.now() + timeout;
  let state = await readCard(browser, page);
  while (!predicate(state)) {
    if (Date.now() > end) throw new Error(`Card never reached the expected state; last: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
    state = await readCard(browser, page);
  }
  return state;
}

/**
 * Hovers `text` until its card opens: the name may not be found yet when the
 * pointer first arrives (detection runs after the page loads, and a small page
 * may still be read in two requests on a loaded machine), and a pointer that
 * came to rest before Podium started listening opens nothing until it moves again.
 */
export async function hoverUntilCard(name: BrowserName, page: Page, selector: string, text: string, shadow = false): Promise<CardState> {
  for (let attempt = 0; ; attempt++) {
    await hoverText(page, selector, text, shadow);
    try {
      return await waitForCard(name, page, (c) => c.open, 5_000);
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.mouse.move(5, 5);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
