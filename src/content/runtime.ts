/**
 * The content script's slice of the WebExtension API, without
 * webextension-polyfill (about 10 KB the page would load on every visit).
 * In MV3 both Chrome's `chrome.*` and Firefox's `browser.*` return promises
 * from `runtime.sendMessage`. No `storage`: the worker hands the page its
 * settings (`startPage`, `settingsChanged`), as building that part of the
 * API costs the page's main thread.
 */
import { parseSettings } from '../shared/content-settings';
import type { AnyPush, ContentCalls } from '../shared/messages';
import type { PortLike } from '../shared/port-caller';

export interface Sender {
  id?: string;
  tab?: unknown;
  url?: string;
}

/** What this content script needs of `browser`/`chrome`. */
export interface ExtensionApi {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    /** Missing in a stand-in API: requests then go through `sendMessage`. */
    connect?(info: { name: string }): PortLike;
    onMessage: {
      addListener(fn: (message: unknown, sender: Sender) => void): void;
      removeListener(fn: (message: unknown, sender: Sender) => void): void;
    };
  };
}

/**
 * The extension API of this content script's world. The page cannot define
 * globals here, but a page element with `id="browser"` shows up as a named
 * property, so each candidate is checked for a real runtime.
 */
export function extensionApi(): ExtensionApi | undefined {
  const g = globalThis as { browser?: Partial<ExtensionApi>; chrome?: Partial<ExtensionApi> };
  for (const api of [g.browser, g.chrome]) {
    if (typeof api?.runtime?.id === 'string' && typeof api.runtime.sendMessage === 'function') return api as ExtensionApi;
  }
  return undefined;
}

const DIRECTIONS: ReadonlySet<unknown> = new Set<ContentCalls['focusSpeaker']['params']['direction']>(['next', 'previous']);

/**
 * A worker push, if this message is one: only from this extension itself
 * (not from a tab, where another content script could impersonate it) and
 * of a known shape.
 */
export function parsePush(message: unknown, sender: Sender, extensionId: string): AnyPush | undefined {
  if (sender.id !== extensionId || sender.tab) return undefined;
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as { podium?: unknown; push?: unknown; params?: { direction?: unknown; settings?: unknown } };
  if (m.podium !== 1) return undefined;
  if (m.push === 'archiveChanged') return { podium: 1, push: 'archiveChanged', params: {} };
  if (typeof m.params !== 'object' || m.params === null) return undefined;
  if (m.push === 'settingsChanged') return { podium: 1, push: 'settingsChanged', params: { settings: parseSettings(m.params.settings) } };
  if (m.push !== 'focusSpeaker' || !DIRECTIONS.has(m.params.direction)) return undefined;
  return { podium: 1, push: 'focusSpeaker', params: { direction: m.params.direction as 'next' | 'previous' } };
}
