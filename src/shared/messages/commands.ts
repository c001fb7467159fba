/** The commands area's part of the message map (index.ts composes the areas). */

/** Opening Podium from a page (src/background/commands). */
export interface CommandCalls {
  /** Opens Podium's archive view at this speaker (from the hover card's button). */
  openSpeaker: { params: { id: string }; result: null };
}
