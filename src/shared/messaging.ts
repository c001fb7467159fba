import browser from './browser';
import type { Method, Params, Reply, Result } from './messages';
import { PortCaller, type RuntimeLike } from './port-caller';

let requests: PortCaller | undefined;

/**
 * Calls a worker method, over this page's request port (opened on first
 * use, closed when idle). Never throws: a dead or missing worker, or a
 * handler error, comes back as `{ ok: false, error }`.
 */
export function callBackground<M extends Method>(method: M, params: Params<M>): Promise<Result<Reply<M>>> {
  requests ??= new PortCaller(browser as unknown as RuntimeLike);
  return requests.call(method, params);
}

/** {@link callBackground} for code that prefers exceptions: resolves with the value or throws the worker's sentence. */
export async function callOrThrow<M extends Method>(method: M, params: Params<M>): Promise<Reply<M>> {
  const reply = await callBackground(method, params);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
