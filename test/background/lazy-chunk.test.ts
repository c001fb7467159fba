/**
 * The worker's code loaded on first use: once however many callers ask, again
 * after a failure; in a document without importScripts (Firefox's event page)
 * through a script element first; preloaded only in a service worker.
 */
import { lazyChunk } from '../../src/background/lazy-chunk';

const g = globalThis as { __PODIUM_TEST__?: boolean; importScripts?: unknown };
const url = (file: string) => `moz-extension://podium/${file}`;

describe('lazyChunk', () => {
  afterEach(() => {
    g.__PODIUM_TEST__ = true;
    delete g.importScripts;
    document.head.replaceChildren();
  });

  it('loads once for every caller, and again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const chunk = lazyChunk('worker-parsers', async () => {
      calls++;
      if (fail) throw new Error('offline');
      return { value: 42 };
    }, url);
    await expect(chunk.get()).rejects.toThrow('offline');
    fail = false;
    const [a, b] = await Promise.all([chunk.get(), chunk.get()]);
    expect(a).toBe(b);
    expect(a.value).toBe(42);
    expect(calls).toBe(2);
  });

  it('in a document without importScripts, adds the chunk as a script element before importing it', async () => {
    g.__PODIUM_TEST__ = false;
    const load = jest.fn(async () => 'modules');
    const chunk = lazyChunk('worker-parsers', load, url);
    const got = chunk.get();
    const script = document.head.querySelector('script')!;
    expect(script.src).toBe(url('worker-parsers.js'));
    expect(load).not.toHaveBeenCalled();
    script.onload!(new Event('load'));
    await expect(got).resolves.toBe('modules');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says which file failed to load, and tries again on the next call', async () => {
    g.__PODIUM_TEST__ = false;
    const chunk = lazyChunk('worker-parsers', async () => 'modules', url);
    const first = chunk.get();
    document.head.querySelector('script')!.onerror!(new Event('error'));
    await expect(first).rejects.toThrow(`could not load ${url('worker-parsers.js')}`);
    const second = chunk.get();
    const scripts = document.head.querySelectorAll('script');
    expect(scripts).toHaveLength(2);
    scripts[1]!.onload!(new Event('load'));
    await expect(second).resolves.toBe('modules');
  });

  it('preloads in a service worker only (Chrome imports a script later only if it did while installing)', async () => {
    const load = jest.fn(async () => 'modules');
    const chunk = lazyChunk('worker-parsers', load, url);
    chunk.preload();
    expect(load).not.toHaveBeenCalled();
    g.importScripts = () => undefined;
    g.__PODIUM_TEST__ = false;
    chunk.preload();
    expect(load).toHaveBeenCalledTimes(1);
    expect(document.head.querySelector('script')).toBeNull();
    await expect(chunk.get()).resolves.toBe('modules');
    expect(load).toHaveBeenCalledTimes(1);
  });
});
