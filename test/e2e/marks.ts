/** Reading Podium's marks from a page, as the page's own scripts could (see README: privacy of the marks). */
import type { Page } from 'puppeteer-core';

/** Podium's marks are static ranges: a page script reads one's text or boxes through a live Range of its own. */
type Registry = { get(name: string): Set<AbstractRange> | undefined };

/** Texts of the ranges Podium marked, in document order as registered; `fold`: each run of whitespace read as one space. */
export function markedTexts(page: Page, fold = true): Promise<string[]> {
  return page.evaluate((f: boolean) => {
    const h = (CSS as unknown as { highlights?: Registry }).highlights?.get('podium-speaker');
    const live = (r: AbstractRange) => { const l = new Range(); l.setStart(r.startContainer, r.startOffset); l.setEnd(r.endContainer, r.endOffset); return l; };
    return h ? [...h].map((r) => (f ? live(r).toString().replace(/\s+/g, ' ') : live(r).toString())) : [];
  }, fold);
}

/** Reads `read()` every `polling` ms until `ok` holds of it, and returns it; throws after `timeout`. */
export async function pollUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 15_000, polling = 100): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`Waiting failed: ${timeout} ms exceeded (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, polling));
  }
}

/** Waits until at least `min` names are marked; returns their texts. */
export async function waitForMarks(page: Page, min = 1, timeout = 15_000): Promise<string[]> {
  await page.waitForFunction(
    (n: number) => ((CSS as unknown as { highlights?: Registry }).highlights?.get('podium-speaker')?.size ?? 0) >= n,
    { polling: 100, timeout },
    min,
  );
  return markedTexts(page);
}

/** Waits until some mark's text (spaces folded) includes `text`: that name is found on the page. */
export async function waitForMarkOf(page: Page, text: string, timeout = 15_000): Promise<void> {
  await pollUntil(() => markedTexts(page), (texts) => texts.some((t) => t.includes(text)), timeout);
}
