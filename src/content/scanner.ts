/**
 * Scans page subtrees for speaker names in time slices: walks text runs,
 * finds hash candidates, and asks the worker to confirm them in batches.
 * Confirmed names become live ranges in {@link FoundNames}.
 */
import type { NameMatch } from '../shared/messages';
import type { FoundName, FoundNames } from './found-names';
import { type MatcherTables, findCandidates } from './name-matcher';
import { SLICE_MS, now, yieldToMain } from './schedule';
import { RunWalker, type TextRun, lineRoot, isInline, locate } from './text-runs';

/** Largest batch of candidates sent to the worker at once (its `matchNames` limit). */
const BATCH = 500;
/** A slice boundary sends pending candidates only from this many on (each message has a fixed cost); the rest wait for the walk's end. */
const MIN_FLUSH = 100;

interface Pending {
  run: TextRun;
  start: number;
  end: number;
  name: string;
  /** {@link cacheKey} of the name, computed once. */
  key: string;
}

export interface ScannerOptions {
  tables: MatcherTables;
  found: FoundNames;
  /** Confirms candidates with the worker; names it does not return are not speakers. */
  verify: (names: string[]) => Promise<NameMatch[]>;
  /** Each open shadow root met while scanning (to observe it and style its highlights). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Custom elements without a shadow root yet. */
  onCustomElement?: (el: Element) => void;
  sliceMs?: number;
  yieldFn?: () => Promise<void>;
}

/** Folds whitespace and case so repeated names on a page are confirmed once. */
const cacheKey = (name: string): string => name.toLowerCase().replace(/\s+/g, ' ');

/** The subtree to rescan when `node` changed: inline edits rescan their whole line. */
export function scanScope(node: Node): Node | null {
  if (node.nodeType === 3) return lineRoot(node);
  if (node.nodeType !== 1) return null;
  return isInline(node as Element) ? lineRoot(node) : node;
}

export class Scanner {
  private readonly queue: Node[] = [];
  private draining: Promise<void> | undefined;
  /** True while a drain's loop runs: roots queued meanwhile are picked up by it. */
  private active = false;
  /** Verdicts per candidate: the speakers, or null for "not in the archive". */
  private readonly verdicts = new Map<string, NameMatch['speakers'] | null>();
  private readonly seenRoots = new WeakSet<ShadowRoot>();
  private batch: Pending[] = [];
  private inflight: Promise<void>[] = [];
  private stopped = false;

  constructor(private readonly opts: ScannerOptions) {}

  /** Queues a subtree (element, document or shadow root); resolves when it and everything queued before are scanned and confirmed. */
  scan(root: Node): Promise<void> {
    if (!this.queue.some((q) => q === root || q.contains(root))) this.queue.push(root);
    // A drain whose loop has ended (it may finish synchronously) would never see this root: start another.
    if (!this.active || !this.draining) {
      this.active = true;
      const d: Promise<void> = this.drain().finally(() => {
        if (this.draining === d) this.draining = undefined;
      });
      this.draining = d;
    }
    return this.draining;
  }

  /** Stops scanning; queued work is dropped. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  /** Its `finally` clears {@link active} in the same synchronous step that finds the queue empty (an `await` in between would orphan roots queued meanwhile). */
  private async drain(): Promise<void> {
    try {
      const slice = this.opts.sliceMs ?? SLICE_MS;
      const pause = this.opts.yieldFn ?? yieldToMain;
      let deadline = now() + slice;
      // Roots queued while earlier candidates are being confirmed join the same drain.
      while (this.queue.length && !this.stopped) {
        while (this.queue.length && !this.stopped) {
          const root = this.queue.shift()!;
          if (!root.isConnected) continue;
          const walker = new RunWalker(root, (sr) => this.shadowRoot(sr), this.opts.onCustomElement);
          let run: TextRun | null;
          let runs = 0;
          while ((run = walker.next())) {
            this.collect(run);
            // Reading the clock costs as much as a short run: look every few runs.
            if ((++runs & 15) === 0 && now() >= deadline) {
              if (this.batch.length >= MIN_FLUSH) this.flush();
              await pause();
              if (this.stopped) return;
              walker.resync();
              deadline = now() + slice;
            }
          }
        }
        this.flush();
        while (this.inflight.length) await Promise.all(this.inflight.splice(0));
      }
    } finally {
      this.active = false;
    }
  }

  private shadowRoot(sr: ShadowRoot): void {
    if (!this.seenRoots.has(sr)) {
      this.seenRoots.add(sr);
      this.opts.onShadowRoot?.(sr);
    }
    this.queue.push(sr);
  }

  private collect(run: TextRun): void {
    const candidates = findCandidates(run.text, this.opts.tables);
    if (!candidates.length) return;
    const ready: FoundName[] = [];
    for (const c of candidates) {
      const key = cacheKey(c.name);
      const p: Pending = { run, start: c.start, end: c.end, name: c.name, key };
      const verdict = this.verdicts.get(key);
      if (verdict === undefined) this.batch.push(p);
      else if (verdict) {
        const f = toFound(p, verdict);
        if (f) ready.push(f);
      }
    }
    if (ready.length) this.opts.found.add(ready);
    if (this.batch.length >= BATCH) this.flush();
  }

  /**
   * Turns confirmed candidates into ranges and marks, in slices: a large
   * answer (hundreds of ranges, each added to the highlight) would otherwise
   * be one long task.
   */
  private async apply(batch: Pending[]): Promise<void> {
    const slice = this.opts.sliceMs ?? SLICE_MS;
    const pause = this.opts.yieldFn ?? yieldToMain;
    let deadline = now() + slice;
    for (let i = 0; i < batch.length && !this.stopped; i += APPLY_CHUNK) {
      if (i && now() >= deadline) {
        await pause();
        if (this.stopped) return;
        deadline = now() + slice;
      }
      const found: FoundName[] = [];
      for (const p of batch.slice(i, i + APPLY_CHUNK)) {
        const speakers = this.verdicts.get(p.key);
        const f = speakers ? toFound(p, speakers) : undefined;
        if (f) found.push(f);
      }
      this.opts.found.add(found);
    }
  }

  /** Sends the pending candidates to the worker; their ranges are added when it answers. */
  private flush(): void {
    if (!this.batch.length) return;
    const batch = this.batch;
    this.batch = [];
    const byKey = new Map<string, string>();
    for (const p of batch) if (!byKey.has(p.key)) byKey.set(p.key, p.name);
    const keys = [...byKey.keys()].slice(0, BATCH);
    const names = keys.map((k) => byKey.get(k)!);
    const job = this.opts
      .verify(names)
      .then((matches) => {
        const confirmed = new Map(matches.map((m) => [cacheKey(m.name), m.speakers]));
        for (const key of keys) this.verdicts.set(key, confirmed.get(key) ?? null);
        return this.apply(batch);
      })
      // A dead worker confirms nothing this time; the names are tried again on the next scan.
      .catch(() => undefined);
    this.inflight.push(job);
  }
}

/** Candidates whose verdict is checked between two looks at the clock while applying a worker answer. */
const APPLY_CHUNK = 64;
const squash = (s: string): string => s.replace(/\s+/g, '');

/** A live range for a confirmed candidate, unless the page changed that text meanwhile. */
function toFound(p: Pending, speakers: NameMatch['speakers']): FoundName | undefined {
  const a = locate(p.run, p.start, false);
  const b = locate(p.run, p.end, true);
  if (!a.node.isConnected || !b.node.isConnected) return undefined;
  const range = a.node.ownerDocument.createRange();
  try {
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
  } catch {
    return undefined;
  }
  if (squash(range.toString()) !== squash(p.run.text.slice(p.start, p.end))) return undefined;
  const i = p.run.nodes.indexOf(a.node);
  const j = p.run.nodes.indexOf(b.node);
  return { range, nodes: p.run.nodes.slice(i, j + 1), name: p.name, speakers };
}
