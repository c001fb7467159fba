/**
 * The one message map between Podium's contexts.
 *
 * Protocol: a content script or extension page sends
 * `{ podium: 1, method, params }` with `runtime.sendMessage`; the worker's
 * single listener (src/background/router.ts) checks the sender, validates
 * `params` against the method's checker, runs the handler and answers with a
 * {@link Result}. Errors never cross the boundary as exceptions: they come
 * back as `{ ok: false, error }` with a sentence a person can read.
 *
 * Content scripts run inside untrusted pages, so they may call only the
 * methods in {@link CONTENT_METHODS}; everything else is for extension pages.
 */
import type { Counts, SpeakerWithTalks } from './types';

export interface PingReply {
  version: string;
  counts: Counts;
}

/** What the worker answers for a batch of names found on a page. */
export interface SpeakerHit {
  /** The normalised name key that matched. */
  key: string;
  speakers: { id: string; name: string; headline?: string }[];
}

export interface BackgroundCalls {
  /** Liveness and archive size. */
  ping: { params: Record<string, never>; result: PingReply };
  counts: { params: Record<string, never>; result: Counts };
  /** One speaker with their talks (most recent first). */
  getSpeaker: { params: { id: string }; result: SpeakerWithTalks | null };
  /** Batch lookup by displayed names (normalised by the worker). */
  findSpeakers: { params: { names: string[] }; result: SpeakerHit[] };
  /** Fill the archive with the sample speakers and talks. */
  loadSample: { params: Record<string, never>; result: Counts };
}

export type Method = keyof BackgroundCalls;
export type Params<M extends Method> = BackgroundCalls[M]['params'];
export type Reply<M extends Method> = BackgroundCalls[M]['result'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Request<M extends Method = Method> {
  podium: 1;
  method: M;
  params: Params<M>;
}

/** Methods a content script may call: read-only lookups the hover card needs. */
export const CONTENT_METHODS: ReadonlySet<Method> = new Set<Method>(['ping', 'getSpeaker', 'findSpeakers']);
