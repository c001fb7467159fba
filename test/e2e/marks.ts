/** Reading Podium's marks from a page, as the page's own scripts could (see README: privacy of the marks). */
import type { Page } from 'puppeteer-core';

/** Podium's marks are static ranges: a page script reads one's text or boxes through a live Range of its own. */
type Registry = { get(name: string): Set<AbstractRange> | undefined };

/** Texts of the ranges Podium marked, in document order as registered. */
export function markedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = (CSS as unknown as { highlights?: Registry }).highlights?.get('podium-speaker');
    const live = (r: AbstractRange) => { const l = new Range(); l.setStart(r.startContainer, r.startOffset); l.setEnd(r.endContainer, r.endOffset); return l; };
    return h ? [...h].map((r) => live(r).toString().replace(/\s+/g, ' ')) : [];
  });
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
  await page.waitForFunction(
    (t: string) => {
      const live = (r: AbstractRange) => { const l = new Range(); l.setStart(r.startContainer, r.startOffset); l.setEnd(r.endContainer, r.endOffset); return l; };
      return [...((CSS as unknown as { highlights?: Registry }).highlights?.get('podium-speaker') ?? [])].some((r) => live(r).toString().replace(/\s+/g, ' ').includes(t));
    },
    { polling: 100, timeout },
    text,
  );
}
