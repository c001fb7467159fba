/**
 * The user's settings for pages, as the worker hands them to content scripts:
 * with the answer to a page's `startPage`, and pushed to every open page when
 * they change. Pages never read storage themselves (see `PageStart`).
 */
import browser from '../shared/browser';
import { type ContentSettings, SETTINGS_KEY, parseSettings } from '../shared/content-settings';
import type { PushMessage } from '../shared/messages';

/**
 * The settings last read or written. Every page's start asks for them, and
 * each storage read is a round trip to the browser; a write replaces them
 * with what it wrote (this listener is registered before the worker's own,
 * which act on the new settings).
 */
let current: Promise<ContentSettings> | undefined;
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && SETTINGS_KEY in changes) current = Promise.resolve(parseSettings(changes[SETTINGS_KEY]?.newValue));
});

/** The settings as stored; the defaults for anything missing or malformed. */
export const readPageSettings = (): Promise<ContentSettings> =>
  (current ??= browser.storage.local.get(SETTINGS_KEY).then(
    (stored) => parseSettings(stored[SETTINGS_KEY]),
    (e: unknown) => {
      current = undefined;
      throw e;
    },
  ));

/** Sends a push to every frame of one tab (tests pass their own). */
export type TabPush = (tabId: number, message: PushMessage<'settingsChanged'>) => Promise<unknown>;

/**
 * Tells every open tab the new settings. Each frame Podium runs in applies
 * them; a tab without Podium refuses the message, which is ignored.
 */
export async function pushPageSettings(
  raw: unknown,
  send: TabPush = (tabId, message) => browser.tabs.sendMessage(tabId, message),
  tabIds: () => Promise<number[]> = async () => (await browser.tabs.query({})).flatMap((t) => (t.id === undefined ? [] : [t.id])),
): Promise<void> {
  const message: PushMessage<'settingsChanged'> = { podium: 1, push: 'settingsChanged', params: { settings: parseSettings(raw) } };
  await Promise.all((await tabIds()).map((id) => send(id, message).catch(() => undefined)));
}
