/**
 * How found names look: the `::highlight()` rules for Podium's highlights.
 * The worker declares them to the browser as content-script CSS (a file per
 * style, written at build time from these rules), so they are in place
 * before the page's first style pass; the content script adopts them itself
 * only where that CSS does not reach (open shadow roots, a live change of
 * the settings).
 */
import type { MarkStyle } from './content-settings';

/** Highlight names registered in `CSS.highlights`. */
export const MARK = 'podium-speaker';
export const FOCUS = 'podium-speaker-focus';

// A translucent amber reads on light and dark backgrounds alike. The tint has
// no underline: a decoration in a highlight makes Chromium's paint pass over
// the page 2.5x as long for every update of the marks (one bare update on a
// 1 MB schedule: 28-41 ms with the tint alone, 77-97 ms with a dotted
// underline too); the underline is the other style, for those who want it.
const MARK_RULES: Record<MarkStyle, string> = {
  tint: 'background-color:rgba(245,176,0,.26)',
  // The tint is cleared explicitly, so this rule wins over a tint file already applied to the page.
  underline: 'text-decoration:underline dotted rgba(190,120,0,.9);background-color:transparent',
};
const FOCUS_RULES = 'background-color:rgba(245,150,0,.55);text-decoration:underline solid rgba(190,90,0,1)';

/** Every declaration of `rules` made `!important`. */
export const important = (rules: string) => rules.replace(/;|$/g, ' !important;').replace(/;$/, '');

export interface MarkCssOptions {
  /** For a sheet the content script adopts over a page that already has the declared file of another style. */
  overriding?: boolean;
  /**
   * The rules on the root element only. Chromium gives a text the highlight
   * styles of its parent (highlight inheritance), and a universal
   * `::highlight()` rule costs every style pass of the page (+47% of style
   * recalc on a 1 MB schedule, measured with no highlight registered);
   * Firefox 153 does not inherit them, so its file keeps the universal rule.
   */
  rootOnly?: boolean;
}

/** The style sheet for one mark style. */
export function markCss(style: MarkStyle, { overriding = false, rootOnly = false }: MarkCssOptions = {}): string {
  const r = (rules: string) => (overriding ? important(rules) : rules);
  const on = rootOnly ? ':root' : '';
  return `${on}::highlight(${MARK}){${r(MARK_RULES[style])}}${on}::highlight(${FOCUS}){${r(FOCUS_RULES)}}`;
}

/** The declared content-script CSS file of each style, in the built extension. */
export const markCssFile = (style: MarkStyle): string => `marks-${style}.css`;
