import browser from './browser';
import type { Method, Params, Reply, Request, Result } from './messages';

/**
 * Calls a worker method. Never throws: a dead or missing worker, or a
 * handler error, comes back as `{ ok: false, error }`.
 */
export async function callBackground<M extends Method>(method: M, params: Params<M>): Promise<Result<Reply<M>>> {
  const request: Request<M> = { podium: 1, method, params };
  try {
    const reply = (await browser.runtime.sendMessage(request)) as Result<Reply<M>> | undefined;
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
      return { ok: false, error: 'Podium’s background worker gave no answer.' };
    }
    return reply;
  } catch (e) {
    return { ok: false, error: `Could not reach Podium’s background worker: ${(e as Error).message}` };
  }
}

/** {@link callBackground} for code that prefers exceptions: resolves with the value or throws the worker's sentence. */
export async function callOrThrow<M extends Method>(method: M, params: Params<M>): Promise<Reply<M>> {
  const reply = await callBackground(method, params);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
