/**
 * Worker calls that carry whole schedules (a preview of 25,000 talks, a
 * batch of the save). Chrome sends a runtime port's message through the
 * browser process, converting it value by value: 25,000 talks (14 MB) cost
 * 1.7 s a round trip, 0.5 s of it with the page frozen. Posted straight to
 * the service worker (`ServiceWorker.postMessage`, a structured clone from
 * renderer to renderer) the same talks cost 0.5 s, 0.16 s of it frozen;
 * the answer comes back on a MessageChannel (router.ts
 * `createClientListener`). A MessageChannel never says that the worker
 * stopped, so a request port is held open while calls are out: its
 * disconnect fails them, as it fails the port's own calls.
 *
 * Firefox's background is an event page whose runtime messages are
 * structured clones already: there, and wherever the worker cannot be
 * reached this way, these are plain {@link callBackground} calls.
 */
import browser from '../shared/browser';
import { type Method, type Params, REQUEST_PORT, type Reply, type Request, type Result } from '../shared/messages';
import { callBackground } from '../shared/messaging';
import { asResult, STOPPED, unreachable } from '../shared/port-caller';
import { serviceWorker } from '../shared/service-worker';

type Port = ReturnType<typeof browser.runtime.connect>;

const waiting = new Set<(r: Result<never>) => void>();
let watch: Port | undefined;

/** Opens the port that tells a stopped worker; connecting also wakes a stopped one. */
function watchWorker(): void {
  if (watch) return;
  const port = browser.runtime.connect({ name: REQUEST_PORT });
  port.onDisconnect.addListener(() => {
    if (watch !== port) return;
    watch = undefined;
    for (const done of [...waiting]) done({ ok: false, error: STOPPED });
  });
  watch = port;
}

function unwatchIfIdle(): void {
  if (waiting.size || !watch) return;
  const port = watch;
  watch = undefined;
  port.disconnect();
}

/** {@link callBackground} for requests with large parameters; never throws. */
export async function callBulk<M extends Method>(method: M, params: Params<M>): Promise<Result<Reply<M>>> {
  const worker = await serviceWorker().catch(() => undefined);
  if (!worker) return callBackground(method, params);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const done = (r: Result<Reply<M>>) => {
      if (!waiting.delete(done as never)) return;
      channel.port1.close();
      resolve(r);
      unwatchIfIdle();
    };
    waiting.add(done as never);
    channel.port1.onmessage = (e: MessageEvent) => done(asResult(e.data));
    try {
      watchWorker();
      const request: Request<M> = { podium: 1, method, params };
      worker.postMessage(request, [channel.port2]);
    } catch (e) {
      done(unreachable(e));
    }
  });
}
