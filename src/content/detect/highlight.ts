/**
 * Marks found names with the CSS Custom Highlight API: no element is added
 * around the text, so the page's layout and scripts are untouched. Where the
 * API is missing nothing is marked; the card still opens on hover because
 * hit-testing uses the ranges, not the marks.
 *
 * The `::highlight()` rules reach the document as content-script CSS the
 * worker declares (src/background/sites/mark-styles.ts), in place before the
 * page's first style pass: adopting a sheet into a loaded document makes the
 * browser recalculate the style of every element (hundreds of ms on a big
 * schedule). Open shadow roots, which that CSS does not reach, get the sheet
 * adopted into them (a recalc of that tree only).
 */

import type { MarkStyle } from '../../shared/content-settings';
import { markCss } from '../../shared/mark-styles';
import { nextTask } from '../../shared/next-task';
import { SLICE_MS, now, yieldToMain } from './schedule';

export { FOCUS, MARK } from '../../shared/mark-styles';

/**
 * When highlight updates happen while names keep arriving. Each update makes
 * Chromium re-validate every range of every highlight and walk the page's
 * layout tree to invalidate paint (with the tint, about 5 ms on an 80 KB
 * page and 30–40 ms on a 1 MB schedule, whatever the number of names that
 * changed; see shared/mark-styles.ts for the underline's cost), so a scan that
 * updated once per answer paid that many times over. An update waits until
 * a whole-page scan is done ({@link Painter.settle}: one update for an
 * ordinary page) or, for the page's later changes, until no name came for
 * {@link QUIET_MS}; and at most {@link MAX_WAIT_MS} after the first name it
 * holds (a long scan shows its names a second at a time).
 */
const QUIET_MS = 100;
const MAX_WAIT_MS = 1000;

let style: MarkStyle = 'tint';

interface HighlightLike {
  add(r: AbstractRange): unknown;
  delete(r: AbstractRange): unknown;
  clear(): void;
  priority: number;
}
type HighlightCtor = new (...ranges: AbstractRange[]) => HighlightLike;
interface Registry {
  set(name: string, h: HighlightLike): unknown;
  delete(name: string): unknown;
}

function api(): { Highlight: HighlightCtor; registry: Registry } | undefined {
  const g = globalThis as { Highlight?: HighlightCtor; CSS?: { highlights?: Registry } };
  return g.Highlight && g.CSS?.highlights ? { Highlight: g.Highlight, registry: g.CSS.highlights } : undefined;
}

let sheet: CSSStyleSheet | undefined;
/** Scopes this script adopted the sheet into. */
const styled = new WeakSet<Document | ShadowRoot>();
/** The document whose declared CSS holds the rules of {@link declaredAs}. */
let declared: Document | undefined;
let declaredAs: MarkStyle | undefined;
/** Fallback <style> elements, kept to restyle them when the setting changes. */
const styleElements = new Set<HTMLStyleElement>();

/** The rules this content script adopts: they override a declared file of the other style. */
const adoptedCss = () => markCss(style, { overriding: true });

/** Switches how marks look, everywhere this script styled them. */
export function setMarkStyle(next: MarkStyle): void {
  if (next === style) return;
  style = next;
  sheet?.replaceSync(adoptedCss());
  for (const el of styleElements) el.textContent = adoptedCss();
}

/** The document already has the rules of `current` (the browser injected the declared CSS at document start). */
export function declaredStyle(doc: Document, current: MarkStyle): void {
  style = current;
  declared = doc;
  declaredAs = current;
}

/** Puts the highlight styles into a tree scope once. ::highlight rules cannot change layout, so nothing shifts. */
export function styleScope(scope: Document | ShadowRoot): void {
  // The declared file of another style is overridden by an adopted sheet (a live change of the setting).
  if (styled.has(scope) || (scope === declared && declaredAs === style)) return;
  styled.add(scope);
  try {
    if (!sheet) {
      const made = new CSSStyleSheet();
      made.replaceSync(adoptedCss());
      sheet = made;
    }
    scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
  } catch {
    // Firefox refuses sheets constructed in a content script's compartment; a <style> works everywhere.
    const doc = scope.nodeType === 9 ? (scope as Document) : (scope.ownerDocument as Document);
    const el = doc.createElement('style');
    el.textContent = adoptedCss();
    styleElements.add(el);
    (scope.nodeType === 9 ? doc.head ?? doc.documentElement : scope).append(el);
  }
}

/**
 * One named highlight, created on first use. Additions and removals are
 * applied together, as few times as a scan allows (see {@link QUIET_MS}).
 */
export class Painter {
  private h: HighlightLike | undefined;
  private readonly adds = new Set<AbstractRange>();
  private readonly drops = new Set<AbstractRange>();
  /** When the oldest change not yet applied came. */
  private pendingSince: number | undefined;
  /** When the latest change came. */
  private lastChange = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The next task's flush, in a hidden page. */
  private soon: Promise<void> | undefined;
  /** True while a flush is between slices. */
  private flushing = false;
  /** A flush was asked for while one was between slices: changes it did not take wait for the next. */
  private again = false;

  constructor(
    private readonly name: string,
    private readonly priority = 0,
  ) {}

  private get highlight(): HighlightLike | undefined {
    if (!this.h) {
      const a = api();
      if (!a) return undefined;
      this.h = new a.Highlight();
      this.h.priority = this.priority;
      a.registry.set(this.name, this.h);
    }
    return this.h;
  }

  add(ranges: readonly AbstractRange[]): void {
    if (!ranges.length || !api()) return;
    for (const r of ranges) {
      this.drops.delete(r);
      this.adds.add(r);
    }
    this.schedule();
  }

  remove(ranges: readonly AbstractRange[]): void {
    if (!ranges.length) return;
    for (const r of ranges) if (!this.adds.delete(r) && this.h) this.drops.add(r);
    if (this.drops.size) this.schedule();
  }

  /** Shows exactly these ranges, now. */
  set(ranges: readonly AbstractRange[]): void {
    this.cancel();
    this.h?.clear();
    const h = ranges.length ? this.highlight : undefined;
    if (h) for (const r of ranges) h.add(r);
  }

  /** Unregisters the highlight, so nothing of it stays visible to the page. */
  destroy(): void {
    this.cancel();
    if (this.h) api()?.registry.delete(this.name);
    this.h = undefined;
  }

  private schedule(): void {
    // A timer, not an animation frame: a tab opened in the background still gets its marks, and its
    // renderer takes them in the frame that first shows it. One timer, looked at when it fires, not
    // one per change: a 1 MB page's answers made clearing and setting timers some 5 ms of its scan.
    this.lastChange = performance.now();
    this.pendingSince ??= this.lastChange;
    if (globalThis.document?.visibilityState === 'hidden') {
      // A hidden page renders no frame, so updates there cost no paint; and its timers are clamped to
      // a second or more (a background tab). Applied in the next task, the marks are there when it is shown.
      this.soon ??= nextTask().then(() => {
        this.soon = undefined;
        void this.flush();
      });
      return;
    }
    this.timer ??= setTimeout(this.due, QUIET_MS);
  }

  /** Applies the changes once names stopped coming, or held long enough; else waits the rest. */
  private readonly due = (): void => {
    const t = performance.now();
    const at = Math.min(this.lastChange + QUIET_MS, this.pendingSince! + MAX_WAIT_MS);
    if (t < at) {
      this.timer = setTimeout(this.due, at - t);
      return;
    }
    this.settle();
  };

  /** Applies the changes now: no more are coming for a while (a scan is done). */
  settle(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.flush();
  }

  /** Drops the changes not applied yet (settling with none left applies nothing). */
  private cancel(): void {
    this.adds.clear();
    this.drops.clear();
    this.settle();
  }

  /**
   * Applies the changes in slices: Firefox spends some 15 µs on each range
   * added (25 ms for a 1 MB schedule's 1,500 names), Chromium under 1 µs (so
   * it still renders the update once). Changes made meanwhile join the slices
   * still to come; a removal of a range already applied waits for the next flush.
   */
  private async flush(): Promise<void> {
    this.pendingSince = undefined;
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    let deadline = now() + SLICE_MS;
    try {
      for (const [changes, adding] of [
        [this.drops, false],
        [this.adds, true],
      ] as const) {
        for (const r of changes) {
          changes.delete(r);
          if (adding) this.highlight?.add(r);
          else this.h?.delete(r);
          if (now() > deadline) {
            await yieldToMain();
            deadline = now() + SLICE_MS;
          }
        }
      }
    } finally {
      this.flushing = false;
      if (this.again) {
        this.again = false;
        if (this.adds.size || this.drops.size) this.schedule();
      }
    }
  }
}
