/**
 * The popup's searches, keystroke by keystroke, on a MessageChannel of its
 * own to Chrome's service worker. The popup and the worker live in one
 * process: a channel message goes from one thread to the other, where a
 * runtime port's goes through the browser process both ways, which on a
 * busy machine (the worker indexing an import) was 20–40 ms of each
 * keystroke.
 *
 * The channel is driven by the request port's own caller (`PortCaller`:
 * ids, replies, closing when idle). It never says that the worker stopped,
 * so a runtime port is held open beside it: its disconnect drops the
 * channel, and the calls left unanswered are sent again on the port (only reads go this way, so sending
 * one twice is harmless). Messages on a channel do not count as the
 * worker's events, so a runtime `ping` now and then keeps it from being
 * stopped as idle while the user types. Firefox's event page, or a worker
 * not reachable this way: plain {@link callBackground} calls.
 */
import browser from '../shared/browser';
import { CHANNEL_OPEN, type Params, REQUEST_PORT, type Reply, type Result } from '../shared/messages';
import { callBackground } from '../shared/messaging';
import { PortCaller, type PortLike, STOPPED } from '../shared/port-caller';
import { hasServiceWorker, serviceWorker } from '../shared/service-worker';

/** The calls that may go this way: reads, sent again after a stop. */
type Read = 'search';

/** A `ping` on the runtime port at most this often while the channel is used (Chrome stops a worker idle for 30 s). */
const KEEP_ALIVE_MS = 20_000;

let opening: Promise<PortCaller | undefined> | undefined;
let keptAliveAt = 0;

/** A new channel to `worker`, as a port: its messages on the channel, its disconnect the runtime port's. */
function channelTo(worker: ServiceWorker): PortLike {
  const { port1, port2 } = new MessageChannel();
  const watch = browser.runtime.connect({ name: REQUEST_PORT });
  // The worker stopped: the next call looks it up again (a new version may have replaced it).
  watch.onDisconnect.addListener(() => (opening = undefined));
  worker.postMessage({ podium: 1, channel: CHANNEL_OPEN }, [port2]);
  return {
    postMessage: (message) => port1.postMessage(message),
    disconnect: () => {
      port1.close();
      watch.disconnect();
    },
    onMessage: { addListener: (fn) => void (port1.onmessage = (e: MessageEvent) => fn(e.data)) },
    onDisconnect: {
      addListener: (fn) =>
        watch.onDisconnect.addListener(() => {
          port1.close();
          fn();
        }),
    },
  };
}

async function open(): Promise<PortCaller | undefined> {
  const worker = await serviceWorker().catch(() => undefined);
  if (!worker) return undefined;
  return new PortCaller({ runtime: { sendMessage: (m) => browser.runtime.sendMessage(m), connect: () => channelTo(worker) } });
}

/** Opens the channel ahead of the first keystroke (finding the worker's registration takes a few tasks). */
export function openDirect(): void {
  if (hasServiceWorker()) opening ??= open().catch(() => undefined);
}

/** {@link callBackground} for the popup's reads, on its own channel where there is one; never throws. */
export async function callDirect<M extends Read>(method: M, params: Params<M>): Promise<Result<Reply<M>>> {
  // Firefox: the port, with no detour.
  if (!hasServiceWorker()) return callBackground(method, params);
  openDirect();
  const caller = await opening;
  if (!caller) {
    opening = undefined;
    return callBackground(method, params);
  }
  if (Date.now() - keptAliveAt > KEEP_ALIVE_MS) {
    keptAliveAt = Date.now();
    void callBackground('ping', {});
  }
  const reply = await caller.call(method, params);
  // The worker stopped before answering: the port wakes it.
  if (!reply.ok && reply.error === STOPPED) return callBackground(method, params);
  return reply;
}
