/**
 * Whether a talk's title appears on the page near a found name, so the card
 * can mark "the talk on this page". Looks at the name's surroundings (the
 * largest enclosing block under ~50,000 characters) and the document title,
 * never the whole of a very large page.
 */

const LIMIT = 50_000;

/** Case, diacritics and punctuation folded; words joined by single spaces. */
export const foldForSearch = (s: string): string =>
  ` ${s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** The folded text around `node`. */
export function surroundingText(node: Node): string {
  let best: Node = node;
  // Up through shadow roots to their hosts; a document's own textContent is null, so stop below it.
  for (let el = node.parentNode; el && el.nodeType !== 9; el = el.parentNode ?? (el as ShadowRoot).host ?? null) {
    if ((el.textContent ?? '').length > LIMIT) break;
    best = el;
  }
  // textContent runs blocks together ("…the Hood" + "by" = "Hoodby"); join text nodes with a space instead.
  const parts = [node.ownerDocument?.title ?? ''];
  const walker = (node.ownerDocument ?? document).createTreeWalker(best, 0x4 /* SHOW_TEXT */);
  for (let t = walker.currentNode; t; t = walker.nextNode()!) if (t.nodeType === 3) parts.push((t as Text).data);
  return foldForSearch(parts.join(' '));
}

/** True when `title` (at least two words, to avoid "Keynote" matching everywhere) occurs in `folded`. */
export function titleIn(folded: string, title: string): boolean {
  const t = foldForSearch(title);
  return t.trim().includes(' ') && folded.includes(t);
}
