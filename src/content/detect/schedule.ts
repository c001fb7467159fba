/**
 * Yielding to the page between slices of work, so no task Podium runs
 * takes more than a frame's worth of the main thread.
 */
import { nextTask } from '../../shared/next-task';

/**
 * Default slice length: leaves room in a 16 ms frame for the page's own work
 * and for a minor GC landing in the slice (3–8 ms seen on 1–5 MB pages).
 * Measured A/B against 8 ms: the longest task on the 1 MB schedule went from
 * 18.6 to 13.4 ms (median of 5), total CPU within noise.
 */
export const SLICE_MS = 5;

type SchedulerLike = { yield?: () => Promise<void> };

/**
 * Resolves in a new task. `scheduler.yield()` keeps our place in line where
 * it exists (Chromium); else a MessageChannel message (shared/next-task.ts).
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return nextTask();
}

/** Longest wait for a frame: a frame that renders nothing (hidden iframe, prerender) never gets one. */
const FRAME_WAIT_MS = 1000;

/**
 * Resolves in a task after the page's next frame is painted: a script run as
 * the page finishes loading would otherwise take its time out of the page's
 * first paint. A hidden page paints nothing: it resolves in a new task.
 */
export function afterNextPaint(doc: Document = document): Promise<void> {
  if (doc.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') return yieldToMain();
  return new Promise((resolve) => {
    const frame = requestAnimationFrame(() => {
      clearTimeout(cap);
      void nextTask().then(resolve);
    });
    const cap = setTimeout(() => {
      cancelAnimationFrame(frame);
      resolve();
    }, FRAME_WAIT_MS);
  });
}

/** Milliseconds on a monotonic clock. */
export const now = (): number => performance.now();
