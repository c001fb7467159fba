/** The commands area's part of the message map (index.ts composes the areas). */

/** Opening Podium from a page, and the card's code for it (src/background/commands). */
export interface CommandCalls {
  /** Opens Podium's archive view at this speaker (from the hover card's button). */
  openSpeaker: { params: { id: string }; result: null };
  /** Injects the card's code (card.js) into the asking page, which loads it when first needed (src/content/card/card-module.ts). */
  loadCard: { params: Record<string, never>; result: null };
}
