/**
 * The names confirmed on this page: their ranges plus an index from each
 * covered text node's parent element, so hit-testing a pointer position
 * looks at the few names under the hovered element only.
 */
import type { PageName } from '../../shared/messages';

export interface FoundName {
  /** Static range over the name (name-ranges.ts says why not a live one); a change to its text rescans its line, which replaces it. */
  range: StaticRange;
  /** Text nodes the range covers. */
  nodes: Text[];
  /** The candidate as confirmed ("First Last" order). */
  name: string;
  speakers: PageName['speakers'];
}

export type FoundListener = (added: readonly FoundName[], removed: readonly FoundName[]) => void;

export class FoundNames {
  private readonly list: FoundName[] = [];
  private readonly byElement = new Map<Element, FoundName[]>();
  private readonly listeners = new Set<FoundListener>();

  /** Every found name, in the order found (document order within one scan). */
  all(): readonly FoundName[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** Found names with a text node directly inside `el`. */
  at(el: Element): readonly FoundName[] {
    return this.byElement.get(el) ?? [];
  }

  onChange(fn: FoundListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(added: FoundName[], removed: FoundName[]): void {
    if (added.length || removed.length) for (const fn of this.listeners) fn(added, removed);
  }

  private isDuplicate(f: FoundName, parent: Element): boolean {
    const at = this.byElement.get(parent);
    if (!at) return false;
    const r = f.range;
    return at.some(
      (g) =>
        g.range.startContainer === r.startContainer &&
        g.range.startOffset === r.startOffset &&
        g.range.endContainer === r.endContainer &&
        g.range.endOffset === r.endOffset,
    );
  }

  private index(el: Element, f: FoundName): void {
    const at = this.byElement.get(el);
    if (at) at.push(f);
    else this.byElement.set(el, [f]);
  }

  /** Adds names not already present; returns those added. */
  add(found: readonly FoundName[]): FoundName[] {
    const added: FoundName[] = [];
    for (const f of found) {
      const parent = f.nodes[0]?.parentElement;
      if (!parent || this.isDuplicate(f, parent)) continue;
      this.list.push(f);
      this.index(parent, f);
      // A name across inline elements is found from each of their parents.
      for (let i = 1; i < f.nodes.length; i++) {
        const el = f.nodes[i]!.parentElement;
        if (el && !f.nodes.slice(0, i).some((n) => n.parentElement === el)) this.index(el, f);
      }
      added.push(f);
    }
    this.emit(added, []);
    return added;
  }

  /** Removes the names matching `pred`; returns them. */
  removeWhere(pred: (f: FoundName) => boolean): FoundName[] {
    const removed: FoundName[] = [];
    for (let i = this.list.length - 1; i >= 0; i--) {
      const f = this.list[i]!;
      if (!pred(f)) continue;
      this.list.splice(i, 1);
      removed.push(f);
    }
    if (removed.length) {
      const gone = new Set(removed);
      for (const [el, at] of this.byElement) {
        const keep = at.filter((f) => !gone.has(f));
        if (keep.length) this.byElement.set(el, keep);
        else this.byElement.delete(el);
      }
    }
    this.emit([], removed);
    return removed;
  }

  /** Drops names whose text left the page (text changed in place is rescanned: {@link removeWithin}). */
  prune(): FoundName[] {
    return this.removeWhere((f) => f.nodes.some((n) => !n.isConnected));
  }

  /** Drops names inside `root` (before it is scanned again). */
  removeWithin(root: Node): FoundName[] {
    if (!this.list.length) return [];
    const inside = (f: FoundName) => f.nodes.some((n) => root.contains(n));
    // A mutation batch rescans small subtrees of a page with many names: look up the
    // subtree's elements in the index (cost of the subtree) instead of testing every name (cost of the page).
    if (root.nodeType === 1 && this.list.length > 32) {
      const els = (root as Element).getElementsByTagName('*');
      if (els.length < this.list.length) {
        const hit = new Set<FoundName>(this.at(root as Element));
        for (let i = 0; i < els.length; i++) for (const f of this.at(els[i]!)) hit.add(f);
        return hit.size ? this.removeWhere((f) => hit.has(f) && inside(f)) : [];
      }
    }
    return this.removeWhere(inside);
  }

  clear(): FoundName[] {
    return this.removeWhere(() => true);
  }
}
