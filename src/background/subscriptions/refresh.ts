/**
 * One refresh of one subscription: fetch (conditionally), read with the
 * platform importers, merge what changed (apply.ts), and note in the
 * subscription what happened, in words when it went wrong. A failed refresh
 * changes nothing in the archive and backs off: the next try waits an hour,
 * then two, four… up to a day (or the interval, when that is longer).
 */
import browser from '../../shared/browser';
import { FetchError, fetchSchedule, type Fetch, originPatterns, type ReadDocument } from '../../shared/importers/fetch-schedule';
import { ImportError } from '../../shared/importers/importer';
import type { RefreshSummary, Subscription, SubscriptionState } from '../../shared/subscriptions';
import type { ImportBundle } from '../../shared/types';
import type { PodiumDb } from '../db';
import { isQuotaError } from '../archive/errors';
import { importSessionBusy } from '../archive/import-activity';
import { lazyChunk } from '../lazy-chunk';
import { applyRefresh } from './apply';
import { changeSubscription, loadSnapshot, loadSubscriptions, saveSnapshot } from './store';

const HOUR = 3_600_000;

/** Longest a refresh may take, fetch and reading together. */
export const REFRESH_TIMEOUT_MS = 120_000;

/** Largest schedule a subscription reads (the import page allows more, for files the user picks). */
export const MAX_SUBSCRIPTION_BYTES = 64 * 1024 * 1024;

export interface RefreshDeps {
  fetch?: Fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** Runs after a refresh changed the archive (sync replays the user's edits on what arrived). */
  afterChange?: (db: PodiumDb) => Promise<unknown>;
}

/** When to try again after `failures` failures in a row. */
export function backoffMs(failures: number, intervalHours: number): number {
  const cap = Math.max(24, intervalHours) * HOUR;
  return Math.min(cap, HOUR * 2 ** Math.max(0, failures - 1));
}

/** The platforms' schedule readers, loaded when a fetched document is first read (../lazy-chunk.ts). */
export const scheduleReaders = lazyChunk(
  'worker-schedule-readers',
  () => import(/* webpackChunkName: "worker-schedule-readers" */ './read-schedule'),
  (file) => browser.runtime.getURL(file),
);

/** Reads a fetched document with the importers of conference platforms (the formats a schedule URL serves). */
export const readSchedule: ReadDocument = async (text, file, opts) => (await scheduleReaders.get()).readSchedule(text, file, opts);

/** A 64-bit fingerprint of what was read (two 32-bit FNV-1a passes with different seeds): equal schedules, equal text. */
function hashOf(bundles: ImportBundle[]): string {
  const text = JSON.stringify(bundles);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const changed = (s: RefreshSummary) => s.added + s.updated + s.withdrawn + s.restored > 0;

/** The error as a sentence (logs, tests) and as a kind Settings words in the user's language. */
function explain(e: unknown): Pick<SubscriptionState, 'error' | 'problem'> {
  const m = (e as Error)?.message ?? String(e);
  if (e instanceof FetchError) return { error: m, problem: { code: e.problem, ...(e.detail ? { detail: e.detail } : {}) } };
  if (isQuotaError(e)) return { error: 'The browser has no room left for the archive; nothing was changed.', problem: { code: 'storage' } };
  // An importer's own sentence (a malformed file): shown as it is.
  return { error: m, problem: { code: e instanceof ImportError ? 'unreadable' : 'other', detail: m } };
}

const inFlight = new Map<string, Promise<Subscription | undefined>>();

/** Refreshes one subscription now; a refresh of it already running is joined, not repeated. */
export function refreshSubscription(db: PodiumDb, id: string, deps: RefreshDeps = {}): Promise<Subscription | undefined> {
  let run = inFlight.get(id);
  if (!run) {
    run = refresh(db, id, deps).finally(() => inFlight.delete(id));
    inFlight.set(id, run);
  }
  return run;
}

async function refresh(db: PodiumDb, id: string, deps: RefreshDeps): Promise<Subscription | undefined> {
  const sub = (await loadSubscriptions()).find((s) => s.id === id);
  if (!sub) return undefined;
  const now = deps.now?.() ?? new Date();
  // An import being saved owns the archive until it ends: try again shortly.
  if (importSessionBusy(db)) {
    return changeSubscription(id, (s) => ({ ...s, state: { ...s.state, nextAt: new Date(now.getTime() + 5 * 60_000).toISOString() } }));
  }
  const at = now.toISOString();
  let state: SubscriptionState;
  let label = sub.label;
  try {
    if (!(await browser.permissions.contains({ origins: originPatterns(sub.url) }))) {
      const failures = (sub.state.failures ?? 0) + 1;
      const error = `Podium may no longer read ${new URL(sub.url).hostname}; choose “Allow” in Settings → Subscriptions to grant it again`;
      // Retrying cannot help until the user grants it: no back-off schedule, Settings offers the button.
      return changeSubscription(id, (s) => ({ ...s, state: { ...s.state, lastChecked: at, error, problem: { code: 'permission' }, failures, nextAt: new Date(now.getTime() + backoffMs(failures, sub.intervalHours)).toISOString() } }));
    }
    const signal = AbortSignal.timeout(deps.timeoutMs ?? REFRESH_TIMEOUT_MS);
    const got = await fetchSchedule(sub.url, readSchedule, {
      signal,
      maxBytes: MAX_SUBSCRIPTION_BYTES,
      ...(sub.state.validators ? { validators: sub.state.validators } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    const base: SubscriptionState = { ...sub.state, lastChecked: at, validators: got.validators, failures: 0 };
    delete base.error;
    delete base.problem;
    if (got.notModified) state = base;
    else {
      const hash = hashOf(got.bundles);
      if (hash === sub.state.contentHash) state = base;
      else {
        const outcome = await db.transaction('rw', [db.sources, ...db.speakers.scope, db.events, ...db.talks.scope, db.meta], async () => {
          const out = await applyRefresh(db, got.bundles, await loadSnapshot(db, id), now);
          await saveSnapshot(db, id, out.snapshot);
          return out;
        });
        state = {
          ...base,
          contentHash: hash,
          lastSummary: outcome.summary,
          ...(changed(outcome.summary) ? { lastChanged: at } : {}),
          listed: outcome.listed,
        };
        const eventName = got.bundles[0]?.events[0]?.name;
        if (eventName && label === new URL(sub.url).hostname) label = eventName.slice(0, 200);
        if (changed(outcome.summary)) await deps.afterChange?.(db).catch((e) => console.error('Podium: after a refresh', e));
      }
    }
    state.nextAt = new Date(now.getTime() + sub.intervalHours * HOUR).toISOString();
  } catch (e) {
    const failures = (sub.state.failures ?? 0) + 1;
    state = { ...sub.state, lastChecked: at, ...explain(e), failures, nextAt: new Date(now.getTime() + backoffMs(failures, sub.intervalHours)).toISOString() };
  }
  // The user may have changed the subscription meanwhile: only this browser's half is replaced.
  return changeSubscription(id, (s) => ({ ...s, label: s.label === sub.label ? label : s.label, state }));
}
