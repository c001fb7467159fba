/**
 * Chrome's service worker as an extension page sees it, for unit tests of
 * the pages' direct calls (src/import/bulk-call.ts, src/popup/direct-call.ts):
 * `navigator.serviceWorker`'s active worker whose posts reach the router's
 * client listener, MessageChannels that deliver a task later, cloned, and
 * runtime ports the test can stop as the browser stops a worker.
 */
import { type ClientMessage, createClientListener, type Handlers } from '../../src/background/router';
import browser from './browser';

type OnMessage = ((e: { data: unknown }) => void) | null;

/** A MessageChannel as the browser's: each side's message reaches the other's `onmessage`, a task later, cloned. */
export class FakeChannel {
  readonly port1 = { onmessage: null as OnMessage, close: () => void (this.closed = true), postMessage: (m: unknown) => this.deliver(this.port2, m) };
  readonly port2 = { onmessage: null as OnMessage, close: () => void (this.closed = true), postMessage: (m: unknown) => this.deliver(this.port1, m) };
  private closed = false;
  private deliver(to: { onmessage: OnMessage }, m: unknown) {
    if (this.closed) return;
    const data = structuredClone(m);
    setTimeout(() => to.onmessage?.({ data }), 0);
  }
}

export interface FakeWorker {
  /** Everything posted to the worker. */
  posted: unknown[];
  /** What the worker does with a post (default: the router's client listener, as from `url`). */
  onPost: (data: unknown, ports: ClientMessage['ports']) => void;
  /** The pages' runtime ports, and a way to disconnect each as a stopped worker does. */
  ports: { disconnected: boolean; stop: () => void }[];
}

export const extensionOpts = { extensionId: 'podium@test', extensionBase: 'chrome-extension://podium-test/' };

/** Installs the worker for pages at `url`; `uninstallWorker` in afterEach. */
export function installWorker(handlers: Handlers, url: string): FakeWorker {
  const listener = createClientListener(handlers, extensionOpts);
  const worker: FakeWorker = {
    posted: [],
    ports: [],
    onPost: (data, ports) => listener({ data: structuredClone(data), source: { url }, ports, waitUntil: () => undefined }),
  };
  (globalThis as Record<string, unknown>)['MessageChannel'] = FakeChannel;
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      getRegistration: async () => ({
        active: {
          postMessage: (m: unknown, transfer: ClientMessage['ports']) => {
            worker.posted.push(m);
            worker.onPost(m, transfer);
          },
        },
      }),
    },
  });
  const runtime = browser.runtime as unknown as Record<string, unknown>;
  runtime['getManifest'] = () => ({ version: '0.0.0-test', name: 'Podium', background: { service_worker: 'background.js' } });
  runtime['connect'] = () => {
    const gone: (() => void)[] = [];
    const port = { disconnected: false, stop: () => gone.forEach((fn) => fn()) };
    worker.ports.push(port);
    return { onDisconnect: { addListener: (fn: () => void) => gone.push(fn) }, onMessage: { addListener: () => undefined }, postMessage: () => undefined, disconnect: () => (port.disconnected = true) };
  };
  return worker;
}

/** Puts back the test browser's runtime: no ports, no service worker. */
export function uninstallWorker(): void {
  const runtime = browser.runtime as unknown as Record<string, unknown>;
  delete runtime['connect'];
  runtime['getManifest'] = () => ({ version: '0.0.0-test', name: 'Podium', content_scripts: [{ matches: ['https://pretalx.com/*'] }] });
  delete (navigator as unknown as Record<string, unknown>)['serviceWorker'];
}
