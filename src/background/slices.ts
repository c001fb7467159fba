/**
 * Time slices for the worker's long jobs (indexing an import for search,
 * compiling the matcher): a keystroke's or a page's request waits at most
 * one slice, instead of the whole job.
 */
import { nextTask } from '../shared/next-task';

/** Longest stretch of work before the worker answers messages again (a keystroke waits at most this). */
export const SLICE_MS = 10;

/** `due()` after {@link SLICE_MS}, then `pause()` lets queued messages run. */
export class Slices {
  private since = performance.now();
  due(): boolean {
    return performance.now() - this.since > SLICE_MS;
  }
  /** A task of its own, after the messages queued meanwhile (chained `setTimeout(0)`s would idle 4 ms each). */
  async pause(): Promise<void> {
    await nextTask();
    this.since = performance.now();
  }
}
