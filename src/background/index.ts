/**
 * Worker entry (a service worker in Chrome, an event page in Firefox). It
 * only wires listeners: the browser may stop it at any moment, so every
 * piece of state that matters lives in IndexedDB.
 */
import browser from '../shared/browser';
import { getDb } from './db';
import { createHandlerTable } from './handler-table';
import { MatcherStore } from './matcher/store';
import { type ClientMessage, createClientListener, createPortListener, createRouter } from './router';
import { commandPush } from './commands/content-push';
import { watchTabsForConferences } from './import/conference';
import { isSitePattern } from '../shared/match-pattern';
import { reconcileSites } from './sites/sites';
import { pushPageSettings, readPageSettings } from './page-settings';
import { SETTINGS_KEY } from '../shared/content-settings';
import { startSync } from './sync';
import { watchSubscriptions } from './subscriptions/schedule';
import { subscribePending } from './subscriptions/handlers';
import { SUBSCRIPTION_DEPS } from './subscriptions/deps';
import { scheduleReaders } from './subscriptions/refresh';

const db = getDb();

const matcher = new MatcherStore(db);
const handlers = createHandlerTable(db, matcher);

// Listeners are added synchronously at top level so a restarted worker gets the message that woke it.
const routerOptions = {
  extensionId: browser.runtime.id,
  extensionBase: browser.runtime.getURL(''),
  onError: (method: string, error: unknown) => console.error(`Podium: ${method} failed`, error),
};
browser.runtime.onMessage.addListener(createRouter(handlers, routerOptions) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
browser.runtime.onConnect.addListener(createPortListener(handlers, routerOptions));
// Chrome's service worker: bundles posted straight to it by the import page (src/import/bulk-call.ts).
if (typeof ServiceWorkerGlobalScope !== 'undefined' && self instanceof ServiceWorkerGlobalScope) {
  const onClientMessage = createClientListener(handlers, routerOptions);
  self.addEventListener('message', (e) => onClientMessage(e as unknown as ClientMessage));
  // Imported once while installing, so that any later start may import it (lazy-chunk.ts).
  self.addEventListener('install', () => scheduleReaders.preload());
}

browser.runtime.onInstalled.addListener(async () => {
  await reconcileSites().catch((e) => console.error('Podium: could not restore enabled sites', e));
  // Ask once for storage the browser will not evict under pressure.
  try {
    await navigator.storage?.persist?.();
  } catch {
    // Not granted or not available in this context: the archive still works.
  }
});

browser.runtime.onStartup.addListener(() => {
  void reconcileSites().catch((e) => console.error('Podium: could not restore enabled sites', e));
});

// A permission prompt may close the popup before its promise settles (Chrome),
// so the worker itself registers detection when a site's permission arrives.
browser.permissions.onAdded.addListener((added) => {
  // A subscription asked for in a popup that the permission prompt closed (Chrome).
  if ((added.origins ?? []).length) void subscribePending(db, SUBSCRIPTION_DEPS).catch((e) => console.error('Podium: could not subscribe', e));
  if ((added.origins ?? []).some(isSitePattern)) void reconcileSites().catch((e) => console.error('Podium: could not enable site', e));
});
browser.permissions.onRemoved.addListener((removed) => {
  if ((removed.origins ?? []).some(isSitePattern)) void reconcileSites().catch((e) => console.error('Podium: could not disable site', e));
});

// The marks' CSS follows the settings (none in private mode, the chosen style otherwise), and so do open pages.
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
  void reconcileSites().catch((e) => console.error('Podium: could not update the marks’ style', e));
  void pushPageSettings(changes[SETTINGS_KEY]?.newValue).catch((e) => console.error('Podium: could not tell open pages the new settings', e));
});

// Settings, sites, subscriptions and the edit recipe follow the user through storage.sync.
startSync(db);

// Subscribed schedules refresh on their alarms, set again whenever the browser starts.
watchSubscriptions(db, SUBSCRIPTION_DEPS);

// Pages built by pretalx or Sessionize get the "Import this conference" badge.
watchTabsForConferences();

// The page that woke this worker (or the next one) asks the matcher first, and its start brings the settings:
// read both while that page loads (a start whose settings came late would hold back the page's other answers).
matcher.warm();
void readPageSettings().catch(() => undefined);

// Keyboard commands move through the names found on the active page.
browser.commands.onCommand.addListener((command, tab) => {
  const push = commandPush(command);
  if (push && tab?.id !== undefined) void browser.tabs.sendMessage(tab.id, push).catch(() => {});
});
