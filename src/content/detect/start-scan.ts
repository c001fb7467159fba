/**
 * The detection half of a page: scan it in slices (the worker searches the
 * text the page sends), keep scanning what changes, and mark what is found.
 */
import type { ContentSettings } from '../../shared/content-settings';
import { showsMarks } from '../../shared/content-settings';
import { FoundNames } from './found-names';
import { MARK, Painter, setMarkStyle, styleScope } from './highlight';
import { PageObserver } from './page-observer';
import { Scanner, type ScannerOptions } from './scanner';

/**
 * When to look again at custom elements that had no shadow root yet (widgets
 * render after their script loads), counted from when the scan first met one;
 * the first is the last (it ends the round).
 * Pages without such elements get no timer at all (each would be a task of ours).
 */
const LATE_SHADOW_CHECKS_MS = [5000, 500, 2000];

export interface PageScan {
  found: FoundNames;
  /** Resolves when the first full scan (and its confirmations) is done. */
  ready: Promise<void>;
  /** Forgets every name and scans the whole page again (a navigation, a new matcher). */
  rescan(): void;
  /** Paints the marks again after the settings changed (style, or marks off). */
  repaint(settings: ContentSettings): void;
  stop(): void;
}

/**
 * Starts scanning `doc` (its text goes to `find`), and marking what is found
 * while `settings()` shows marks. `isOwn` tells Podium's own nodes, which
 * the observer ignores.
 */
export function startScan(doc: Document, find: ScannerOptions['find'], settings: () => ContentSettings, isOwn: (n: Node) => boolean): PageScan {
  const found = new FoundNames();
  const marks = new Painter(MARK);
  /** True once the scan met an open shadow root: until then every name is in `doc` and needs no getRootNode() each. */
  let shadowRoots = false;
  const paintAdded = (added: readonly { range: AbstractRange; nodes: Text[] }[]) => {
    if (!added.length) return;
    if (shadowRoots) for (const f of added) styleScope(f.nodes[0]!.getRootNode() as Document | ShadowRoot);
    else styleScope(doc);
    marks.add(added.map((f) => f.range));
  };
  found.onChange((added, removed) => {
    marks.remove(removed.map((f) => f.range));
    if (showsMarks(settings())) paintAdded(added);
  });

  const late = new Set<Element>();
  let timers: ReturnType<typeof setTimeout>[] = [];
  const checkLate = () => {
    for (const el of late) {
      if (!el.shadowRoot) continue;
      late.delete(el);
      shadowRoots = true;
      void scanner.scan(el);
    }
  };
  /** A round of checks once the scan meets a custom element without a shadow root; another round if one is met after the last. */
  const lateSeen = (el: Element) => {
    late.add(el);
    if (timers.length) return;
    timers = LATE_SHADOW_CHECKS_MS.map((ms, i) =>
      setTimeout(() => {
        checkLate();
        if (!i) timers = [];
      }, ms),
    );
  };
  const scanner = new Scanner({ found, find, onCustomElement: lateSeen });
  /** Scans the whole page. Once it is done no more names are coming: the marks show at once, not after the quiet wait. */
  const scanPage = (fromOwnTask?: boolean) => scanner.scanAll([doc], fromOwnTask).then(() => marks.settle());
  const rescan = () => {
    found.clear();
    void scanPage();
  };
  const observer = new PageObserver(doc.defaultView!, {
    isOwn,
    onBatch: (roots, removed, fresh) => {
      if (removed) found.prune();
      for (const root of roots) if (!fresh.has(root)) found.removeWithin(root);
      // Delivered in a timer task of the observer's own: the scan starts right away.
      void scanner.scanAll(roots, true);
    },
    onNavigate: rescan,
  });
  scanner.onShadowRoot = (sr) => {
    shadowRoots = true;
    observer.observe(sr);
  };
  observer.observe(doc);
  return {
    found,
    // Started in a task of ours (after the page's first paint): the walk needs no task of its own.
    ready: scanPage(true),
    rescan,
    repaint(s) {
      setMarkStyle(s.markStyle);
      marks.set([]);
      if (showsMarks(s)) paintAdded(found.all());
      else marks.destroy();
    },
    stop() {
      scanner.stop();
      observer.disconnect();
      marks.destroy();
      for (const t of timers) clearTimeout(t);
    },
  };
}
