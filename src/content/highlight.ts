/**
 * Marks found names with the CSS Custom Highlight API: no element is added
 * around the text, so the page's layout and scripts are untouched. Where the
 * API is missing nothing is marked; the card still opens on hover because
 * hit-testing uses the ranges, not the marks.
 *
 * The `::highlight()` rule must live in each tree the text lives in (the
 * document, and every open shadow root with a found name).
 */

import type { MarkStyle } from '../shared/content-settings';

/** Highlight names registered in `CSS.highlights`. */
export const MARK = 'podium-speaker';
export const FOCUS = 'podium-speaker-focus';

// A translucent amber reads on light and dark backgrounds alike; the dotted
// underline keeps the mark visible where a page's own background is amber.
const FOCUS_CSS = `::highlight(${FOCUS}){background-color:rgba(245,150,0,.55);text-decoration:underline solid rgba(190,90,0,1)}`;
const MARK_CSS: Record<MarkStyle, string> = {
  tint: `::highlight(${MARK}){background-color:rgba(245,176,0,.22);text-decoration:underline dotted rgba(190,120,0,.9)}`,
  underline: `::highlight(${MARK}){text-decoration:underline dotted rgba(190,120,0,.9)}`,
};
let cssText = MARK_CSS.tint + FOCUS_CSS;

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

/** True where the CSS Custom Highlight API exists (Chromium 105+, Safari 17.2+, Firefox 140+). */
export const highlightsSupported = (): boolean => !!api();

let sheet: CSSStyleSheet | undefined;
const styled = new WeakSet<Document | ShadowRoot>();
/** Fallback <style> elements, kept to restyle them when the setting changes. */
const styleElements = new Set<HTMLStyleElement>();

/** Switches how marks look, everywhere they were styled. */
export function setMarkStyle(style: MarkStyle): void {
  const next = MARK_CSS[style] + FOCUS_CSS;
  if (next === cssText) return;
  cssText = next;
  sheet?.replaceSync(cssText);
  for (const el of styleElements) el.textContent = cssText;
}

/** Puts the highlight styles into a tree scope once. ::highlight rules cannot change layout, so nothing shifts. */
export function styleScope(scope: Document | ShadowRoot): void {
  if (styled.has(scope)) return;
  styled.add(scope);
  try {
    if (!sheet) {
      const made = new CSSStyleSheet();
      made.replaceSync(cssText);
      sheet = made;
    }
    scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
  } catch {
    // Firefox refuses sheets constructed in a content script's compartment; a <style> works everywhere.
    const doc = scope.nodeType === 9 ? (scope as Document) : (scope.ownerDocument as Document);
    const style = doc.createElement('style');
    style.textContent = cssText;
    styleElements.add(style);
    (scope.nodeType === 9 ? doc.head ?? doc.documentElement : scope).append(style);
  }
}

/** One named highlight, created on first use. */
export class Painter {
  private h: HighlightLike | undefined;

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

  add(ranges: readonly Range[]): void {
    const h = ranges.length ? this.highlight : undefined;
    if (h) for (const r of ranges) h.add(r);
  }

  remove(ranges: readonly Range[]): void {
    if (this.h) for (const r of ranges) this.h.delete(r);
  }

  /** Shows exactly these ranges. */
  set(ranges: readonly Range[]): void {
    this.h?.clear();
    this.add(ranges);
  }

  /** Unregisters the highlight, so nothing of it stays visible to the page. */
  destroy(): void {
    if (this.h) api()?.registry.delete(this.name);
    this.h = undefined;
  }
}
