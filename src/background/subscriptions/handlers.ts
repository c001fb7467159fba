/**
 * The worker's subscription methods: list, subscribe (and fetch at once),
 * change, refresh now, remove. The caller (popup, Settings, import page)
 * asks for the host's permission in its click handler before subscribing.
 */
import browser from '../../shared/browser';
import { t } from '../../shared/i18n';
import { originPatterns, parseScheduleUrl } from '../../shared/importers/fetch-schedule';
import type { SubscriptionCalls } from '../../shared/messages';
import { clampInterval, DEFAULT_INTERVAL_HOURS, MAX_INTERVAL_HOURS, MIN_INTERVAL_HOURS, PENDING_MAX_AGE_MS, PENDING_SUBSCRIPTION_KEY, type Subscription, subscriptionId } from '../../shared/subscriptions';
import { bool, empty, num, obj, optional, str } from '../../shared/validate';
import type { PodiumDb } from '../db';
import type { AreaHandlers } from '../router';
import { refreshSubscription, type RefreshDeps } from './refresh';
import { ALARM_PREFIX } from './schedule';
import { changeSubscription, changeSubscriptions, deleteSnapshot, loadSubscriptions } from './store';

const id = obj({ id: str({ min: 1, max: 100 }) });
const hours = num({ integer: true, min: MIN_INTERVAL_HOURS, max: MAX_INTERVAL_HOURS });

function mustExist(sub: Subscription | undefined, subId: string): Subscription {
  if (!sub) throw new Error(t('subsNotFound', subId));
  return sub;
}

async function subscribe(db: PodiumDb, raw: string, label: string | undefined, intervalHours: number | undefined, deps: RefreshDeps): Promise<Subscription> {
  const url = parseScheduleUrl(raw).href;
  await browser.storage.local.remove(PENDING_SUBSCRIPTION_KEY);
  if (!(await browser.permissions.contains({ origins: originPatterns(url) }))) {
    throw new Error(t('subsNoAccess', new URL(url).hostname));
  }
  const subId = subscriptionId(url);
  const at = new Date().toISOString();
  await changeSubscriptions((list) => {
    const known = list.find((s) => s.id === subId);
    // Subscribing again to the same address resumes it rather than adding a second one.
    if (known) return list.map((s) => (s.id === subId ? { ...s, paused: false, changedAt: at } : s));
    const sub: Subscription = {
      id: subId,
      url,
      label: label?.trim() || new URL(url).hostname,
      intervalHours: clampInterval(intervalHours ?? DEFAULT_INTERVAL_HOURS),
      paused: false,
      addedAt: at,
      changedAt: at,
      state: {},
    };
    return [...list, sub];
  });
  return mustExist(await refreshSubscription(db, subId, deps), subId);
}

/**
 * Finishes a subscription the popup asked for when its host's permission
 * arrives (the popup may have closed meanwhile). Call from `permissions.onAdded`.
 */
export async function subscribePending(db: PodiumDb, deps: RefreshDeps = {}, now = Date.now()): Promise<Subscription | undefined> {
  const raw = (await browser.storage.local.get(PENDING_SUBSCRIPTION_KEY))[PENDING_SUBSCRIPTION_KEY] as { url?: unknown; at?: unknown } | undefined;
  if (!raw || typeof raw.url !== 'string' || typeof raw.at !== 'number' || now - raw.at > PENDING_MAX_AGE_MS) return undefined;
  let patterns: string[];
  try {
    patterns = originPatterns(raw.url);
  } catch {
    return undefined;
  }
  if (!(await browser.permissions.contains({ origins: patterns }))) return undefined;
  return subscribe(db, raw.url, undefined, undefined, deps);
}

export function createSubscriptionHandlers(db: PodiumDb, deps: RefreshDeps = {}): AreaHandlers<SubscriptionCalls> {
  return {
    listSubscriptions: { params: empty, run: () => loadSubscriptions() },
    subscribe: {
      params: obj({ url: str({ min: 1, max: 2000 }), label: optional(str({ max: 200 })), intervalHours: optional(hours) }),
      run: ({ url, label, intervalHours }) => subscribe(db, url, label, intervalHours, deps),
    },
    updateSubscription: {
      params: obj({ id: str({ min: 1, max: 100 }), intervalHours: optional(hours), paused: optional(bool), label: optional(str({ min: 1, max: 200 })) }),
      run: async ({ id: subId, intervalHours, paused, label }) => {
        const at = new Date().toISOString();
        const sub = await changeSubscription(subId, (s) => {
          const next = { ...s, changedAt: at, state: { ...s.state } };
          if (label !== undefined) next.label = label.trim();
          if (paused !== undefined) next.paused = paused;
          if (intervalHours !== undefined && intervalHours !== s.intervalHours) {
            next.intervalHours = intervalHours;
            // The next refresh follows the new interval from the last one.
            const last = s.state.lastChecked ? Date.parse(s.state.lastChecked) : Date.now();
            if (!s.state.failures) next.state.nextAt = new Date(last + intervalHours * 3_600_000).toISOString();
          }
          return next;
        });
        return mustExist(sub, subId);
      },
    },
    unsubscribe: {
      params: id,
      run: async ({ id: subId }) => {
        const list = await changeSubscriptions((l) => l.filter((s) => s.id !== subId));
        await Promise.all([deleteSnapshot(db, subId), browser.alarms.clear(ALARM_PREFIX + subId)]);
        return list;
      },
    },
    refreshSubscription: {
      params: id,
      run: async ({ id: subId }) => mustExist(await refreshSubscription(db, subId, deps), subId),
    },
  };
}
