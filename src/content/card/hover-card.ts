/**
 * The hover card's container: owns the `<podium-card>` host and its closed
 * shadow root, positions the card and handles Esc. Rendering is
 * {@link SpeakerCard}'s job.
 *
 * The root is closed and the host carries no data, so the page's scripts
 * cannot read the user's archive out of the card. This object lives in the
 * content script's isolated world, out of the page's reach, so it may keep
 * the root for unit tests.
 */
import { HOST_TAG } from './card-module';
import { type Box, placeCard } from './card-position';
import { important } from '../../shared/mark-styles';
import { CARD_CSS } from './card-styles';
import { SpeakerCard, type SpeakerCardProps } from './SpeakerCard';

// Inline and !important: page rules such as `* { display: block }` would otherwise reach the host.
const HOST_STYLE = important(
  'all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483647;display:block;visibility:visible;pointer-events:auto',
);

export type CardContent = Omit<SpeakerCardProps, 'onClose'>;

export class HoverCard {
  #host: HTMLElement | undefined;
  #root: ShadowRoot | undefined;
  #mount: HTMLElement | undefined;
  #returnFocus: HTMLElement | null = null;
  #shownFor: unknown;
  readonly #onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.isOpen) {
      e.stopPropagation();
      this.hide(true);
    }
  };

  /** Hears the card close, whichever way; `byUser` when the user closed it (Esc or its close button). */
  onHide?: (byUser: boolean) => void;

  readonly #doc: Document;

  constructor(doc: Document = document) {
    this.#doc = doc;
  }

  /**
   * Esc is heard on the window in the capture phase: the first stop of every
   * key event, so a page listener that stops propagation further down (even
   * on the document) cannot keep the card open.
   */
  get #keyTarget(): EventTarget {
    return this.#doc.defaultView ?? this.#doc;
  }

  get isOpen(): boolean {
    return this.#shownFor !== undefined;
  }

  /** The key the card is showing, as given to {@link show}. */
  get openFor(): unknown {
    return this.#shownFor;
  }

  /** True for events whose target is the card (events from inside a closed root are retargeted to the host). */
  isCard(target: EventTarget | null): boolean {
    return !!target && target === this.#host;
  }

  /** Creates the host now. Private mode does this up front, so inserting it later does not tell the page a name was hovered. */
  ensureHost(): void {
    if (!this.#host) {
      this.#host = this.#doc.createElement(HOST_TAG);
      this.#host.setAttribute('style', HOST_STYLE);
      this.#root = this.#host.attachShadow({ mode: 'closed' });
      const style = this.#doc.createElement('style');
      style.textContent = CARD_CSS;
      this.#mount = this.#doc.createElement('div');
      this.#root.append(style, this.#mount);
    }
    // The page may have removed it (or replaced <body>); put it back.
    if (!this.#host.isConnected) this.#doc.documentElement.append(this.#host);
  }

  /**
   * Renders the card next to `anchor` (the name's box in viewport pixels).
   * @param key - what the card is for (the found name), reported by {@link openFor}
   * @param focus - move keyboard focus into the card (keyboard navigation); Esc gives it back
   */
  show(key: unknown, anchor: Box, content: CardContent, focus = false): void {
    // Read before re-rendering: replacing a focused card moves focus to <body>.
    const active = this.#doc.activeElement as HTMLElement | null;
    this.ensureHost();
    const mount = this.#mount!;
    const card = SpeakerCard({ ...content, onClose: () => this.hide(true) });
    mount.replaceChildren(card);
    const view = this.#doc.defaultView;
    const size = card.getBoundingClientRect();
    const at = placeCard(anchor, size, { width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 });
    card.style.left = `${at.left}px`;
    card.style.top = `${at.top}px`;
    if (at.maxHeight !== undefined) card.style.maxHeight = `${at.maxHeight}px`;
    if (!this.isOpen) this.#keyTarget.addEventListener('keydown', this.#onKey as EventListener, true);
    this.#shownFor = key;
    if (focus) {
      if (!this.isCard(active)) this.#returnFocus = active;
      card.focus();
    }
  }

  /** @param byUser - the user closed it (Esc, the close button), as opposed to the pointer leaving or the page scrolling */
  hide(byUser = false): void {
    if (!this.isOpen) return;
    this.#shownFor = undefined;
    this.#keyTarget.removeEventListener('keydown', this.#onKey as EventListener, true);
    this.#mount?.replaceChildren();
    const back = this.#returnFocus;
    this.#returnFocus = null;
    back?.focus?.();
    this.onHide?.(byUser);
  }

  destroy(): void {
    this.hide();
    this.#host?.remove();
    this.#host = this.#root = this.#mount = undefined;
  }
}
