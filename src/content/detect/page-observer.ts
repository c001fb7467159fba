/**
 * Watches the page for text that appears or changes, and for single-page
 * app navigations. Mutation records are reduced to the smallest set of
 * subtrees to rescan and delivered in one batch per burst, never per record.
 */
import { scanScope } from './scanner';
import { isInline } from './lines';
import { isBlank } from './page-text';

/** A whitespace-only text node with a block element (or nothing) on one side: it cannot be part of a name. */
function isBlockGap(t: Text): boolean {
  if (!isBlank(t.data)) return false;
  const block = (n: Node | null) => !n || (n.nodeType === 1 && !isInline(n as Element));
  return block(t.previousSibling) || block(t.nextSibling);
}

export interface PageObserverOptions {
  /**
   * Subtrees to rescan (none inside another); `removed` says whether anything left the page.
   * `fresh` holds the roots that are elements the page inserted in this batch while nothing
   * left the page: none of their text was scanned before, so no found name lies inside them.
   */
  onBatch: (roots: Node[], removed: boolean, fresh: ReadonlySet<Node>) => void;
  /** The URL changed without a page load. */
  onNavigate: () => void;
  /** Podium's own nodes, whose changes are not the page's. */
  isOwn: (node: Node) => boolean;
  /** Collects a burst of mutations before delivering it. */
  delayMs?: number;
}

const OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export class PageObserver {
  readonly #mo: MutationObserver;
  readonly #roots = new Set<Node>();
  /** Records of the burst being collected. */
  readonly #pending: MutationRecord[] = [];
  /** Elements inserted in this batch that are their own scan scope. */
  readonly #inserted = new Set<Node>();
  #removed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #href: string;
  readonly #cleanup: (() => void)[] = [];
  readonly #win: Window;
  readonly #opts: PageObserverOptions;

  constructor(win: Window, opts: PageObserverOptions) {
    this.#win = win;
    this.#opts = opts;
    this.#href = win.location.href;
    this.#mo = new (win as Window & typeof globalThis).MutationObserver((records) => this.#record(records));
    const check = () => this.#checkUrl();
    win.addEventListener('popstate', check);
    this.#cleanup.push(() => win.removeEventListener('popstate', check));
    // The Navigation API reports navigations a router intercepts; `navigatesuccess` does not fire for a bare
    // history.pushState (measured in Chromium), which the URL check on every mutation batch catches instead.
    const nav = (win as { navigation?: EventTarget }).navigation;
    if (nav?.addEventListener) {
      nav.addEventListener('navigatesuccess', check);
      this.#cleanup.push(() => nav.removeEventListener('navigatesuccess', check));
    }
  }

  /** Starts watching a document or an open shadow root (the document's observer does not see inside those). */
  observe(target: Document | ShadowRoot): void {
    this.#mo.observe(target, OPTIONS);
  }

  disconnect(): void {
    this.#mo.disconnect();
    clearTimeout(this.#timer);
    this.#pending.length = 0;
    for (const fn of this.#cleanup.splice(0)) fn();
  }

  /**
   * Keeps a burst's records for `#deliver`: the observer's callback stays as short as it can be.
   * (Delivering the first burst after a quiet spell right here, with no timer, was measured slower per batch.)
   */
  #record(records: MutationRecord[]): void {
    for (let i = 0; i < records.length; i++) this.#pending.push(records[i]!);
    if (this.#timer === undefined) this.#timer = setTimeout(() => this.#deliver(), this.#opts.delayMs ?? 50);
  }

  /** Reduces a burst's records to scan scopes. */
  #collect(): void {
    const records = this.#pending.splice(0);
    // Indexed loops: iterators over DOM lists are slow in a content script's world, and this runs cold.
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (this.#opts.isOwn(r.target)) continue;
      if (r.type === 'characterData') {
        this.#removed = true; // the old range may no longer hold the name
        this.#add(r.target);
        continue;
      }
      if (r.removedNodes.length) this.#removed = true;
      const added = r.addedNodes;
      for (let k = 0; k < added.length; k++) {
        const n = added[k]!;
        const type = n.nodeType;
        if (type === 1) {
          if (this.#opts.isOwn(n)) continue;
          if (isInline(n as Element)) this.#add(n);
          else {
            // A block element is its own scan scope.
            this.#roots.add(n);
            this.#inserted.add(n);
          }
        } else if (type === 3) this.#add(n);
      }
    }
  }

  #add(node: Node): void {
    // Whitespace between blocks (a page appending "\n" around new elements) holds no name and
    // joins none; rescanning its parent would rescan the whole container for nothing.
    if (node.nodeType === 3 && isBlockGap(node as Text)) return;
    const scope = scanScope(node);
    if (scope) this.#roots.add(scope);
  }

  #checkUrl(): void {
    if (this.#win.location.href === this.#href) return;
    this.#href = this.#win.location.href;
    this.#opts.onNavigate();
  }

  #deliver(): void {
    this.#timer = undefined;
    this.#collect();
    // SPA routers change the URL and the DOM together; the mutations tell us to look.
    this.#checkUrl();
    const all = [...this.#roots].filter((n) => n.isConnected);
    this.#roots.clear();
    const set = new Set(all);
    // Keep only outermost subtrees: walk up from each root (crossing no shadow boundary),
    // remembering the answer for each ancestor passed (siblings share theirs).
    const within = new Map<Node, boolean>();
    const inside = (n: Node): boolean => {
      const passed: Node[] = [];
      let v = false;
      for (let p = n.parentNode; p; p = p.parentNode) {
        const known = within.get(p);
        if (known !== undefined || set.has(p)) {
          v = known ?? true;
          break;
        }
        passed.push(p);
      }
      for (const p of passed) within.set(p, v);
      return v;
    };
    const roots = all.filter((n) => !inside(n));
    const removed = this.#removed;
    this.#removed = false;
    // A node moved within the page is removed, then inserted: with nothing removed, every inserted element is new.
    const fresh = removed ? new Set<Node>() : new Set(roots.filter((n) => this.#inserted.has(n)));
    this.#inserted.clear();
    if (roots.length || removed) this.#opts.onBatch(roots, removed, fresh);
  }
}
