/**
 * The worker's single message router: checks who is asking, validates the
 * parameters, runs the handler, and always answers with a Result.
 */
import { isQuotaError, quotaMessage } from './archive/errors';
import type { Runtime } from '../shared/browser';
import { CHANNEL_OPEN, CONTENT_METHODS, type Method, type Params, type PortReply, REQUEST_PORT, type Reply, type Result } from '../shared/messages';
import { type Check, validate, ValidationError } from '../shared/validate';

export interface CallContext {
  sender: Runtime.MessageSender;
  /** True when the caller is a content script inside a web page. */
  fromContent: boolean;
}

export interface Handler<M extends Method> {
  params: Check<Params<M>>;
  run(params: Params<M>, ctx: CallContext): Promise<Reply<M>> | Reply<M>;
}

export type Handlers = { [M in Method]: Handler<M> };

/** One area's handlers: exactly the methods of its part of the message map (src/shared/messages/<area>.ts). */
export type AreaHandlers<Calls> = { [M in keyof Calls & Method]: Handler<M> };

export interface RouterOptions {
  extensionId: string;
  /** `runtime.getURL('')`: the origin of this extension's own pages. */
  extensionBase: string;
  onError?: (method: string, error: unknown) => void;
}

/** Classifies a sender; `undefined` means the message is not ours to answer. */
export function classifySender(sender: Runtime.MessageSender, opts: RouterOptions): CallContext | undefined {
  if (sender.id !== opts.extensionId) return undefined;
  const url = sender.url ?? '';
  if (url.startsWith(opts.extensionBase)) return { sender, fromContent: false };
  // Anything else from our own id with a tab is a content script in a web page.
  if (sender.tab) return { sender, fromContent: true };
  return undefined;
}

function isRequest(message: unknown): message is { podium: 1; method: string; params?: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { podium?: unknown }).podium === 1 &&
    typeof (message as { method?: unknown }).method === 'string'
  );
}

/**
 * Builds the `runtime.onMessage` listener. It returns a promise for Podium's
 * requests and `undefined` for anything else, so other listeners may answer.
 */
export function createRouter(handlers: Handlers, opts: RouterOptions) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> | undefined => {
    if (!isRequest(message)) return undefined;
    const ctx = classifySender(sender, opts);
    if (!ctx) return Promise.resolve({ ok: false, error: 'This sender may not talk to Podium.' });
    return dispatch(handlers, message.method, message.params, ctx, opts);
  };
}

function isPortRequest(message: unknown): message is { podium: 1; id: number; method: string; params?: unknown } {
  return isRequest(message) && Number.isSafeInteger((message as { id?: unknown }).id);
}

/**
 * Builds the `runtime.onConnect` listener for {@link REQUEST_PORT}: the
 * sender is checked once, when the port opens (a port cannot change hands),
 * and every request on it goes through the same checks as the router's.
 */
export function createPortListener(handlers: Handlers, opts: RouterOptions) {
  return (port: Runtime.Port): void => {
    if (port.name !== REQUEST_PORT) return;
    const ctx = port.sender && classifySender(port.sender, opts);
    if (!ctx) {
      port.disconnect();
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      if (!isPortRequest(message)) return;
      void dispatch(handlers, message.method, message.params, ctx, opts).then((reply) => {
        const out: PortReply = { podium: 1, id: message.id, reply };
        try {
          port.postMessage(out);
        } catch {
          // The page went away meanwhile.
        }
      });
    });
  };
}

/** The part of a service worker's `message` event (ExtendableMessageEvent) used here. */
export interface ClientMessage {
  data: unknown;
  source: { url: string } | object | null;
  ports: readonly ClientPort[];
  waitUntil(p: Promise<unknown>): void;
}

/** The part of a MessagePort a client hands the worker that is used here. */
export interface ClientPort {
  postMessage(message: unknown): void;
  onmessage?: ((e: { data: unknown }) => void) | null;
}

/**
 * Builds the service worker's `message` listener (Chrome): requests an
 * extension page posts straight to the worker with a MessagePort for the
 * answer (src/import/bulk-call.ts), for bundles too big for a runtime port
 * (see there). Only this extension's pages are clients of its worker; the
 * client's URL is checked all the same, and the request goes through the
 * same checks as the port's, as from an extension page.
 */
export function createClientListener(handlers: Handlers, opts: RouterOptions) {
  return (event: ClientMessage): void => {
    const reply = event.ports[0];
    const channel = isChannelOpen(event.data);
    if (!reply || !(channel || isRequest(event.data))) return;
    const url = event.source && 'url' in event.source ? event.source.url : '';
    if (!url.startsWith(opts.extensionBase)) return reply.postMessage({ ok: false, error: 'This sender may not talk to Podium.' });
    const ctx: CallContext = { sender: { id: opts.extensionId, url }, fromContent: false };
    if (channel) return serveChannel(reply, handlers, ctx, opts);
    const request = event.data as { method: string; params?: unknown };
    event.waitUntil(dispatch(handlers, request.method, request.params, ctx, opts).then((r) => reply.postMessage(r)));
  };
}

function isChannelOpen(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { podium?: unknown }).podium === 1 && (message as { channel?: unknown }).channel === CHANNEL_OPEN;
}

/**
 * A page's own channel to the worker (src/popup/direct-call.ts): requests
 * with ids, as on the request port, answered on it. Its messages go from
 * the page's thread to the worker's without the browser process between.
 */
function serveChannel(port: ClientPort, handlers: Handlers, ctx: CallContext, opts: RouterOptions): void {
  port.onmessage = (e) => {
    const m = e.data;
    if (!isPortRequest(m)) return;
    void dispatch(handlers, m.method, m.params, ctx, opts).then((reply) => {
      const answer: PortReply = { podium: 1, id: m.id, reply };
      port.postMessage(answer);
    });
  };
}

export async function dispatch(
  handlers: Handlers,
  method: string,
  rawParams: unknown,
  ctx: CallContext,
  opts: Pick<RouterOptions, 'onError'> = {},
): Promise<Result<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(handlers, method)) {
    return { ok: false, error: `Unknown request “${method.slice(0, 40)}”.` };
  }
  const m = method as Method;
  if (ctx.fromContent && !CONTENT_METHODS.has(m)) {
    return { ok: false, error: `Web pages may not ask for “${m}”.` };
  }
  const handler = handlers[m] as unknown as Handler<Method>;
  try {
    const params = validate(handler.params, rawParams ?? {}, 'params');
    const value = await handler.run(params as never, ctx);
    // Reply null, never undefined (webextension-polyfill#75).
    return { ok: true, value: value ?? null };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, error: `Bad request for “${m}”: ${e.message}` };
    opts.onError?.(m, e);
    return { ok: false, error: errorMessage(e) };
  }
}

/** A sentence a person can read, for any thrown value. */
export function errorMessage(e: unknown): string {
  // Storage full, however Dexie wrapped it: the one place quota errors become words (the write's transaction has aborted, nothing was written).
  if (isQuotaError(e) || (e instanceof Error && /quota/i.test(e.message))) return quotaMessage();
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
