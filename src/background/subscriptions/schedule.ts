/**
 * When subscriptions refresh: one `alarms` alarm per subscription, set to its
 * `nextAt`. Alarms wake a stopped worker; Firefox forgets them when the
 * browser restarts, so they are set again from the stored list at startup,
 * and whenever the list changes (Settings, sync from another browser).
 */
import browser from '../../shared/browser';
import { SUBSCRIPTIONS_KEY } from '../../shared/subscriptions';
import type { PodiumDb } from '../db';
import { refreshSubscription, type RefreshDeps } from './refresh';
import { loadSubscriptions } from './store';

export const ALARM_PREFIX = 'podium-subscription:';

/** A subscription never refreshed (new here, or arriving from another browser) is fetched this soon. */
const FIRST_DELAY_MS = 2_000;

/** Sets one alarm per active subscription at its next refresh; clears the others. */
export async function reconcileAlarms(now = Date.now()): Promise<void> {
  const [subs, alarms] = await Promise.all([loadSubscriptions(), browser.alarms.getAll()]);
  const wanted = new Map<string, number>();
  for (const s of subs) {
    if (s.paused) continue;
    const next = s.state.nextAt ? Date.parse(s.state.nextAt) : NaN;
    wanted.set(ALARM_PREFIX + s.id, Number.isFinite(next) ? Math.max(next, now + FIRST_DELAY_MS) : now + FIRST_DELAY_MS);
  }
  for (const a of alarms) if (a.name.startsWith(ALARM_PREFIX) && !wanted.has(a.name)) await browser.alarms.clear(a.name);
  for (const [name, when] of wanted) {
    const current = alarms.find((a) => a.name === name);
    // An alarm already due sooner is left alone: the user or a test may have asked for it.
    if (current && current.scheduledTime <= when) continue;
    browser.alarms.create(name, { when });
  }
}

/** Wires the alarms and the list's changes; call once, at the worker's top level. */
export function watchSubscriptions(db: PodiumDb, deps: RefreshDeps = {}): void {
  const reconcile = () => void reconcileAlarms().catch((e) => console.error('Podium: could not schedule subscriptions', e));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (!alarm.name.startsWith(ALARM_PREFIX)) return;
    const id = alarm.name.slice(ALARM_PREFIX.length);
    // A refresh stores the subscription's next time, and the list's change sets its alarm (below);
    // one that failed before storing it must still leave an alarm behind.
    void refreshSubscription(db, id, deps).catch((e) => {
      console.error('Podium: subscription refresh failed', e);
      reconcile();
    });
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SUBSCRIPTIONS_KEY in changes) reconcile();
  });
  // Firefox (and Chrome 150+) forget alarms when the browser restarts.
  browser.runtime.onStartup.addListener(reconcile);
  browser.runtime.onInstalled.addListener(reconcile);
}
