/**
 * The popup's searches, keystroke by keystroke, on a MessageChannel of its
 * own to Chrome's service worker. The popup and the worker live in one
 * process: a channel message goes from one thread to the other, where a
 * runtime port's goes through the browser process both ways, which on a
 * busy machine (the worker indexing an import) was 20–40 ms of each
 * keystroke.
 *
 * The channel never says that the worker stopped, so the request port is
 * held open beside it: its disconnect drops the channel, and the calls left
 * unanswered are sent again on the port (only reads go this way, so sending
 * one twice is harmless). Messages on a channel do not count as the
 * worker's events, so a runtime `ping` now and then keeps it from being
 * stopped as idle while the user types. Firefox's event page, or a worker
 * not reachable this way: plain {@link callBackground} calls.
 */
import browser from '../shared/browser';
import { CHANNEL_OPEN, type Params, type PortRequest, REQUEST_PORT, type Reply, type Result } from '../shared/messages';
import { callBackground } from '../shared/messaging';
import { parsePortReply, STOPPED } from '../shared/port-caller';
import { hasServiceWorker, serviceWorker } from '../shared/service-worker';

/** The calls that may go this way: reads, sent again after a stop. */
type Read = 'search';

/** A `ping` on the runtime port at most this often while the channel is used (Chrome stops a worker idle for 30 s). */
const KEEP_ALIVE_MS = 20_000;

interface Channel {
  port: MessagePort;
  pending: Map<number, (r: Result<unknown>) => void>;
}

let opening: Promise<Channel | undefined> | undefined;
let nextId = 1;
let keptAliveAt = 0;

async function open(): Promise<Channel | undefined> {
  const worker = await serviceWorker().catch(() => undefined);
  if (!worker) return undefined;
  const { port1, port2 } = new MessageChannel();
  const channel: Channel = { port: port1, pending: new Map() };
  port1.onmessage = (e: MessageEvent) => {
    const r = parsePortReply(e.data);
    const done = r && channel.pending.get(r.id);
    if (!done) return;
    channel.pending.delete(r.id);
    done(r.reply);
  };
  const watch = browser.runtime.connect({ name: REQUEST_PORT });
  watch.onDisconnect.addListener(() => {
    opening = undefined;
    port1.close();
    const left = [...channel.pending.values()];
    channel.pending.clear();
    for (const done of left) done({ ok: false, error: STOPPED });
  });
  worker.postMessage({ podium: 1, channel: CHANNEL_OPEN }, [port2]);
  return channel;
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
  const channel = await opening;
  if (!channel) {
    opening = undefined;
    return callBackground(method, params);
  }
  if (Date.now() - keptAliveAt > KEEP_ALIVE_MS) {
    keptAliveAt = Date.now();
    void callBackground('ping', {});
  }
  const reply = await new Promise<Result<unknown>>((resolve) => {
    const id = nextId++;
    channel.pending.set(id, resolve);
    const request: PortRequest<M> = { podium: 1, id, method, params };
    channel.port.postMessage(request);
  });
  // The worker stopped before answering: the port wakes it.
  if (!reply.ok && reply.error === STOPPED) return callBackground(method, params);
  return reply as Result<Reply<M>>;
}
