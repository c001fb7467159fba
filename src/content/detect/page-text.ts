/**
 * Collects a page's text for the worker to search, as cheaply as the DOM
 * allows: one TreeWalker over text nodes only, reading each node's data and
 * nothing else (touching a node's parent would wrap every parent element
 * too). Nodes are joined with a newline, a soft separator: a name may run
 * across nodes, as in `Rok <b>Papež</b>` or `Angelo<br>Failla`. Whether it
 * really does (both nodes on one line, no block between them) is checked
 * for the few names found (lines.ts, name-ranges.ts), not for every node; so
 * are regions skipped for an ancestor's attribute (skip-rules.ts).
 */
import { NODE_JOIN } from '../../shared/messages';
import { isSkippedText } from './skip-rules';

/** Nodes carried from the end of one chunk into the next, so a name across the cut is still whole in one of them. */
const OVERLAP = 6;
/** The carried nodes before the last one hold at most this much text (a name runs across short nodes, not a long one's whole). */
const CARRY_CHARS = 4_000;

/**
 * At most this much of one text node is searched: the rest of a longer one
 * (a text file shown whole) is not. With {@link STEP_CHARS} and the carried
 * nodes it keeps every request far under the worker's limit (PAGE_TEXT_MAX),
 * which refuses a larger one whole.
 */
const NODE_CHARS = 100_000;
/** A step of the walk ends early once it has read this much, so the size of what it sends is looked at in time. */
const STEP_CHARS = 32_000;

/**
 * Text nodes at least this long get their parent looked at, so a large
 * inline script or style (JSON state of a web app) is never sent; shorter
 * ones are sent as they are, and a name found in one is dropped with the
 * other skipped regions (scanner.ts).
 */
const LONG_TEXT = 256;

/** Text collected from one or more subtrees, ready to send. */
export interface TextChunk {
  /** Each node's text, as sent: the worker joins them with {@link NODE_JOIN}. */
  parts: string[];
  nodes: Text[];
  /** Offset of each node's first code unit in the joined text. */
  starts: number[];
  /** Length of the joined text. */
  length: number;
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
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      starts[i] = at;
      at += parts[i]!.length + NODE_JOIN.length;
    }
    const chunk = { parts, nodes, starts, length: at - NODE_JOIN.length };
    // The last node always; those before it while they are short.
    let keep = 0;
    for (let sum = 0; carry && keep < Math.min(OVERLAP, nodes.length); keep++) {
      if (keep && (sum += parts[parts.length - 1 - keep]!.length) > CARRY_CHARS) break;
    }
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

/** True when a string is only ASCII whitespace (or empty). */
export function isBlank(d: string): boolean {
  for (let i = 0; i < d.length; i++) if (d.charCodeAt(i) > 32) return false;
  return true;
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
      if (!isBlank(d) && (d.length < LONG_TEXT || !isSkippedText(n))) out.push(n, d.length > NODE_CHARS ? d.slice(0, NODE_CHARS) : d);
    }
    const walker = this.walker;
    if (!walker) {
      this.done = true;
      return;
    }
    const { end } = this;
    while (!walkNodes(walker, end, out)) if (stop()) return;
    this.done = true;
  }
}

/** Nodes read between two looks at the clock (reading it costs as much as a node). */
const NODES_PER_STEP = 128;

/**
 * The loop every text node of the page goes through: the bare walk plus two
 * appends, {@link NODES_PER_STEP} nodes at a time. A small function of its
 * own because the walk runs in short slices: inside `collect`, V8 had it
 * optimized only 360–570 ms into a 1 MB page, most of the walk (its own-task
 * CPU there fell from 267 to 219 ms, median of 15 loads each).
 * @returns true when the walk reached its end
 */
function walkNodes(walker: TreeWalker, end: Node | null, out: ChunkBuilder): boolean {
  const { nodes, parts } = out;
  let added = 0;
  let ended = false;
  for (let count = 0; count < NODES_PER_STEP; count++) {
    const n = walker.nextNode() as Text | null;
    if (n === null || n === end) {
      ended = true;
      break;
    }
    let d = n.data;
    // Indentation between elements holds no name, and a newline joins nodes anyway.
    if (d.charCodeAt(0) <= 32 && isBlank(d)) continue;
    if (d.length >= LONG_TEXT) {
      if (isSkippedText(n)) continue;
      if (d.length > NODE_CHARS) d = d.slice(0, NODE_CHARS);
    }
    nodes.push(n);
    parts.push(d);
    if ((added += d.length) >= STEP_CHARS) break;
  }
  out.length += added;
  return ended;
}
