/**
 * `src/shared/i18n.ts` finds the i18n API on `browser`/`chrome` itself (the
 * content script has no polyfill), so every test gets the mock's.
 */
import browser from './browser';

(globalThis as { chrome?: unknown }).chrome = { i18n: browser.i18n };
