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
import type { ContentSettings } from '../content-settings';
import type { ArchiveCalls } from './archive';
import type { CommandCalls } from './commands';
import type { ImportCalls } from './import';
import type { MatcherCalls } from './matcher';
import type { SearchCalls } from './search';
import type { SiteCalls } from './sites';
import type { SubscriptionCalls } from './subscriptions';
import type { SyncCalls } from './sync';

export * from './archive';
export * from './commands';
export * from './import';
export * from './matcher';
export * from './search';
export * from './sites';
export * from './subscriptions';
export * from './sync';

/** Every method the worker answers: each area's map (one file each here, one handlers.ts each in src/background). */
export interface BackgroundCalls extends ArchiveCalls, SearchCalls, ImportCalls, MatcherCalls, SiteCalls, CommandCalls, SubscriptionCalls, SyncCalls {}

export type Method = keyof BackgroundCalls;
export type Params<M extends Method> = BackgroundCalls[M]['params'];
export type Reply<M extends Method> = BackgroundCalls[M]['result'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Request<M extends Method = Method> {
  podium: 1;
  method: M;
  params: Params<M>;
}

/**
 * The long-lived port a content script sends its requests over
 * (`runtime.connect`): the same requests as `runtime.sendMessage`, each
 * with an `id` its reply carries back. A port message costs the page's
 * main thread about half of a `sendMessage` (measured in Chromium), and a
 * page sends one per slice of text and per burst of changes.
 */
export const REQUEST_PORT = 'podium-requests';

/**
 * Posted once to Chrome's service worker with a MessagePort: the page's own
 * channel for requests (with ids, as on the request port), which then go
 * from the page's thread to the worker's without the browser process
 * between (src/popup/direct-call.ts).
 */
export const CHANNEL_OPEN = 'podium-channel';

export interface PortRequest<M extends Method = Method> extends Request<M> {
  id: number;
}

export interface PortReply {
  podium: 1;
  id: number;
  reply: Result<unknown>;
}

/** Methods a content script may call: exactly what it uses (starting on its page, finding names in the page's text, the card's code, the card's speaker, opening them in Podium). */
export const CONTENT_METHODS: ReadonlySet<Method> = /* @__PURE__ */ new Set<Method>(['startPage', 'findNames', 'loadCard', 'getSpeaker', 'openSpeaker']);

/**
 * Pushes from the worker to a tab's content script (`tabs.sendMessage`), as
 * `{ podium: 1, push, params }`. The content script answers only senders
 * that are this extension itself and not another tab.
 */
export interface ContentCalls {
  /** The `next-speaker` / `previous-speaker` commands: focus the next found name and open its card. */
  focusSpeaker: { params: { direction: 'next' | 'previous' }; result: null };
  /** The archive's names changed since this page was answered (it was answered from the previous matcher while the new one was built): scan again. */
  archiveChanged: { params: Record<string, never>; result: null };
  /** The user changed the settings for pages (marks, private mode, style, hover delay): apply them now. */
  settingsChanged: { params: { settings: ContentSettings }; result: null };
}

export type Push = keyof ContentCalls;

export interface PushMessage<P extends Push = Push> {
  podium: 1;
  push: P;
  params: ContentCalls[P]['params'];
}

/** Any one push, narrowed by its `push` field. */
export type AnyPush = { [P in Push]: PushMessage<P> }[Push];
