/**
 * Worker entry (a service worker in Chrome, an event page in Firefox). It
 * only wires listeners: the browser may stop it at any moment, so every
 * piece of state that matters lives in IndexedDB.
 */
import browser from '../shared/browser';
import { getDb } from './db';
import { createHandlers } from './handlers';
import { createRouter } from './router';

const db = getDb();

browser.runtime.onMessage.addListener(
  createRouter(createHandlers(db), {
    extensionId: browser.runtime.id,
    extensionBase: browser.runtime.getURL(''),
    onError: (method, error) => console.error(`Podium: ${method} failed`, error),
  }) as Parameters<typeof browser.runtime.onMessage.addListener>[0],
);

browser.runtime.onInstalled.addListener(async () => {
  // Ask once for storage the browser will not evict under pressure.
  try {
    await navigator.storage?.persist?.();
  } catch {
    // Not granted or not available in this context: the archive still works.
  }
});
