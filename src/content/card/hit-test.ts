/**
 * Which found name is under the pointer. Highlights receive no events, so
 * the pointer's own target element narrows the search to the few names
 * with text directly inside it, then their line boxes are checked.
 */
import type { FoundName, FoundNames } from '../detect/found-names';

export interface Hit {
  found: FoundName;
  /** The line box of the name under the pointer (a name can wrap onto two lines). */
  rect: DOMRect;
}

const SLOP = 1;

/** The found name at (`x`, `y`) whose text sits directly in `target`, if any. */
export function hitTest(found: FoundNames, target: Element | null, x: number, y: number): Hit | undefined {
  if (!target) return undefined;
  for (const f of found.at(target)) {
    const rects = f.range.getClientRects?.() ?? [];
    for (const rect of Array.from(rects)) {
      if (x >= rect.left - SLOP && x <= rect.right + SLOP && y >= rect.top - SLOP && y <= rect.bottom + SLOP) {
        return { found: f, rect };
      }
    }
  }
  return undefined;
}
