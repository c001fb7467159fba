/** Moving the real pointer onto text, as a user reaching for a name. */
import type { Page } from 'puppeteer-core';

/**
 * Moves the pointer onto the first occurrence of `text` inside `selector`
 * (inside its open shadow root with `shadow`), arriving from above-left in
 * a few steps. Returns the point it rests on.
 */
export async function hoverText(page: Page, selector: string, text: string, shadow = false): Promise<{ x: number; y: number }> {
  const point = await page.$eval(
    selector,
    (el, t, inShadow) => {
      const root = inShadow ? el.shadowRoot! : el;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf(t as string);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + (t as string).length);
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
      throw new Error(`text not found: ${t}`);
    },
    text,
    shadow,
  );
  await page.mouse.move(point.x - 40, point.y - 60);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  return point;
}
