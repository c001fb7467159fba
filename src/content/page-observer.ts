/**
 * Watches the page for text that appears or changes, and for single-page
 * app navigations. Mutation records are reduced to the smallest set of
 * subtrees to rescan and delivered in one batch per burst, never per record.
 */
import { scanScope } from './scanner';
import { isInline } from './page-text';

/** A whitespace-only text node with a block element (or nothing) on one side: it cannot be part of a name. */
function isBlockGap(t: Text): boolean {
  if (/\S/.test(t.data)) return false;
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
  private readonly mo: MutationObserver;
  private readonly roots = new Set<Node>();
  /** Elements inserted in this batch that are their own scan scope. */
  private readonly inserted = new Set<Node>();
  private removed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private href: string;
  private readonly cleanup: (() => void)[] = [];

  constructor(
    private readonly win: Window,
    private readonly opts: PageObserverOptions,
  ) {
    this.href = win.location.href;
    this.mo = new (win as Window & typeof globalThis).MutationObserver((records) => this.record(records));
    const check = () => this.checkUrl();
    win.addEventListener('popstate', check);
    this.cleanup.push(() => win.removeEventListener('popstate', check));
    // The Navigation API also reports pushState navigations (a content script cannot wrap the page's history.pushState).
    const nav = (win as { navigation?: EventTarget }).navigation;
    if (nav?.addEventListener) {
      nav.addEventListener('navigatesuccess', check);
      this.cleanup.push(() => nav.removeEventListener('navigatesuccess', check));
    }
  }

  /** Starts watching a document or an open shadow root (the document's observer does not see inside those). */
  observe(target: Document | ShadowRoot): void {
    this.mo.observe(target, OPTIONS);
  }

  disconnect(): void {
    this.mo.disconnect();
    clearTimeout(this.timer);
    for (const fn of this.cleanup.splice(0)) fn();
  }

  private record(records: MutationRecord[]): void {
    for (const r of records) {
      if (this.opts.isOwn(r.target)) continue;
      if (r.type === 'characterData') {
        this.removed = true; // the old range may no longer hold the name
        this.add(r.target);
        continue;
      }
      if (r.removedNodes.length) this.removed = true;
      for (const n of Array.from(r.addedNodes)) if (!this.opts.isOwn(n)) this.add(n, true);
    }
    if ((this.roots.size || this.removed) && this.timer === undefined) {
      this.timer = setTimeout(() => this.deliver(), this.opts.delayMs ?? 50);
    }
  }

  private add(node: Node, inserted = false): void {
    // Whitespace between blocks (a page appending "\n" around new elements) holds no name and
    // joins none; rescanning its parent would rescan the whole container for nothing.
    if (node.nodeType === 3 && isBlockGap(node as Text)) return;
    const scope = scanScope(node);
    if (!scope) return;
    this.roots.add(scope);
    if (inserted && scope === node) this.inserted.add(node);
  }

  private checkUrl(): void {
    if (this.win.location.href === this.href) return;
    this.href = this.win.location.href;
    this.opts.onNavigate();
  }

  private deliver(): void {
    this.timer = undefined;
    // SPA routers change the URL and the DOM together; the mutations tell us to look.
    this.checkUrl();
    const all = [...this.roots].filter((n) => n.isConnected);
    this.roots.clear();
    const set = new Set(all);
    // Keep only outermost subtrees: walk up from each root (crossing no shadow boundary).
    const roots = all.filter((n) => {
      for (let p = n.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
      return true;
    });
    const removed = this.removed;
    this.removed = false;
    // A node moved within the page is removed, then inserted: with nothing removed, every inserted element is new.
    const fresh = removed ? new Set<Node>() : new Set(roots.filter((n) => this.inserted.has(n)));
    this.inserted.clear();
    if (roots.length || removed) this.opts.onBatch(roots, removed, fresh);
  }
}
