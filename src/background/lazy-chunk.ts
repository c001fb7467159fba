/**
 * Worker code loaded when first needed rather than at every start: the
 * browser stops an idle worker, and the next page wakes it. Evaluating every
 * schedule parser at each wake cost Firefox's event page about 50 ms before
 * it could answer that page (some 120–160 ms for the whole worker, 65–95 ms
 * without the parsers).
 *
 * Webpack loads the worker's async chunks with `importScripts`
 * (webpack.config.ts names them `worker-*.js`). A service worker may import
 * a script after it is installed only if it imported it while installing, so
 * Chrome's imports each chunk then ({@link lazyChunk}'s `preload`). Firefox's
 * event page is a document without `importScripts`: there the chunk goes in
 * as a script element, which hands its modules to webpack's runtime, and the
 * `import()` after it finds the chunk loaded.
 */

/** A chunk's file: webpack.config.ts names a `worker-*` chunk `[name].js`. */
const chunkFile = (name: string): string => `${name}.js`;

const inServiceWorker = (): boolean => typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';

function addScript(doc: Document, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Podium could not load ${url}`));
    doc.head.append(script);
  });
}

export interface LazyChunk<T> {
  /** The chunk's exports, loaded on the first call. */
  get(): Promise<T>;
  /** Chrome's service worker, while installing: imports the chunk so that later starts may. */
  preload(): void;
}

/**
 * @param name - the chunk's name, `worker-…`, exactly as in the `webpackChunkName` comment of `load`'s `import()`
 * @param load - `() => import(… './module')`
 * @param url - the extension URL of a packaged file (`runtime.getURL`)
 */
export function lazyChunk<T>(name: string, load: () => Promise<T>, url: (file: string) => string): LazyChunk<T> {
  let loading: Promise<T> | undefined;
  const get = (): Promise<T> => {
    // Tests run the modules directly; built, the script element is only for a document without importScripts.
    const doc = __PODIUM_TEST__ || inServiceWorker() ? undefined : globalThis.document;
    loading ??= (doc ? addScript(doc, url(chunkFile(name))).then(load) : load()).catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
    return loading;
  };
  return {
    get,
    preload: () => {
      if (inServiceWorker()) void get().catch((e: unknown) => console.error('Podium: could not preload', name, e));
    },
  };
}
