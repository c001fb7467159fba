/**
 * Which text nodes render as one line: a name may run across nodes
 * (`Rok <b>Papež</b>`, `Angelo<br>Failla`), but not across two cells. Asked
 * for the few names found, not for every node the walk reads.
 */

/** Elements that flow inside a line: text on either side joins into one line. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr', 'tspan',
]);

/** Elements between two text nodes of one line that are looked at before giving up. */
const GAP_STEPS = 32;

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
