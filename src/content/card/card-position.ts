/** Where the hover card goes: next to the name, never over it, inside the viewport. */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Set when neither side has room for the whole card: it scrolls inside this height. */
  maxHeight?: number;
  side: 'below' | 'above';
}

/** Gap between the name and the card, and between the card and the viewport's edge (CSS px). */
export const GAP = 6;
export const MARGIN = 8;

/**
 * Below the name if the card fits there, else above, else on the roomier
 * side with a capped height. Horizontally aligned with the name, clamped to
 * the viewport.
 */
export function placeCard(anchor: Box, size: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const below = viewport.height - anchor.bottom - GAP - MARGIN;
  const above = anchor.top - GAP - MARGIN;
  const maxLeft = viewport.width - size.width - MARGIN;
  const left = Math.max(MARGIN, Math.min(anchor.left, maxLeft));
  if (size.height <= below) return { left, top: anchor.bottom + GAP, side: 'below' };
  if (size.height <= above) return { left, top: anchor.top - GAP - size.height, side: 'above' };
  if (below >= above) return { left, top: anchor.bottom + GAP, maxHeight: Math.max(0, below), side: 'below' };
  const h = Math.max(0, above);
  return { left, top: anchor.top - GAP - h, maxHeight: h, side: 'above' };
}
