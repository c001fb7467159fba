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

/** One live range, moved from name to name to measure them (a name's own range is static: name-ranges.ts). */
let probe: Range | undefined;

/** The line boxes of `r` as laid out now; none when its text changed under it (until its line is rescanned). */
export function rectsOf(r: AbstractRange): ArrayLike<DOMRect> {
  try {
    probe ??= document.createRange();
    probe.setStart(r.startContainer, r.startOffset);
    probe.setEnd(r.endContainer, r.endOffset);
    return probe.getClientRects();
  } catch {
    // Also where there is no layout to ask (jsdom).
    return [];
  }
}

/** The found name at (`x`, `y`) whose text sits directly in `target`, if any. */
export function hitTest(found: FoundNames, target: Element | null, x: number, y: number): Hit | undefined {
  if (!target) return undefined;
  for (const f of found.at(target)) {
    for (const rect of Array.from(rectsOf(f.range))) {
      if (x >= rect.left - SLOP && x <= rect.right + SLOP && y >= rect.top - SLOP && y <= rect.bottom + SLOP) {
        return { found: f, rect };
      }
    }
  }
  return undefined;
}
