/**
 * Subscriptions: schedule URLs Podium fetches again by itself
 * (src/background/subscriptions/). The list lives in `storage.local` under
 * {@link SUBSCRIPTIONS_KEY}, so the worker, Settings and sync read one place;
 * values from storage are checked like any other input.
 *
 * A subscription has two halves: what the user chose (`url`, `label`,
 * `intervalHours`, `paused`; this is what follows the user to another
 * browser through `storage.sync`) and what this browser saw when it last
 * fetched (`state`, never synced).
 */

import type { FetchProblem } from './importers/fetch-schedule';

export const SUBSCRIPTIONS_KEY = 'subscriptions';

/** Why a refresh failed: a fetch problem, the host's permission gone, no room left, or another error (its English sentence). */
export type SubscriptionProblem = FetchProblem | 'permission' | 'storage' | 'other';
const PROBLEMS: readonly SubscriptionProblem[] = ['address', 'status', 'notJson', 'tooLarge', 'tooManyPages', 'timeout', 'network', 'unreadable', 'noTalks', 'permission', 'storage', 'other'];

/**
 * `storage.local` key of a subscription asked for while the browser asks the
 * user for the host: Chrome closes the popup when its prompt opens, so the
 * worker finishes it when the permission arrives (`{ url, at }`).
 */
export const PENDING_SUBSCRIPTION_KEY = 'pendingSubscription';

/** A pending subscription older than this is dropped (the user let the prompt go). */
export const PENDING_MAX_AGE_MS = 10 * 60_000;

/** Never more often than hourly; daily unless the user says otherwise. */
export const MIN_INTERVAL_HOURS = 1;
export const MAX_INTERVAL_HOURS = 24 * 7;
export const DEFAULT_INTERVAL_HOURS = 24;

/** What changed in the archive at one refresh. */
export interface RefreshSummary {
  added: number;
  updated: number;
  withdrawn: number;
  /** Withdrawn talks that came back on the schedule. */
  restored: number;
  unchanged: number;
}

/** What this browser saw of a subscription: not synced. */
export interface SubscriptionState {
  /** ISO instant of the last attempt, successful or not. */
  lastChecked?: string;
  /** ISO instant of the last refresh that changed the archive. */
  lastChanged?: string;
  /** What that last successful refresh did. */
  lastSummary?: RefreshSummary;
  /** Validators for conditional requests (one per fetched URL: a pretalx event has several). */
  validators?: Record<string, { etag?: string; lastModified?: string }>;
  /** Hash of the last schedule read: a server without validators that sends the same schedule changes nothing. */
  contentHash?: string;
  /** The last attempt's error, in words; absent after a success. */
  error?: string;
  /** What kind of failure `error` is, for a message in the user's language; `permission`: the host's permission was taken back (Settings offers to grant it). */
  problem?: { code: SubscriptionProblem; detail?: string };
  /** Failures in a row: the wait before the next try doubles with each, from an hour up to a day (or the interval, if longer). */
  failures?: number;
  /** ISO instant of the next planned refresh. */
  nextAt?: string;
  /** The archive's counts of what the schedule lists (talks, withdrawn talks), after the last refresh. */
  listed?: { talks: number; withdrawn: number };
}

export interface Subscription {
  /** Stable across browsers: derived from the URL. */
  id: string;
  url: string;
  /** What the user knows it by: the event's name once read, the host before. */
  label: string;
  intervalHours: number;
  paused: boolean;
  /** ISO instants: when it was added, and when the user last changed any of the fields above (sync's last-change-wins). */
  addedAt: string;
  changedAt: string;
  state: SubscriptionState;
}

/** The synced half of a subscription. */
export type SubscriptionChoice = Omit<Subscription, 'state'>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** A stable id for a URL (the same on every browser): FNV-1a of the normalised URL, base 36. */
export function subscriptionId(url: string): string {
  const u = new URL(url);
  u.hash = '';
  const text = u.href;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `sub-${h.toString(36)}-${text.length.toString(36)}`;
}

export function clampInterval(hours: unknown): number {
  const n = typeof hours === 'number' && Number.isFinite(hours) ? Math.round(hours) : DEFAULT_INTERVAL_HOURS;
  return Math.min(MAX_INTERVAL_HOURS, Math.max(MIN_INTERVAL_HOURS, n));
}

/** One subscription's user-chosen half from an untrusted value, or undefined when it is not one. */
export function parseChoice(raw: unknown): SubscriptionChoice | undefined {
  if (!isObj(raw) || !isStr(raw['url'])) return undefined;
  let url: URL;
  try {
    url = new URL(raw['url']);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const now = new Date(0).toISOString();
  return {
    id: subscriptionId(url.href),
    url: url.href,
    label: isStr(raw['label']) && raw['label'].trim() ? raw['label'].trim().slice(0, 200) : url.hostname,
    intervalHours: clampInterval(raw['intervalHours']),
    paused: raw['paused'] === true,
    addedAt: isStr(raw['addedAt']) ? raw['addedAt'] : now,
    changedAt: isStr(raw['changedAt']) ? raw['changedAt'] : now,
  };
}

/** The stored list from an untrusted value: malformed entries are dropped, one per URL. */
export function parseSubscriptions(raw: unknown): Subscription[] {
  if (!Array.isArray(raw)) return [];
  const out = new Map<string, Subscription>();
  for (const r of raw) {
    const choice = parseChoice(r);
    if (!choice || out.has(choice.id)) continue;
    out.set(choice.id, { ...choice, state: parseState((r as Record<string, unknown>)['state']) });
  }
  return [...out.values()];
}

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

function parseSummary(v: unknown): RefreshSummary | undefined {
  if (!isObj(v)) return undefined;
  return { added: count(v['added']), updated: count(v['updated']), withdrawn: count(v['withdrawn']), restored: count(v['restored']), unchanged: count(v['unchanged']) };
}

/** This browser's half from an untrusted value: fields of the wrong type are dropped. */
export function parseState(raw: unknown): SubscriptionState {
  if (!isObj(raw)) return {};
  const out: SubscriptionState = {};
  for (const k of ['lastChecked', 'lastChanged', 'contentHash', 'error', 'nextAt'] as const) if (isStr(raw[k])) out[k] = raw[k];
  const summary = parseSummary(raw['lastSummary']);
  if (summary) out.lastSummary = summary;
  if (typeof raw['failures'] === 'number') out.failures = count(raw['failures']);
  const problem = raw['problem'];
  if (isObj(problem) && (PROBLEMS as readonly unknown[]).includes(problem['code'])) {
    out.problem = { code: problem['code'] as SubscriptionProblem, ...(isStr(problem['detail']) ? { detail: problem['detail'].slice(0, 500) } : {}) };
  }
  if (isObj(raw['listed'])) out.listed = { talks: count(raw['listed']['talks']), withdrawn: count(raw['listed']['withdrawn']) };
  if (isObj(raw['validators'])) {
    const v: Record<string, { etag?: string; lastModified?: string }> = {};
    for (const [url, x] of Object.entries(raw['validators'])) {
      if (!isObj(x)) continue;
      v[url] = { ...(isStr(x['etag']) ? { etag: x['etag'] } : {}), ...(isStr(x['lastModified']) ? { lastModified: x['lastModified'] } : {}) };
    }
    out.validators = v;
  }
  return out;
}
