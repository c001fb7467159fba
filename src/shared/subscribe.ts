/** Subscribing from a click: the popup's **+**, Settings and the import page share it. */
import browser from './browser';
import { t } from './i18n';
import { originPatterns } from './importers/fetch-schedule';
import { problemText } from './fetch-problems';
import { callBackground } from './messaging';
import { PENDING_SUBSCRIPTION_KEY, type Subscription } from './subscriptions';

const hostOf = (url: string) => new URL(url).hostname;

/**
 * Asks for the host's permission (inside the click: browsers honour a request
 * only there), then subscribes. Shared by Settings, the toolbar popup's **+**
 * and the import page.
 */
export function subscribeWithPermission(url: string): Promise<{ ok: true; value: Subscription } | { ok: false; error: string }> {
  let patterns: string[];
  try {
    patterns = originPatterns(url);
  } catch (e) {
    return Promise.resolve({ ok: false, error: (e as Error).message });
  }
  // Chrome closes the popup when its prompt opens: the worker then subscribes when the permission arrives.
  void browser.storage.local.set({ [PENDING_SUBSCRIPTION_KEY]: { url, at: Date.now() } });
  return browser.permissions.request({ origins: patterns }).then((granted) => {
    if (!granted) return { ok: false as const, error: t('subsDenied', hostOf(url)) };
    return callBackground('subscribe', { url });
  });
}

/** What to tell the user once subscribing answered. */
export function subscribedMessage(r: { ok: true; value: Subscription } | { ok: false; error: string }): string {
  if (!r.ok) return r.error;
  const { error, problem } = r.value.state;
  return error ? t('subsAddedWithError', r.value.label, problem ? problemText(problem, r.value.url) : error) : t('subsAddedOk', r.value.label);
}
