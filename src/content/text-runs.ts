/**
 * Collects a page's visible text as runs: consecutive text nodes that render
 * as one line of words (joined by inline elements such as `<a>`, `<b>`,
 * `<span>`), so a name split as `Rok <b>Papež</b>` is one string while a name
 * split across table cells or blocks is not. Offsets inside a run map back to
 * (text node, offset), which is all a DOM range needs.
 *
 * One TreeWalker without an `acceptNode` callback (a callback makes the walk
 * 2–4× slower); skipped subtrees are stepped over by hand.
 */

/** Elements whose text is never a name on the page. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'iframe',
  'object', 'embed', 'canvas', 'video', 'audio', 'head', 'title', 'podium-card',
]);

/** Elements that flow inside a line: text on either side joins into one run. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr', 'tspan',
]);

/** True when nothing inside `el` should be scanned: scripts, form fields, editable or hidden regions, Podium's own UI. */
export function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName) || el.hasAttribute('hidden')) return true;
  return isEditable(el);
}

function isEditable(el: Element): boolean {
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** Attributes that make an element skipped, found by one native query instead of two attribute reads per element (tags are checked as the walk meets them). */
const SKIP_ATTRS = '[hidden],[contenteditable]';

/**
 * The outermost elements under `scope` skipped for their attributes, in document order. The walk
 * meets them in that order, so one pointer comparison per element finds them
 * (a `Set` of elements costs an identity hash per lookup).
 */
function skippedElements(scope: Node): Element[] {
  const q = (scope as Partial<ParentNode>).querySelectorAll;
  if (typeof q !== 'function') return [];
  const out: Element[] = [];
  let last: Element | undefined;
  for (const el of Array.from((scope as ParentNode).querySelectorAll(SKIP_ATTRS))) {
    if (last?.contains(el) || !isSkipped(el)) continue;
    out.push(el);
    last = el;
  }
  return out;
}

/** True when `node` or an ancestor (within its tree) is skipped, or the document is in design mode. */
export function isInsideSkipped(node: Node): boolean {
  const doc = node.ownerDocument;
  if (doc && doc.designMode === 'on') return true;
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el)) return true;
  }
  return false;
}

export const isInline = (el: Element): boolean => INLINE_TAGS.has(el.localName);

/** The nearest ancestor that is not an inline element: text nodes with the same one can join into a run. */
export function lineRoot(node: Node): Node | null {
  let p = node.parentNode;
  while (p && p.nodeType === 1 && INLINE_TAGS.has((p as Element).localName)) p = p.parentNode;
  return p;
}

export interface TextRun {
  /** The run's text: its nodes' data, with a newline for each `<br>` between them. */
  text: string;
  nodes: Text[];
  /** Offset of each node's first code unit in `text`. */
  offsets: number[];
}

/** Where an offset of a run falls in the DOM. `atEnd` prefers the end of a node to the start of the next. */
export function locate(run: TextRun, offset: number, atEnd: boolean): { node: Text; offset: number } {
  const { offsets, nodes } = run;
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (atEnd ? offsets[mid]! < offset : offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo]!;
  return { node, offset: Math.max(0, Math.min(offset - offsets[lo]!, node.length)) };
}

/** Walks a subtree run by run, so a caller can stop between runs when its time slice ends. */
export class RunWalker {
  private readonly walker: TreeWalker;
  private pending: Node | null = null;
  private done = false;
  private text = '';
  private nodes: Text[] = [];
  private offsets: number[] = [];
  private root: Node | null = null;
  private lastParent: Node | null = null;
  private lastRoot: Node | null = null;
  /** Outermost skipped elements in document order, and the index of the next one the walk will meet. */
  private readonly skips: Element[];
  private nextSkip = 0;

  /**
   * @param scope - an element, document or shadow root
   * @param onShadowRoot - called for each open shadow root met (its content is a separate tree to scan)
   * @param onCustomElement - called for custom elements with no shadow root yet (one may be attached later)
   */
  constructor(
    scope: Node,
    private readonly onShadowRoot: (root: ShadowRoot) => void,
    private readonly onCustomElement?: (el: Element) => void,
  ) {
    const doc = scope.ownerDocument ?? (scope as Document);
    this.walker = doc.createTreeWalker(scope, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
    this.skips = skippedElements(scope);
    if (scope.nodeType === 1) {
      if (isInsideSkipped(scope)) this.done = true;
      else this.visitElement(scope as Element);
    } else if (scope.nodeType === 3) {
      this.done = isInsideSkipped(scope);
      this.pending = this.done ? null : scope;
    }
  }

  private visitElement(el: Element, tag = el.localName): void {
    const sr = el.shadowRoot;
    if (sr) this.onShadowRoot(sr);
    else if (this.onCustomElement && tag.includes('-')) this.onCustomElement(el);
  }

  /**
   * After a pause the page may have moved or removed skipped elements the
   * walk has not reached: drop those no longer ahead of it, so the pointer
   * comparison keeps working. A handful of checks per slice, none per node.
   */
  resync(): void {
    if (this.nextSkip >= this.skips.length) return;
    const at = this.pending ?? this.walker.currentNode;
    while (this.nextSkip < this.skips.length) {
      const el = this.skips[this.nextSkip]!;
      if (el.isConnected && at.compareDocumentPosition(el) & 0x4 /* FOLLOWING */) break;
      this.nextSkip++;
    }
  }

  /** The line root of a text node's parent: the nearest ancestor that is not an inline element. */
  private rootOf(parent: Node | null): Node | null {
    let p = parent;
    while (p && p.nodeType === 1 && INLINE_TAGS.has((p as Element).localName)) p = p.parentNode;
    return p;
  }

  private advance(): Node | null {
    if (this.pending) {
      const n = this.pending;
      this.pending = null;
      return n;
    }
    return this.done ? null : this.walker.nextNode();
  }

  /** Moves past the current element's subtree. */
  private skipSubtree(): void {
    const w = this.walker;
    for (;;) {
      if (w.nextSibling()) {
        this.pending = w.currentNode;
        return;
      }
      if (!w.parentNode()) {
        this.done = true;
        return;
      }
    }
  }

  private flush(): TextRun | null {
    if (!this.nodes.length) return null;
    const run = { text: this.text, nodes: this.nodes, offsets: this.offsets };
    this.text = '';
    this.nodes = [];
    this.offsets = [];
    this.root = null;
    return run;
  }

  /** The next run, or null when the subtree is done. */
  next(): TextRun | null {
    for (;;) {
      const node = this.advance();
      if (!node) {
        this.done = true;
        return this.flush();
      }
      if (node.nodeType === 3) {
        const t = node as Text;
        const parent = t.parentNode;
        if (parent !== this.lastParent) {
          this.lastParent = parent;
          this.lastRoot = this.rootOf(parent);
        }
        let out: TextRun | null = null;
        if (this.nodes.length && this.root !== this.lastRoot) out = this.flush();
        this.root = this.lastRoot;
        this.offsets.push(this.text.length);
        this.nodes.push(t);
        this.text += t.data;
        if (out) return out;
        continue;
      }
      const el = node as Element;
      const tag = el.localName;
      if (SKIP_TAGS.has(tag) || el === this.skips[this.nextSkip]) {
        // Attribute-skipped elements inside this one will not be met either.
        while (this.nextSkip < this.skips.length && el.contains(this.skips[this.nextSkip]!)) this.nextSkip++;
        this.walker.currentNode = el;
        this.skipSubtree();
        continue;
      }
      this.visitElement(el, tag);
      if (tag === 'br') {
        if (this.nodes.length) this.text += '\n';
      } else if (!INLINE_TAGS.has(tag) && this.nodes.length) {
        const out = this.flush();
        if (out) return out;
      }
    }
  }
}
