/**
 * When the content script starts (detect/schedule.ts): after the page's next
 * paint, so its first tasks stay out of the page's first frame; at once in a
 * hidden page, which paints nothing; and never later than a second.
 */
import { afterNextPaint } from '../../../src/content/detect/schedule';

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

/** A document whose visibility reads `state`. */
function withVisibility(state: DocumentVisibilityState): Document {
  jest.spyOn(document, 'visibilityState', 'get').mockReturnValue(state);
  return document;
}

it('resolves in a task after the next animation frame, not before it', async () => {
  const frames: FrameRequestCallback[] = [];
  jest.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
  let done = false;
  const waited = afterNextPaint(withVisibility('visible')).then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(done).toBe(false);
  expect(frames).toHaveLength(1);

  frames[0]!(performance.now());
  // Not inside the frame's callback: in a task after it (the paint comes between).
  expect(done).toBe(false);
  await waited;
  expect(done).toBe(true);
});

it('does not wait for a frame in a hidden page', async () => {
  const raf = jest.spyOn(window, 'requestAnimationFrame');
  await afterNextPaint(withVisibility('hidden'));
  expect(raf).not.toHaveBeenCalled();
});

it('gives up waiting after a second when no frame comes (a frame that renders nothing)', async () => {
  jest.useFakeTimers();
  jest.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 7);
  const cancel = jest.spyOn(window, 'cancelAnimationFrame');
  let done = false;
  void afterNextPaint(withVisibility('visible')).then(() => (done = true));
  await jest.advanceTimersByTimeAsync(900);
  expect(done).toBe(false);
  await jest.advanceTimersByTimeAsync(200);
  expect(done).toBe(true);
  // The frame it no longer waits for is not asked for either.
  expect(cancel).toHaveBeenCalledWith(7);
});
