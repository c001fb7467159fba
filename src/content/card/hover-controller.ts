/**
 * Pointer and keyboard behaviour of the card: an intent delay before it
 * opens, a grace period to move onto it, Esc (in {@link HoverCard}), and
 * keyboard navigation through the found names. Pointer moves (heard by the
 * content script, which passes them to {@link pointAt}) are sampled once per
 * animation frame.
 */
import type { SpeakerWithTalks } from '../../shared/types';
import type { FoundName } from '../detect/found-names';
import type { CardOptions, Pointer } from './card-module';
import { hitTest, rectsOf } from './hit-test';
import type { HoverCard } from './hover-card';
import { pageScheme } from './page-scheme';
import { surroundingText, titleIn } from './page-titles';

/** Time to move the pointer from the name onto the card before it closes. */
export const GRACE_MS = 300;

export interface HoverControllerOptions extends CardOptions {
  win: Window;
  card: HoverCard;
}

export class HoverController {
  readonly #win: Window;
  #pointer: Pointer | undefined;
  #frame = 0;
  #intent: ReturnType<typeof setTimeout> | undefined;
  #grace: ReturnType<typeof setTimeout> | undefined;
  /** The name the pointer (or keyboard focus) is on. */
  #current: FoundName | undefined;
  #byKeyboard = false;
  /** Counts the user's closes (Esc, ×): an open still waiting for its records when the user closed the card is dropped. */
  #closes = 0;
  readonly #people = new Map<string, Promise<SpeakerWithTalks[]>>();
  readonly #unsubscribe: () => void;
  readonly #o: HoverControllerOptions;

  constructor(o: HoverControllerOptions) {
    this.#o = o;
    this.#win = o.win;
    this.#win.addEventListener('scroll', this.#onScroll, { capture: true, passive: true });
    o.card.onHide = (byUser) => this.#cardHidden(byUser);
    this.#unsubscribe = o.found.onChange((added, removed) => {
      if (removed.includes(o.card.openFor as FoundName)) o.card.hide();
      if (this.#current && removed.includes(this.#current)) this.#current = undefined;
      // A name found (or rendered) under a pointer that rests there: its card opens without a move.
      const target = this.#pointer?.target;
      if (target && !this.#current && o.found.at(target).some((f) => added.includes(f))) this.#schedule();
    });
  }

  stop(): void {
    this.#win.removeEventListener('scroll', this.#onScroll, { capture: true });
    this.#win.cancelAnimationFrame(this.#frame);
    clearTimeout(this.#intent);
    clearTimeout(this.#grace);
    this.#unsubscribe();
  }

  /** The card closed: keyboard mode and the focused name's paint end with it. */
  #cardHidden(byUser: boolean): void {
    if (byUser) this.#closes++;
    this.#byKeyboard = false;
    this.#o.paintFocus([]);
  }

  /** The pointer moved to `p`. */
  pointAt(p: Pointer): void {
    this.#pointer = p;
    this.#schedule();
  }

  #schedule(): void {
    if (!this.#frame) this.#frame = this.#win.requestAnimationFrame(() => this.sample());
  }

  readonly #onScroll = (): void => {
    if (this.#o.card.isOpen && !this.#byKeyboard) this.#o.card.hide();
  };

  /** One pointer sample: which name (if any) is under it, and what the card should do. */
  sample(): void {
    this.#frame = 0;
    const p = this.#pointer;
    if (!p) return;
    const { card } = this.#o;
    if (card.isCard(p.target)) {
      clearTimeout(this.#grace);
      this.#grace = undefined;
      return;
    }
    const hit = hitTest(this.#o.found, p.target, p.x, p.y);
    if (hit?.found === this.#current && hit) {
      clearTimeout(this.#grace);
      this.#grace = undefined;
      return;
    }
    clearTimeout(this.#intent);
    this.#current = hit?.found;
    if (hit) {
      void this.#load(hit.found); // fetch while the intent delay runs, so the card paints at once
      this.#intent = setTimeout(() => void this.open(hit.found, hit.rect, false), this.#o.settings().intentDelayMs);
    } else if (card.isOpen && !this.#byKeyboard && this.#grace === undefined) {
      this.#grace = setTimeout(() => {
        this.#grace = undefined;
        card.hide();
      }, GRACE_MS);
    }
  }

  #load(f: FoundName): Promise<SpeakerWithTalks[]> {
    const key = f.speakers.map((s) => s.id).join(' ');
    let p = this.#people.get(key);
    if (!p) {
      p = this.#o.loadPeople(f.speakers.map((s) => s.id)).catch(() => []);
      this.#people.set(key, p);
    }
    return p;
  }

  /** Opens the card for `f`, anchored at `rect`. */
  async open(f: FoundName, rect: DOMRect, byKeyboard: boolean): Promise<void> {
    const closes = this.#closes;
    const people = await this.#load(f);
    // The pointer moved on meanwhile, or the user closed the card this one was to replace
    // (a card hidden by a scroll or by the pointer leaving is replaced as asked).
    if (this.#current !== f || closes !== this.#closes || !people.length) return;
    clearTimeout(this.#grace);
    this.#grace = undefined;
    const first = f.nodes[0]!;
    let text: string | undefined;
    this.#byKeyboard = byKeyboard;
    this.#o.card.show(
      f,
      rect,
      {
        pageName: f.name,
        people,
        isOnPage: (t) => titleIn((text ??= surroundingText(first)), t.title),
        scheme: pageScheme(first.parentElement, this.#win),
        onOpen: (id) => this.#o.openSpeaker(id),
      },
      byKeyboard,
    );
  }

  /** Moves to the next (or previous) visible found name, scrolls it into view and opens its card. */
  focusNext(direction: 'next' | 'previous'): void {
    const visible = this.#o.found.all().filter((f) => rectsOf(f.range).length);
    if (!visible.length) return;
    const at = this.#current ? visible.indexOf(this.#current) : -1;
    const step = direction === 'next' ? 1 : -1;
    const f = visible[at < 0 ? (step > 0 ? 0 : visible.length - 1) : (at + step + visible.length) % visible.length]!;
    f.nodes[0]?.parentElement?.scrollIntoView?.({ block: 'center', inline: 'nearest' });
    if (!this.#o.settings().privacy) this.#o.paintFocus([f.range]);
    clearTimeout(this.#intent);
    this.#current = f;
    // In view and laid out: it had line boxes a moment ago (`visible`).
    void this.open(f, rectsOf(f.range)[0]!, true);
  }
}
