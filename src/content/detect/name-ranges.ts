/**
 * The worker's answer made into ranges on the page: each hit's offsets in
 * the text sent become a range over the text nodes it spans, unless the
 * page changed that text meanwhile, the name runs across two lines, or it
 * lies in a skipped region.
 *
 * The ranges are static: the browser keeps every live Range of a document
 * up to date through each of the page's own DOM changes, so 1,500 live
 * marks made a page's updates 5–27 times slower in Chromium and 3–15 times
 * in Firefox (moving or retexting 3,000 rows of a 1 MB schedule; static:
 * no slower). A change under a name rescans its line (page-observer.ts),
 * which replaces the range.
 */
import type { PageName } from '../../shared/messages';
import type { FoundName } from './found-names';
import { sameLine, textNodesBetween } from './lines';
import { isBlank, locate, type TextChunk } from './page-text';
import { inSkippedElement } from './skip-rules';

/**
 * True when the text node sits in a region skipped for an ancestor (script, hidden, editable), cached per parent.
 * Design mode was checked for the whole answer.
 */
function inSkipped(node: Text, cache: Map<Node, boolean>): boolean {
  const p = node.parentNode;
  if (!p) return true;
  let v = cache.get(p);
  if (v === undefined) cache.set(p, (v = p.nodeType === 1 ? inSkippedElement(p as Element) : false));
  return v;
}

/** A range over `start`..`end` of the chunk, unless the page changed that text meanwhile or it lies in a skipped region. */
export function toFound(chunk: TextChunk, start: number, end: number, skipped: Map<Node, boolean>, match: PageName): FoundName | undefined {
  if (!(start >= 0 && end > start && end <= chunk.length)) return undefined;
  const a = locate(chunk, start, false);
  const b = locate(chunk, end, true);
  const first = chunk.nodes[a.index]!;
  const last = chunk.nodes[b.index]!;
  // The walk passed over blank nodes; a name's range covers them too.
  const nodes = first === last ? [first] : textNodesBetween(first, last);
  if (!nodes) return undefined;
  // The hit's text is still on the page: its nodes hold what was sent, in order, with only blank ones between.
  // The last only has to start with it: the walk sends the start of a very long node (page-text.ts).
  let i = a.index;
  for (const n of nodes) {
    if (!n.isConnected || inSkipped(n, skipped)) return undefined;
    if (n !== chunk.nodes[i]) {
      if (!isBlank(n.data)) return undefined;
      continue;
    }
    const sent = chunk.parts[i++]!;
    if (n === last ? !n.data.startsWith(sent) : n.data !== sent) return undefined;
  }
  if (i <= b.index || (nodes.length > 1 && !sameLine(nodes))) return undefined;
  const range = new StaticRange({ startContainer: first, startOffset: a.offset, endContainer: last, endOffset: b.offset });
  return { range, nodes, name: match.name, speakers: match.speakers };
}
