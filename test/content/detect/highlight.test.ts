/**
 * The painter (src/content/detect/highlight.ts) against a stand-in of the CSS
 * Custom Highlight API (jsdom has none): additions and removals arriving
 * slice after slice reach the highlight together (when names stop coming,
 * or a second after the first), and nothing stays registered
 * after destroy().
 */
import { MARK, Painter } from '../../../src/content/detect/highlight';

/** The slices' clock, moved only by the stand-in highlight's cost; a yield lasts 40 ms of the fake timers (a frame or so). */
const mockClock = { t: 0 };
jest.mock('../../../src/content/detect/schedule', () => ({
  ...jest.requireActual('../../../src/content/detect/schedule'),
  now: () => mockClock.t,
  yieldToMain: () => new Promise<void>((resolve) => setTimeout(resolve, 40)),
}));

/** Tasks queued with nextTask (a hidden page's flush), run by {@link runTasks}. */
const mockTasks: (() => void)[] = [];
jest.mock('../../../src/shared/next-task', () => ({ nextTask: () => new Promise<void>((resolve) => mockTasks.push(resolve)) }));
async function runTasks(): Promise<void> {
  for (const run of mockTasks.splice(0)) run();
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

class FakeHighlight {
  static updates = 0;
  /** Milliseconds each range added costs (Firefox: some 0.015). */
  static costMs = 0;
  readonly ranges = new Set<AbstractRange>();
  priority = 0;
  add(r: AbstractRange) {
    FakeHighlight.updates++;
    mockClock.t += FakeHighlight.costMs;
    this.ranges.add(r);
  }
  delete(r: AbstractRange) {
    FakeHighlight.updates++;
    return this.ranges.delete(r);
  }
  clear() {
    this.ranges.clear();
  }
}
const registry = new Map<string, FakeHighlight>();
const g = globalThis as unknown as { Highlight?: unknown; CSS?: { highlights?: unknown } };


beforeAll(() => {
  g.Highlight = FakeHighlight;
  g.CSS = { highlights: registry };
});
afterAll(() => {
  delete g.Highlight;
  delete g.CSS;
});
beforeEach(() => {
  jest.useFakeTimers();
  registry.clear();
  document.body.innerHTML = '<p>Angelo Failla and Rok Papež and Giuseppe Lavagetto</p>';
});
afterEach(() => {
  FakeHighlight.costMs = 0;
  jest.useRealTimers();
});

const rangeAt = (start: number, end: number) => {
  const r = document.createRange();
  r.setStart(document.querySelector('p')!.firstChild!, start);
  r.setEnd(document.querySelector('p')!.firstChild!, end);
  return r;
};

describe('Painter', () => {
  it('waits until names stop coming (100 ms), or 1 s after the first name it holds, and applies them in one update', () => {
    const p = new Painter(MARK);
    const [a, b, c, d] = [rangeAt(0, 13), rangeAt(18, 27), rangeAt(32, 50), rangeAt(1, 5)];
    p.add([a]);
    jest.advanceTimersByTime(60);
    p.add([b]);
    jest.advanceTimersByTime(99);
    expect(registry.get(MARK)?.ranges.size ?? 0).toBe(0);
    jest.advanceTimersByTime(1);
    expect(registry.get(MARK)!.ranges.size).toBe(2);

    // A scan still answering every 90 ms: no update until it is quiet, or 1 s after the first name held.
    for (let i = 0; i < 11; i++) {
      p.add([i % 2 ? c : d]);
      jest.advanceTimersByTime(90);
      expect(registry.get(MARK)!.ranges.size).toBe(2);
    }
    p.add([c]);
    jest.advanceTimersByTime(10);
    expect(registry.get(MARK)!.ranges.size).toBe(4);
    p.add([rangeAt(2, 6)]);
    jest.advanceTimersByTime(99);
    expect(registry.get(MARK)!.ranges.size).toBe(4);
    jest.advanceTimersByTime(1);
    expect(registry.get(MARK)!.ranges.size).toBe(5);
  });

  it('in a hidden page (a background tab, whose timers are clamped) applies changes in the next task, with no timer', async () => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    const timers = jest.spyOn(globalThis, 'setTimeout');
    try {
      const p = new Painter(MARK);
      p.add([rangeAt(0, 13)]);
      p.add([rangeAt(18, 27)]);
      expect(registry.get(MARK)?.ranges.size ?? 0).toBe(0);
      expect(mockTasks).toHaveLength(1); // one task for both changes
      await runTasks();
      expect(registry.get(MARK)!.ranges.size).toBe(2);
      p.add([rangeAt(32, 50)]);
      await runTasks();
      expect(registry.get(MARK)!.ranges.size).toBe(3);
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    expect(document.visibilityState).toBe('visible');
  });

  it('settle() applies what it holds at once (a scan is done), and leaves no timer to fire after', () => {
    const p = new Painter(MARK);
    p.add([rangeAt(0, 13)]);
    p.add([rangeAt(18, 27)]);
    expect(jest.getTimerCount()).toBe(1);
    p.settle();
    expect(registry.get(MARK)!.ranges.size).toBe(2);
    expect(jest.getTimerCount()).toBe(0);
    // Later changes wait for quiet again.
    p.add([rangeAt(32, 50)]);
    jest.advanceTimersByTime(99);
    expect(registry.get(MARK)!.ranges.size).toBe(2);
    jest.advanceTimersByTime(1);
    expect(registry.get(MARK)!.ranges.size).toBe(3);
  });

  it('holds one timer however many changes arrive while it waits', () => {
    const p = new Painter(MARK);
    const timers = jest.spyOn(globalThis, 'setTimeout');
    const clears = jest.spyOn(globalThis, 'clearTimeout');
    // A 1 MB schedule's answers: a change every few milliseconds for half a second.
    for (let i = 0; i < 100; i++) {
      p.add([rangeAt(i % 40, (i % 40) + 2)]); // a new range each time
      jest.advanceTimersByTime(5);
    }
    // Armed once, looked at when it fired (100 ms) and every time names had kept coming since.
    expect(timers.mock.calls.length).toBeLessThanOrEqual(6);
    expect(clears).not.toHaveBeenCalled();
    expect(registry.get(MARK)?.ranges.size ?? 0).toBe(0);
    jest.advanceTimersByTime(100);
    expect(registry.get(MARK)!.ranges.size).toBe(100);
    timers.mockRestore();
    clears.mockRestore();
  });

  it('drops a name removed before it was painted without touching the highlight, and removes painted ones', () => {
    const p = new Painter(MARK);
    const [a, b] = [rangeAt(0, 13), rangeAt(18, 27)];
    p.add([a]);
    jest.runOnlyPendingTimers();
    const h = registry.get(MARK)!;
    const before = FakeHighlight.updates;
    p.add([b]);
    p.remove([b]);
    jest.runOnlyPendingTimers();
    expect(FakeHighlight.updates).toBe(before);
    p.remove([a]);
    jest.runOnlyPendingTimers();
    expect(h.ranges.size).toBe(0);
  });

  it('set() shows exactly its ranges at once; destroy() cancels what was pending and unregisters', () => {
    const p = new Painter(MARK);
    const [a, b] = [rangeAt(0, 13), rangeAt(18, 27)];
    p.add([a]);
    p.set([b]);
    expect([...registry.get(MARK)!.ranges]).toEqual([b]);
    jest.runOnlyPendingTimers();
    expect([...registry.get(MARK)!.ranges]).toEqual([b]);
    p.add([a]);
    p.destroy();
    jest.runOnlyPendingTimers();
    expect(registry.has(MARK)).toBe(false);
  });

  it('spreads a change too slow for one slice over several tasks, taking in what changes meanwhile', async () => {
    FakeHighlight.costMs = 1; // a 5 ms slice holds six ranges
    const p = new Painter(MARK);
    const ranges = Array.from({ length: 21 }, (_, i) => rangeAt(i, i + 2));
    p.add(ranges.slice(0, 20));
    jest.advanceTimersByTime(100);
    const h = registry.get(MARK)!;
    expect(h.ranges.size).toBe(6);

    // Between slices: a painted name removed, one not painted yet removed, one added.
    p.remove([ranges[0]!, ranges[19]!]);
    p.add([ranges[20]!]);
    await jest.advanceTimersByTimeAsync(40);
    expect(h.ranges.size).toBe(12);
    // The removal's flush comes due (at 200 ms) while this one still runs (to 220 ms): it waits its turn.
    await jest.advanceTimersByTimeAsync(80);
    const painted = () => [...h.ranges].map((r) => ranges.indexOf(r as Range));
    expect(painted()).toEqual([...Array(19).keys(), 20]);
    await jest.advanceTimersByTimeAsync(100);
    expect(painted()).toEqual([...Array(19).keys(), 20].slice(1));
  });

  it('destroy() between slices stops the flush and leaves nothing registered', async () => {
    FakeHighlight.costMs = 1;
    const p = new Painter(MARK);
    p.add(Array.from({ length: 20 }, (_, i) => rangeAt(i, i + 2)));
    jest.advanceTimersByTime(100);
    expect(registry.get(MARK)!.ranges.size).toBe(6);
    p.destroy();
    await jest.advanceTimersByTimeAsync(500);
    expect(registry.has(MARK)).toBe(false);
  });
});
