/**
 * What the scan never reads: scripts, form fields, embedded objects, hidden
 * or editable regions, Podium's own card. Checked cheaply per scan root
 * ({@link skipCheck}) and per found name ({@link inSkippedElement}), never per
 * text node of the page.
 */

/** Elements whose text is never a name on the page. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'iframe',
  'object', 'embed', 'canvas', 'video', 'audio', 'head', 'title', 'podium-card',
]);

/** True when nothing inside `el` should be scanned: scripts, form fields, editable or hidden regions, Podium's own UI. */
export function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName) || el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/**
 * Skipped elements that can hold other elements (fallback content, option
 * lists, hidden or editable regions), as a selector for `closest()`; the
 * other skipped tags hold only text, so only a text node's own parent is
 * ever one of them. A short list: `closest()` runs once per found name.
 * (`contenteditable="false"` is told apart after.)
 */
const SKIPPED_REGIONS = '[hidden],[contenteditable],object,video,audio,canvas,select,podium-card';

/**
 * Whether a scan root lies in a skipped region, for one round of a drain:
 * design mode is read once, and sibling roots (a mutation batch inserts
 * them side by side) share their parent's answer.
 */
export function skipCheck(): (root: Node) => boolean {
  const designMode = new Map<Document, boolean>();
  const parents = new Map<Element, boolean>();
  return (root) => {
    const doc = root.ownerDocument ?? (root as Document);
    let design = designMode.get(doc);
    if (design === undefined) designMode.set(doc, (design = doc.designMode === 'on'));
    if (design) return true;
    if (root.nodeType !== 1) return false;
    if (isSkipped(root as Element)) return true;
    const p = root.parentElement;
    if (!p) return false;
    let v = parents.get(p);
    if (v === undefined) parents.set(p, (v = inSkippedElement(p)));
    return v;
  };
}

/** True when `el` or an ancestor (within its tree) is skipped; design mode is the caller's to check. */
export function inSkippedElement(start: Element | null): boolean {
  if (!start) return false;
  if (SKIP_TAGS.has(start.localName)) return true;
  let el: Element | null | undefined = start.closest(SKIPPED_REGIONS);
  // contenteditable="false" matched the selector but skips nothing: look above it.
  while (el && !isSkipped(el)) el = el.parentElement?.closest(SKIPPED_REGIONS);
  return !!el;
}

/** True when a text node's parent is an element whose text is never a name (script, style…). */
export function isSkippedText(n: Text): boolean {
  const p = n.parentNode;
  return !!p && p.nodeType === 1 && SKIP_TAGS.has((p as Element).localName);
}
