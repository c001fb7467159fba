/**
 * Yielding to the page between slices of work, so no task Podium runs
 * takes more than a frame's worth of the main thread.
 */

/**
 * Default slice length: leaves room in a 16 ms frame for the page's own work
 * and for a minor GC landing in the slice (3–8 ms seen on 1–5 MB pages).
 * Measured A/B against 8 ms: the longest task on the 1 MB schedule went from
 * 18.6 to 13.4 ms (median of 5), total CPU within noise.
 */
export const SLICE_MS = 5;

type SchedulerLike = { yield?: () => Promise<void> };

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

/**
 * Resolves in a new task. `scheduler.yield()` keeps our place in line where
 * it exists (Chromium); else a MessageChannel message, which unlike
 * `setTimeout(0)` is not clamped to 4 ms after nesting.
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  if (typeof MessageChannel === 'function') {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    return new Promise((resolve) => {
      waiting.push(resolve);
      channel!.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Milliseconds on a monotonic clock. */
export const now = (): number => performance.now();
