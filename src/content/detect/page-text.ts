/**
 * Collects a page's text for the worker to search, as cheaply as the DOM
 * allows: one TreeWalker over text nodes only, reading each node's data and
 * nothing else (touching a node's parent would wrap every parent element
 * too). Nodes are joined with a newline, a soft separator: a name may run
 * across nodes, as in `Rok <b>Papež</b>` or `Angelo<br>Failla`. Whether it
 * really does (both nodes on one line, no block between them) is checked
 * for the few names found ({@link sameLine}), not for every node; so are
 * regions skipped for an ancestor's attribute (scanner.ts).
 */

/** Elements whose text is never a name on the page. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'iframe',
  'object', 'embed', 'canvas', 'video', 'audio', 'head', 'title', 'podium-card',
]);

/** Elements that flow inside a line: text on either side joins into one line. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr', 'tspan',
]);

/** Joins text nodes in collected text: folds to a soft separator, so a name may span two nodes. */
export const NODE_JOIN = '\n';

/** Nodes carried from the end of one chunk into the next, so a name across the cut is still whole in one of them. */
const OVERLAP = 6;

/** Elements between two text nodes of one line that are looked at before giving up. */
const GAP_STEPS = 32;

/**
 * Text nodes at least this long get their parent looked at, so a large
 * inline script or style (JSON state of a web app) is never sent; shorter
 * ones are sent as they are, and a name found in one is dropped with the
 * other skipped regions (scanner.ts).
 */
const LONG_TEXT = 256;

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

export const isInline = (el: Element): boolean => INLINE_TAGS.has(el.localName);

/** The nearest ancestor that is not an inline element: text nodes with the same one can join into a line. */
export function lineRoot(node: Node): Node | null {
  let p = node.parentNode;
  while (p && p.nodeType === 1 && INLINE_TAGS.has((p as Element).localName)) p = p.parentNode;
  return p;
}

/** The node after `n` in document order (its children first, unless `n` is `from`, where the walk began). */
function nextInOrder(n: Node, from: Node): Node | null {
  let step: Node | null = n !== from ? n.firstChild : null;
  let at: Node | null = n;
  while (!step && at) {
    step = at.nextSibling;
    if (!step) at = at.parentNode;
  }
  return step;
}

/** True when nothing but inline elements (or `<br>`) lies between two text nodes, in document order. */
function onlyInlineBetween(prev: Node, next: Node): boolean {
  let n: Node | null = prev;
  for (let steps = 0; steps < GAP_STEPS; steps++) {
    n = nextInOrder(n, prev);
    if (!n) return false;
    if (n === next) return true;
    if (n.nodeType === 1 && !INLINE_TAGS.has((n as Element).localName)) return false;
  }
  return false;
}

/**
 * The text nodes from `first` to `last` in document order, both included
 * (the blank ones the walk passed over too); undefined when `last` is not
 * within reach, which never happens for the few nodes of one name.
 */
export function textNodesBetween(first: Text, last: Text): Text[] | undefined {
  const out: Text[] = [first];
  let n: Node | null = first;
  for (let steps = 0; n !== last; steps++) {
    if (steps > 4 * GAP_STEPS) return undefined;
    n = nextInOrder(n, first);
    if (!n) return undefined;
    if (n.nodeType === 3) out.push(n as Text);
  }
  return out;
}

/**
 * True when consecutive text nodes render as one line: the same nearest
 * non-inline ancestor, and only inline elements between them. A name that
 * spans them is written on the page as one name, not across two cells.
 */
export function sameLine(nodes: readonly Text[]): boolean {
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[i - 1]!;
    const b = nodes[i]!;
    if (a.nextSibling === b) continue;
    if (lineRoot(a) !== lineRoot(b) || !onlyInlineBetween(a, b)) return false;
  }
  return true;
}

/** Text collected from one or more subtrees, ready to send. */
export interface TextChunk {
  text: string;
  nodes: Text[];
  /** Offset of each node's first code unit in {@link text}. */
  starts: number[];
}

/**
 * Accumulates collected text across subtrees until it is sent. The walk only
 * appends to {@link nodes} and {@link parts} (the per-node path runs mostly
 * cold, so it does as little as it can); offsets are worked out when a chunk
 * is taken.
 */
export class ChunkBuilder {
  parts: string[] = [];
  nodes: Text[] = [];
  /** Characters so far (joining newlines not counted). */
  length = 0;

  push(node: Text, data: string): void {
    this.nodes.push(node);
    this.parts.push(data);
    this.length += data.length;
  }

  /**
   * The chunk so far. With `carry`, its last few nodes also start the next
   * chunk (the walk goes on after a pause: a name across the cut is whole in
   * the next one); the names found twice are the same ranges, added once.
   */
  take(carry = false): TextChunk | null {
    const { nodes, parts } = this;
    if (!nodes.length) return null;
    const starts = new Array<number>(parts.length);
    for (let i = 0, at = 0; i < parts.length; i++) {
      starts[i] = at;
      at += parts[i]!.length + 1;
    }
    const chunk = { text: parts.join(NODE_JOIN), nodes, starts };
    const keep = carry ? Math.min(OVERLAP, nodes.length) : 0;
    this.nodes = nodes.slice(nodes.length - keep);
    this.parts = parts.slice(parts.length - keep);
    this.length = 0;
    for (const d of this.parts) this.length += d.length;
    return chunk;
  }
}

/** Where an offset of a chunk falls in the DOM. `atEnd` prefers the end of a node to the start of the next. */
export function locate(chunk: TextChunk, offset: number, atEnd: boolean): { index: number; offset: number } {
  const { starts, nodes } = chunk;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (atEnd ? starts[mid]! < offset : starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { index: lo, offset: Math.max(0, Math.min(offset - starts[lo]!, nodes[lo]!.length)) };
}

/**
 * Empty elements, leaving out the tags that are empty by nature (icons,
 * images, cells): a widget's host (`<pretalx-schedule>`, a mount-point
 * `<div>`) has no light-DOM content, so it is among these. (A host with
 * light-DOM content of its own is not found this way.)
 */
const EMPTY_HOSTS = ':empty:not(span,i,img,br,input,hr,path,td,th,li,p,a,button,source,meta,link,col,wbr,option,use,script,style,svg,g,rect,circle,polygon,line,iframe,video,audio,canvas,textarea,select)';

/**
 * Open shadow roots of the empty elements under `scope`, and custom
 * elements without one yet (they may get one when their script loads). One
 * native query that wraps only what it returns; a walk over every element
 * would wrap them all.
 */
export function findHosts(scope: Node, onShadowRoot: (root: ShadowRoot) => void, onCustomElement?: (el: Element) => void): void {
  // An element inserted by the page may be a host itself (a widget added after load).
  if (scope.nodeType === 1) checkHost(scope as Element, onShadowRoot, onCustomElement);
  // Without a child element there is nothing to query (a mutation batch is mostly such leaves and small blocks).
  if (!(scope as Partial<ParentNode>).firstElementChild) return;
  // Most subtrees hold no such element: one query that stops at the first, and no list to build.
  if (!(scope as ParentNode).querySelector(EMPTY_HOSTS)) return;
  const els = (scope as ParentNode).querySelectorAll(EMPTY_HOSTS);
  for (let i = 0; i < els.length; i++) checkHost(els[i]!, onShadowRoot, onCustomElement);
}

/** Reports `el`'s open shadow root, or `el` itself if it is a custom element without one yet. */
function checkHost(el: Element, onShadowRoot: (root: ShadowRoot) => void, onCustomElement?: (el: Element) => void): void {
  const sr = el.shadowRoot;
  if (sr) onShadowRoot(sr);
  else if (onCustomElement && el.localName.includes('-')) onCustomElement(el);
}

/** True when a string is only ASCII whitespace (or empty). */
export function isBlank(d: string): boolean {
  for (let i = 0; i < d.length; i++) if (d.charCodeAt(i) > 32) return false;
  return true;
}

/** True when a text node's parent is an element whose text is never a name (script, style…). */
function isSkippedText(n: Text): boolean {
  const p = n.parentNode;
  return !!p && p.nodeType === 1 && SKIP_TAGS.has((p as Element).localName);
}

/** Walks one subtree's text nodes into a {@link ChunkBuilder}, a slice at a time. */
export class TextWalker {
  private readonly walker: TreeWalker | null;
  private pending: Text | null = null;
  /** The first text node past the walk's end, when it ends before its tree does. */
  private end: Node | null = null;
  done = false;
  /**
   * @param scope - an element, document, shadow root or text node; a document is walked from its body
   * @param skipped - whether the scope lies in a skipped region (design mode included): a {@link skipCheck}
   * @param until - a later sibling of the element `scope`: the walk covers both and what lies between
   *   (elements a page inserts side by side, walked as one; a skipped one among them is told apart with each name found)
   */
  constructor(scope: Node, skipped: (root: Node) => boolean, until?: Element) {
    const doc = scope.ownerDocument ?? (scope as Document);
    if (scope.nodeType === 3) {
      this.walker = null;
      this.pending = scope as Text;
      return;
    }
    const root = scope.nodeType === 9 ? ((scope as Document).body ?? scope) : scope;
    if (skipped(root)) {
      this.walker = null;
      this.done = true;
      return;
    }
    const parent = until && scope.parentNode;
    if (!parent) {
      this.walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
      return;
    }
    // Siblings: walk their parent from `scope` on, up to the first text node after `until`.
    const after = doc.createTreeWalker(parent, 0x4);
    after.currentNode = until;
    this.end = after.nextSibling();
    this.walker = doc.createTreeWalker(parent, 0x4);
    this.walker.currentNode = scope;
  }

  /** The node the walk stands on (to check it is still in the page after a pause). */
  get position(): Node | null {
    return this.walker?.currentNode ?? this.pending;
  }

  /**
   * Appends text nodes to `out` until the walk ends, or until `stop()` says
   * so (asked every few nodes: reading the clock costs as much as a node).
   */
  collect(out: ChunkBuilder, stop: () => boolean): void {
    if (this.done) return;
    if (this.pending) {
      const n = this.pending;
      this.pending = null;
      const d = n.data;
      if (!isBlank(d) && (d.length < LONG_TEXT || !isSkippedText(n))) out.push(n, d);
    }
    const walker = this.walker;
    if (!walker) {
      this.done = true;
      return;
    }
    // The loop every text node of the page goes through: kept to the bare walk plus two appends.
    const { end } = this;
    const { nodes, parts } = out;
    let length = out.length;
    for (let count = 1; ; count++) {
      if ((count & 127) === 0) {
        out.length = length;
        if (stop()) return;
      }
      const n = walker.nextNode() as Text | null;
      if (n === null || n === end) {
        this.done = true;
        break;
      }
      const d = n.data;
      // Indentation between elements holds no name, and a newline joins nodes anyway.
      if (d.charCodeAt(0) <= 32 && isBlank(d)) continue;
      if (d.length >= LONG_TEXT && isSkippedText(n)) continue;
      nodes.push(n);
      parts.push(d);
      length += d.length;
    }
    out.length = length;
  }
}
