/**
 * The content script's entry (src/content/index.ts): Firefox may run it at
 * document_idle inside the page's load, and building the extension API there
 * costs some 15 ms, so the script touches no API until a task of its own
 * after the page's next paint, and starts once however often it is injected.
 */
const g = globalThis as { browser?: unknown; __podiumDetection?: unknown };

afterEach(() => {
  delete g.browser;
  delete g.__podiumDetection;
});

/** A `browser` whose runtime counts its reads and answers that the archive is empty. */
function countingBrowser(): { reads: () => number; calls: unknown[] } {
  let reads = 0;
  const calls: unknown[] = [];
  const runtime = {
    id: 'podium@test',
    sendMessage: async (m: unknown) => (calls.push(m), { ok: true, value: { active: false, settings: {} } }),
    onMessage: { addListener: () => undefined, removeListener: () => undefined },
  };
  g.browser = Object.defineProperty({}, 'runtime', { get: () => (reads++, runtime) });
  return { reads: () => reads, calls };
}

/** Resolves after the page's next frame and a task (the content script waits for the page to paint first). */
const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const tasks = (n: number) => Array.from({ length: n }).reduce<Promise<unknown>>((p) => p.then(() => new Promise((r) => setTimeout(r, 0))), Promise.resolve());

it('touches no extension API in the task that runs the script, and asks the worker in a later one, once', async () => {
  const api = countingBrowser();
  jest.isolateModules(() => require('../../src/content/index'));
  expect(api.reads()).toBe(0);
  await painted();
  await tasks(5);
  expect(api.reads()).toBeGreaterThan(0);
  // A page without text: the start call sends none.
  expect(api.calls).toEqual([{ podium: 1, method: 'startPage', params: { parts: [] } }]);

  // Injected again ("Scan this page"): nothing more.
  jest.isolateModules(() => require('../../src/content/index'));
  await painted();
  await tasks(5);
  expect(api.calls).toHaveLength(1);
});
