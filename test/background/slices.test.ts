import { GIVE_WAY_MS, giveWay, Slices } from '../../src/background/slices';

describe('Slices', () => {
  afterEach(() => jest.useRealTimers());

  it('pause lets other work in, and after a person’s request stands aside until their answer is painted', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const slices = new Slices();
    let resumed = false;
    // No one waiting: the next task.
    await act(slices.pause());
    giveWay();
    void slices.pause().then(() => (resumed = true));
    await jest.advanceTimersByTimeAsync(GIVE_WAY_MS - 5);
    expect(resumed).toBe(false);
    // Another keystroke meanwhile: the wait runs from it.
    giveWay();
    await jest.advanceTimersByTimeAsync(GIVE_WAY_MS - 5);
    expect(resumed).toBe(false);
    await jest.advanceTimersByTimeAsync(10);
    expect(resumed).toBe(true);
    expect(slices.due()).toBe(false);
  });
});

/** Runs fake timers until `p` settles . */
async function act(p: Promise<void>): Promise<void> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) {
    await jest.advanceTimersByTimeAsync(1);
  }
  expect(done).toBe(true);
}
