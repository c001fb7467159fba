/**
 * Yielding to the page between slices of work, so no task Podium runs
 * takes more than a frame's worth of the main thread.
 */

/** Default slice length: leaves room in a 16 ms frame for the page's own work. */
export const SLICE_MS = 8;

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
