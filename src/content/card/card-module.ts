/**
 * What passes between the content script and the card's code. The card
 * (controller, container, rendering, styles: some 12 KB) is not part of the
 * script every listed page compiles at its start: the worker injects it
 * (card.js, entry card-entry.ts) into the page's isolated world when the user
 * first points at a page with found names, or asks for a name by keyboard,
 * and card.js leaves its entry point in that world's global under
 * {@link CARD_MODULE}, where the page's scripts cannot reach it.
 */
import type { ContentSettings } from '../../shared/content-settings';
import type { SpeakerWithTalks } from '../../shared/types';
import type { FoundNames } from '../detect/found-names';

export const HOST_TAG = 'podium-card';
export const CARD_MODULE = '__podiumCard';

/** Where the pointer is: viewport position and the deepest element under it (a closed root's, like our card's, stays the host). */
export interface Pointer {
  x: number;
  y: number;
  target: Element | null;
}

export interface CardOptions {
  found: FoundNames;
  settings: () => ContentSettings;
  /** The archive's records for these speakers (missing ones left out). */
  loadPeople: (ids: string[]) => Promise<SpeakerWithTalks[]>;
  openSpeaker: (id: string) => void;
  /** Paints the keyboard-focused name; the content script owns the page's highlights. */
  paintFocus: (ranges: AbstractRange[]) => void;
}

/** The started card, as the content script sees it (HoverCard and HoverController in card.js). */
export interface PageCard {
  card: { readonly isOpen: boolean; readonly openFor: unknown; ensureHost(): void };
  controller: { pointAt(p: Pointer): void; focusNext(direction: 'next' | 'previous'): void };
  stop(): void;
}

export interface CardModule {
  createCard(doc: Document, o: CardOptions): PageCard;
}
