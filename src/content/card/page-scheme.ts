/** Whether the page around a name is light or dark, so the card matches it. */

export type Scheme = 'light' | 'dark';

/** Parses `rgb()`/`rgba()` as computed styles report them. */
export function parseColor(css: string): [number, number, number, number] | undefined {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)/.exec(css);
  if (!m) return undefined;
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

/** WCAG relative luminance of an sRGB colour (0 black … 1 white). */
export function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * The first opaque background behind `el` decides; a page with none
 * paints the browser's canvas, which follows `prefers-color-scheme`.
 */
export function pageScheme(el: Element | null, win: Window): Scheme {
  // Climb out of shadow roots through their hosts.
  for (let e = el; e; e = e.parentElement ?? ((e.parentNode as ShadowRoot | null)?.host ?? null)) {
    const c = parseColor(win.getComputedStyle(e).backgroundColor);
    if (c && c[3] >= 0.5) return luminance(c[0], c[1], c[2]) < 0.2 ? 'dark' : 'light';
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
