/**
 * Time slices for the worker's long jobs (indexing an import for search,
 * compiling the matcher): a keystroke's or a page's request waits at most
 * one slice, instead of the whole job.
 */
import { nextTask } from '../shared/next-task';

/** Longest stretch of work before the worker answers messages again (a keystroke waits at most this). */
export const SLICE_MS = 10;

/**
 * How long background work stands aside after a keystroke's search: until
 * the popup has painted the answer. The popup shares the worker's process in
 * Chrome and its thread in Firefox, and on two cores a worker busy indexing
 * an import doubled the time from keystroke to results.
 */
export const GIVE_WAY_MS = 40;

let quietUntil = 0;

/** A person waits for an answer to be painted: slices pause until {@link GIVE_WAY_MS} from now. */
export function giveWay(): void {
  quietUntil = performance.now() + GIVE_WAY_MS;
}

/** `due()` after {@link SLICE_MS}, then `pause()` lets queued messages run. */
export class Slices {
  private since = performance.now();
  due(): boolean {
    return performance.now() - this.since > SLICE_MS;
  }
  /** A task of its own, after the messages queued meanwhile (chained `setTimeout(0)`s would idle 4 ms each), and after a keystroke's paint. */
  async pause(): Promise<void> {
    await nextTask();
    for (let wait = quietUntil - performance.now(); wait > 0; wait = quietUntil - performance.now()) await new Promise((r) => setTimeout(r, wait));
    this.since = performance.now();
  }
}
