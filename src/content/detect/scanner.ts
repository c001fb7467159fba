/**
 * Scans page subtrees for speaker names in time slices: collects their text
 * (page-text.ts, entering the shadow roots shadow-hosts.ts finds), sends each
 * slice's text to the worker, which finds and confirms the names, and turns
 * its answer into ranges (name-ranges.ts) in {@link FoundNames}. The
 * page walks on while the worker searches.
 */
import type { TextHits } from '../../shared/messages';
import type { FoundName, FoundNames } from './found-names';
import { isInline, lineRoot } from './lines';
import { toFound } from './name-ranges';
import { ChunkBuilder, type TextChunk, TextWalker } from './page-text';
import { findHosts } from './shadow-hosts';
import { skipCheck } from './skip-rules';
import { SLICE_MS, now, yieldToMain } from './schedule';

/**
 * Most characters sent in one request; a slice that collects more sends
 * early. Structured-cloned (manifest `message_serialization`), a message
 * costs Chromium's sender about 2 ns a character (0.5 ms for 256 K), so
 * what counts is the fixed cost of each request and its answer (a task of
 * its own): 32,000 against 16,000 took the page's own CPU from 19.7 to
 * 17.7 ms on an ordinary page and from 119.7 to 111.1 ms on a 1 MB one,
 * 64,000 against 32,000 from 13.2 to 12.4 and from 80.1 to 79.1 ms (medians
 * of 12–16 loads). Larger gained nothing more (128,000: 12.3 and 78.5 ms),
 * and a request stays far under the worker's limit with the node cap of
 * page-text.ts. (JSON-encoded, as Chrome did before, the cost per character
 * tripled above 32,000.)
 */
const CHUNK_CHARS = 64_000;
/** Requests in flight before the walk waits for an answer (some 512,000 characters). */
const MAX_INFLIGHT = 8;
/** Hits turned into ranges between two looks at the clock. */
const APPLY_CHUNK = 64;
/**
 * Waits before asking again for a chunk the worker did not answer: a worker
 * the browser is stopping (or one just woken) can drop a request, and text
 * not searched again would leave its names unmarked until the page changes.
 */
const RETRY_MS = [50, 250, 1000, 3000];

export interface ScannerOptions {
  found: FoundNames;
  /** Asks the worker where the archive's speakers are named in these nodes' text; undefined when it cannot answer. */
  find: (parts: string[]) => Promise<TextHits | undefined>;
  /** Custom elements without a shadow root yet. */
  onCustomElement?: (el: Element) => void;
  sliceMs?: number;
  yieldFn?: () => Promise<void>;
  /** Waits between tries of a request the worker did not answer (default {@link RETRY_MS}). */
  retryMs?: readonly number[];
}

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
  private readonly seenRoots = new WeakSet<ShadowRoot>();
  /** Roots already restarted once because the page removed the node the walk stood on. */
  private readonly restarted = new WeakSet<Node>();
  private readonly builder = new ChunkBuilder();
  /** Requests the worker has not answered yet (each keeps its chunk's text nodes alive until then). */
  private readonly inflight = new Set<Promise<void>>();
  private stopped = false;
  /** Hears each open shadow root the scan meets for the first time (to observe it and style its highlights). */
  onShadowRoot?: (root: ShadowRoot) => void;

  constructor(private readonly opts: ScannerOptions) {}

  /** Queues a subtree (element, document, shadow root or text node); resolves when it and everything queued before are scanned and confirmed. */
  scan(root: Node): Promise<void> {
    return this.scanAll([root]);
  }

  /**
   * Queues subtrees none of which lies inside another (a mutation batch's
   * outermost roots): each is checked against the roots queued before only.
   */
  scanAll(roots: readonly Node[], fromOwnTask = false): Promise<void> {
    const before = this.queue.length;
    for (const root of roots) {
      let covered = false;
      for (let i = 0; i < before && !covered; i++) covered = this.queue[i] === root || this.queue[i]!.contains(root);
      if (!covered) this.queue.push(root);
    }
    // A drain whose loop has ended (it may finish synchronously) would never see this root: start another.
    if (!this.active || !this.draining) {
      this.active = true;
      const d: Promise<void> = this.drain(!fromOwnTask).finally(() => {
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

  /**
   * Its `finally` clears {@link active} in the same synchronous step that finds the queue empty (an `await` in between would orphan roots queued meanwhile).
   * @param yieldFirst - start in a task of our own: whatever queued the scan (page load, a navigation) has used its share
   */
  private async drain(yieldFirst: boolean): Promise<void> {
    try {
      const slice = this.opts.sliceMs ?? SLICE_MS;
      const pause = this.opts.yieldFn ?? yieldToMain;
      if (yieldFirst) await pause();
      let deadline = now() + slice;
      const stop = () => now() >= deadline || this.builder.length >= CHUNK_CHARS;
      // Roots queued while earlier text is being searched join the same drain.
      while (this.queue.length && !this.stopped) {
        const skipped = skipCheck();
        while (this.queue.length && !this.stopped) {
          const root = this.queue.shift()!;
          if (!root.isConnected) continue;
          if (root.nodeType !== 3) findHosts(root, (sr) => this.shadowRoot(sr), this.opts.onCustomElement);
          // Elements queued side by side (a list the page appended to) are walked as one.
          let last: Element | undefined;
          if (root.nodeType === 1) {
            for (let next = this.queue[0]; next && next.nodeType === 1 && (last ?? (root as Element)).nextElementSibling === next; next = this.queue[0]) {
              this.queue.shift();
              findHosts(next, (sr) => this.shadowRoot(sr), this.opts.onCustomElement);
              last = next as Element;
            }
          }
          const walker = new TextWalker(root, skipped, last);
          for (;;) {
            walker.collect(this.builder, stop);
            // A walk that ended is sent with the next one, unless the slice or the chunk is full: many small roots (a burst of the page's changes) go in slices too.
            if (walker.done && !stop()) break;
            this.send(!walker.done);
            if (now() >= deadline) {
              await pause();
              if (this.stopped) return;
              // Walk no further ahead of the worker than a few chunks: on a huge page every chunk
              // waiting for its answer keeps thousands of nodes alive, and the collector pays for them.
              while (this.inflight.size >= MAX_INFLIGHT) await Promise.race(this.inflight);
              if (this.stopped) return;
              deadline = now() + slice;
            }
            if (walker.done) break;
            // The page removed the node the walk stood on: walk this subtree again from its start (once).
            const at = walker.position;
            if (at && !at.isConnected) {
              if (!this.restarted.has(root)) {
                this.restarted.add(root);
                this.queue.push(root);
                // The rest of a run of siblings is queued again as it was.
                for (let n = root.nextSibling; last && n; n = n.nextSibling) {
                  if (n.nodeType === 1) this.queue.push(n);
                  if (n === last) break;
                }
              }
              break;
            }
          }
        }
        this.send();
        while (this.inflight.size) await Promise.all(this.inflight);
      }
    } finally {
      this.active = false;
    }
  }

  private shadowRoot(sr: ShadowRoot): void {
    if (!this.seenRoots.has(sr)) {
      this.seenRoots.add(sr);
      this.onShadowRoot?.(sr);
    }
    // Met twice in one walk (empty host, and parent of its text): scanned once.
    if (!this.queue.includes(sr)) this.queue.push(sr);
  }

  /** Sends the collected text to the worker (`carry`: the walk goes on); its names are added when it answers. */
  private send(carry = false): void {
    const chunk = this.builder.take(carry);
    if (!chunk) return;
    const job = this.ask(chunk.parts)
      .then((r) => {
        if (!r || this.stopped) return;
        // The archive has no names (any more): nothing on this page can match.
        if (!r.active) this.stop();
        else if (r.hits.length) return this.apply(chunk, r);
      })
      .catch(() => undefined);
    this.inflight.add(job);
    void job.then(() => this.inflight.delete(job));
  }

  /** The worker's answer for `parts`, asked again a few times when it gives none; undefined once it never did. */
  private async ask(parts: string[]): Promise<TextHits | undefined> {
    const waits = this.opts.retryMs ?? RETRY_MS;
    // Not once stopped, nor again after a stop during the wait.
    for (let i = 0; !this.stopped; i++) {
      const r = await this.opts.find(parts).catch(() => undefined);
      if (r || i >= waits.length) return r;
      await new Promise((resolve) => setTimeout(resolve, waits[i]));
    }
    return undefined;
  }

  /**
   * Turns the worker's hits into ranges and marks, in slices: a large
   * answer (hundreds of ranges, each added to the highlight) would otherwise
   * be one long task.
   */
  private async apply(chunk: TextChunk, r: TextHits): Promise<void> {
    const slice = this.opts.sliceMs ?? SLICE_MS;
    const pause = this.opts.yieldFn ?? yieldToMain;
    let deadline = now() + slice;
    const skipped = new Map<Node, boolean>();
    const { hits, names } = r;
    // Looked up once per answer, not per hit (each is a DOM call into the page).
    if (chunk.nodes[0]!.ownerDocument.designMode === 'on') return;
    for (let i = 0; i < hits.length && !this.stopped; i += 3 * APPLY_CHUNK) {
      if (i && now() >= deadline) {
        await pause();
        if (this.stopped) return;
        deadline = now() + slice;
      }
      const found: FoundName[] = [];
      for (let k = i; k < Math.min(hits.length, i + 3 * APPLY_CHUNK); k += 3) {
        const match = names[hits[k + 2]!];
        const f = match && toFound(chunk, hits[k]!, hits[k + 1]!, skipped, match);
        if (f) found.push(f);
      }
      this.opts.found.add(found);
    }
  }
}
