/**
 * Keeps this browser's settings, theme, enabled sites, subscriptions and
 * edit recipe in step with `storage.sync`.
 *
 * One cycle: notice what changed here (compared with the ledger), read the
 * sync area, merge item by item (last change wins, see items.ts), apply
 * what the other browser changed, then write the chunks that differ — at
 * most two calls (remove, set), and only within the write-rate quotas.
 * Cycles run one at a time; changes here start one after a short pause, so
 * a burst of edits goes out in one write.
 */
import { parseSettings, SETTINGS_KEY } from '../../shared/content-settings';
import { parseChoice, type SubscriptionChoice, SUBSCRIPTIONS_KEY } from '../../shared/subscriptions';
import { SYNC_ENABLED_KEY, SYNC_QUOTA, type SyncConflict, type SyncStatus } from '../../shared/sync';
import type { PodiumDb } from '../db';
import { canonical, type Item, kindOf, type KeyedConflict, mergeItems, version } from './items';
import { CHUNK_PREFIX, foreignBytes, HEADROOM_BYTES, layoutItems, readChunks } from './layout';
import { type AreaLike, type Ledger, loadLedger, MAX_CONFLICTS, MAX_UNDO, saveLedger } from './ledger';
import { isRateError, isSizeError, nextWriteAt, recentWrites } from './rate';
import { entryKey, parseEntry, type RecipeEntry, replayEntries, undoneEntry } from './recipe';

/** `storage.local` key of the popup's theme (src/popup/preferences.ts). */
export const THEME_KEY = 'popupTheme';
const THEMES = ['system', 'light', 'dark'];

/** Local keys whose change is a change to sync. */
const WATCHED = new Set([SETTINGS_KEY, THEME_KEY, SUBSCRIPTIONS_KEY]);

export interface SitesPort {
  list(): Promise<string[]>;
  disable(pattern: string): Promise<unknown>;
}

export interface SyncDeps {
  local: AreaLike;
  /** Undefined when the browser has no `storage.sync`. */
  sync: AreaLike | undefined;
  sites?: SitesPort;
  now?: () => number;
  /** Pause after a change here before writing (batches a burst of edits). */
  debounceMs?: number;
  /** Pause after the other browser's write arrives (its chunks may come one by one). */
  pullDelayMs?: number;
  log?: (message: string, error: unknown) => void;
  /** Where in `storage.local` the ledger lives (one per archive database). */
  ledgerKey?: string;
  /**
   * Changes the local subscription list (read, change, write) in the same
   * queue as the worker's refreshes, so neither writes back a list without
   * the other's change. Defaults to reading and writing `local` directly.
   */
  editSubscriptions?: (edit: (raw: unknown[]) => unknown[]) => Promise<void>;
}

export class SyncEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = 0;
  private started = false;
  /** When each watched local key last changed: a change is dated when it happened, not when the cycle gets to it. */
  private readonly seen = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    private readonly db: PodiumDb,
    private readonly deps: SyncDeps,
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** Runs `fn` after every operation queued before it. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts syncing (timers on): one cycle now. */
  /** Follows changes from now on (each schedules a cycle), without a cycle now. */
  listen(): void {
    this.started = true;
  }

  /** Follows changes, and runs one cycle now. */
  start(): Promise<SyncStatus> {
    this.listen();
    return this.syncNow();
  }

  stop(): void {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One cycle now (also Settings' "Sync now"). */
  syncNow(): Promise<SyncStatus> {
    return this.serial(() => this.cycle());
  }

  /** A cycle in `ms`, or sooner if one is already planned sooner. */
  private schedule(ms: number): void {
    if (!this.started) return;
    const at = this.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.syncNow().catch((e) => this.deps.log?.('sync failed', e));
    }, ms);
  }

  /** `storage.onChanged` for the local area. */
  localChanged(keys: readonly string[]): void {
    const watched = keys.filter((k) => WATCHED.has(k));
    for (const k of watched) this.seen.set(k, this.now());
    if (watched.length) this.schedule(this.deps.debounceMs ?? 2000);
  }

  /** `storage.onChanged` for the sync area: another browser's write (or this one's, which changes nothing). */
  syncChanged(keys: readonly string[]): void {
    if (keys.some((k) => k.startsWith(CHUNK_PREFIX))) this.schedule(this.deps.pullDelayMs ?? 500);
  }

  /** A site permission was granted or revoked here. */
  sitesChanged(): void {
    this.schedule(this.deps.debounceMs ?? 2000);
  }

  /** Adds hand edits made here to the recipe; `undoId` lets their undo reach the other browser. */
  record(entries: readonly RecipeEntry[], undoId?: string): Promise<void> {
    if (!entries.length) return Promise.resolve();
    return this.serial(async () => {
      const { ledger } = await loadLedger(this.deps.local, this.deps.ledgerKey);
      const at = this.now();
      const keys = entries.map((e) => {
        const k = entryKey(e);
        ledger.items[k] = { k, a: at, b: ledger.device, v: e };
        return k;
      });
      if (undoId) noteUndo(ledger, undoId, keys, at);
      await saveLedger(this.deps.local, ledger, this.deps.ledgerKey);
      this.schedule(this.deps.debounceMs ?? 2000);
    });
  }

  /** A hand change was undone here: its recipe entries are withdrawn (a set goes back to the value before). */
  undone(undoId: string): Promise<void> {
    return this.serial(async () => {
      const { ledger } = await loadLedger(this.deps.local, this.deps.ledgerKey);
      const keys = ledger.undo[undoId]?.keys;
      if (!keys) return;
      const at = this.now();
      for (const k of keys) {
        const entry = parseEntry(ledger.items[k]?.v);
        if (entry && entry.o !== 'undone' && entry.o !== 'revert') ledger.items[k] = { k, a: at, b: ledger.device, v: undoneEntry(entry) };
      }
      delete ledger.undo[undoId];
      await saveLedger(this.deps.local, ledger, this.deps.ledgerKey);
      this.schedule(this.deps.debounceMs ?? 2000);
    });
  }

  /** Replays the whole recipe on the archive (after an import: the import may have brought back what the user changed). */
  applyRecipe(): Promise<number> {
    return this.serial(async () => {
      const { ledger, fresh } = await loadLedger(this.deps.local, this.deps.ledgerKey);
      const edits = Object.values(ledger.items).filter((i) => kindOf(i.k) === 'edit');
      if (!edits.length) return 0;
      const done = await this.replay(ledger, edits);
      if (done && !fresh) await saveLedger(this.deps.local, ledger, this.deps.ledgerKey);
      return done;
    });
  }

  private async replay(ledger: Ledger, items: readonly Item[]): Promise<number> {
    const done = await replayEntries(this.db, items, (k, e) => this.deps.log?.(`could not replay ${k}`, e));
    for (const r of done) noteUndo(ledger, r.undoId, [r.key], this.now());
    return done.length;
  }

  status(): Promise<SyncStatus> {
    return this.serial(async () => statusOf((await loadLedger(this.deps.local, this.deps.ledgerKey)).ledger, await this.localSites()));
  }

  private async localSites(): Promise<string[] | undefined> {
    if (!this.deps.sites) return undefined;
    try {
      return await this.deps.sites.list();
    } catch {
      return undefined;
    }
  }

  /* ---------- the cycle ---------- */

  private async cycle(): Promise<SyncStatus> {
    const { local, sync } = this.deps;
    const { ledger } = await loadLedger(local, this.deps.ledgerKey);
    const before = JSON.stringify(ledger);
    const now = this.now();
    const sites = await this.localSites();
    await this.noticeLocal(ledger, sites);

    // Turned off by the user: nothing of theirs stays in the account (what changes here is still noticed, for when it is back on).
    if ((await local.get(SYNC_ENABLED_KEY))[SYNC_ENABLED_KEY] === false) {
      ledger.off = { reason: 'user' };
      try {
        const ours = Object.keys((await sync?.get(null)) ?? {}).filter((k) => k.startsWith(CHUNK_PREFIX));
        if (ours.length) await sync!.remove(ours);
      } catch (e) {
        this.deps.log?.('could not remove Podium’s data from sync storage', e);
      }
      if (JSON.stringify(ledger) !== before) await saveLedger(local, ledger, this.deps.ledgerKey);
      return statusOf(ledger, sites);
    }

    let area: Record<string, unknown> | undefined;
    if (!sync) ledger.off = { reason: 'unavailable' };
    else {
      try {
        area = await sync.get(null);
      } catch (e) {
        ledger.off = { reason: 'error', detail: message(e) };
      }
    }
    if (!area || !sync) {
      if (JSON.stringify(ledger) !== before) await saveLedger(local, ledger, this.deps.ledgerKey);
      return statusOf(ledger, sites);
    }

    const outcome = mergeItems(ledger.items, readChunks(area), ledger.bases, now);
    ledger.items = outcome.items;
    if (outcome.conflicts.length) ledger.conflicts = [...outcome.conflicts.map((c) => labelled(c, ledger)), ...ledger.conflicts].slice(0, MAX_CONFLICTS);
    // The ledger first: when the local writes below fire storage.onChanged, what they wrote is already known.
    for (const i of outcome.fromOther) ledger.bases[i.k] = version(i);
    await saveLedger(local, ledger, this.deps.ledgerKey);
    const siteList = await this.applyFromOther(ledger, outcome.fromOther, sites);

    const layout = layoutItems(ledger.items, SYNC_QUOTA.QUOTA_BYTES - HEADROOM_BYTES - foreignBytes(area));
    ledger.layout = { bytes: layout.bytes, localOnly: layout.localOnly.length, tooLarge: layout.tooLarge.length };
    const stale = Object.keys(area).filter((k) => k.startsWith(CHUNK_PREFIX) && !(k in layout.chunks));
    const changed = Object.entries(layout.chunks).filter(([k, v]) => canonical(area[k]) !== canonical(v));
    const ops = (stale.length ? 1 : 0) + (changed.length ? 1 : 0);
    ledger.writes = recentWrites(ledger.writes, now);
    let agreed = true;
    if (ops) {
      const at = nextWriteAt(ledger.writes, now, ops);
      if (at > now) {
        agreed = false;
        ledger.pendingUntil = at;
        this.schedule(at - now);
      } else {
        try {
          // Stale chunks go first: a set that briefly held both could exceed QUOTA_BYTES.
          if (stale.length) {
            ledger.writes.push(now);
            await sync.remove(stale);
          }
          if (changed.length) {
            ledger.writes.push(now);
            await sync.set(Object.fromEntries(changed));
          }
          delete ledger.pendingUntil;
          delete ledger.off;
        } catch (e) {
          agreed = false;
          if (isRateError(e)) {
            // Another context wrote too (or the browser counts differently): wait a minute.
            ledger.pendingUntil = now + 60_000;
            this.schedule(60_000);
          } else ledger.off = { reason: 'error', detail: isSizeError(e) ? `full: ${message(e)}` : message(e) };
        }
      }
    } else {
      delete ledger.pendingUntil;
      delete ledger.off;
    }
    if (agreed) {
      for (const k of layout.included) ledger.bases[k] = version(ledger.items[k]!);
      ledger.lastSync = now;
    }
    if (JSON.stringify(ledger) !== before) await saveLedger(local, ledger, this.deps.ledgerKey);
    return statusOf(ledger, siteList);
  }

  /** Turns what changed here since the last look into items. */
  private async noticeLocal(ledger: Ledger, sites: string[] | undefined): Promise<void> {
    const now = this.now();
    // What was set before sync ever ran is the weakest change: any real change elsewhere wins over it.
    const first = !ledger.localSubs;
    const seen = new Map(this.seen);
    this.seen.clear();
    const when = (storageKey: string) => (first ? 0 : (seen.get(storageKey) ?? now));
    const put = (k: string, v: unknown, a: number) => {
      const old = ledger.items[k];
      if (old && canonical(old.v) === canonical(v)) return;
      ledger.items[k] = { k, a: Math.max(a, old?.a ?? 0), b: ledger.device, v };
    };
    const got = await this.deps.local.get([SETTINGS_KEY, THEME_KEY, SUBSCRIPTIONS_KEY]);
    if (got[SETTINGS_KEY] !== undefined) put('settings', parseSettings(got[SETTINGS_KEY]), when(SETTINGS_KEY));
    if (THEMES.includes(got[THEME_KEY] as string)) put('theme', got[THEME_KEY], when(THEME_KEY));

    const here = subscriptionIds(got[SUBSCRIPTIONS_KEY]);
    for (const [id, c] of here) {
      const { id: _, ...choice } = c;
      put(`sub:${id}`, choice, Date.parse(c.changedAt) || now);
    }
    // A subscription this browser had at the last look and no longer has was removed here.
    for (const id of ledger.localSubs ?? []) if (!here.has(id) && ledger.items[`sub:${id}`]?.v) put(`sub:${id}`, null, now);
    ledger.localSubs = [...here.keys()].sort();

    if (sites) {
      const before = new Set(ledger.localSites ?? []);
      const after = new Set(sites);
      for (const p of after) if (!before.has(p) && ledger.items[`site:${p}`]?.v !== true) put(`site:${p}`, true, first ? 0 : now);
      for (const p of before) if (!after.has(p)) put(`site:${p}`, false, now);
      ledger.localSites = [...after].sort();
    }
  }

  /** Applies the other browser's changes here; returns the sites enabled here afterwards. */
  private async applyFromOther(ledger: Ledger, items: readonly Item[], sites: string[] | undefined): Promise<string[] | undefined> {
    const { local } = this.deps;
    const settings = items.find((i) => i.k === 'settings');
    if (settings) await local.set({ [SETTINGS_KEY]: parseSettings(settings.v) });
    const theme = items.find((i) => i.k === 'theme');
    if (theme && THEMES.includes(theme.v as string)) await local.set({ [THEME_KEY]: theme.v });

    const subs = items.filter((i) => i.k.startsWith('sub:'));
    if (subs.length) {
      ledger.localSubs = await this.applySubscriptions(subs);
      await saveLedger(local, ledger, this.deps.ledgerKey);
    }

    let siteList = sites;
    const revoked = items.filter((i) => i.k.startsWith('site:') && i.v === false && sites?.includes(i.k.slice(5)));
    if (revoked.length && this.deps.sites) {
      for (const i of revoked) await this.deps.sites.disable(i.k.slice(5)).catch((e) => this.deps.log?.('could not disable a site', e));
      siteList = await this.localSites();
      if (siteList) ledger.localSites = [...siteList].sort();
    }

    const edits = items.filter((i) => kindOf(i.k) === 'edit');
    if (edits.length || revoked.length) {
      // Replaying the whole recipe, not only the new entries: a merge or delete that just arrived may make older entries find their record.
      if (edits.length) await this.replay(ledger, Object.values(ledger.items).filter((i) => kindOf(i.k) === 'edit'));
      await saveLedger(local, ledger, this.deps.ledgerKey);
    }
    return siteList;
  }

  /**
   * Writes the other browser's subscription choices into the local list
   * (the subscriptions code schedules and fetches what it finds there),
   * keeping each existing entry's local state and any field it adds.
   */
  private async applySubscriptions(items: readonly Item[]): Promise<string[]> {
    const { local } = this.deps;
    const apply = (raw: unknown[]): unknown[] => {
      const list = [...raw];
      const indexOf = (id: string) => list.findIndex((r) => parseChoice(r)?.id === id);
      for (const item of items) {
        const id = item.k.slice(4);
        const at = indexOf(id);
        if (item.v === null) {
          if (at >= 0) list.splice(at, 1);
          continue;
        }
        const choice = parseChoice(item.v);
        if (!choice || choice.id !== id) continue;
        if (at >= 0) list[at] = { ...(list[at] as object), ...choice };
        else list.push({ ...choice, state: {} });
      }
      return list;
    };
    let result: unknown[] = [];
    if (this.deps.editSubscriptions) {
      await this.deps.editSubscriptions((raw) => (result = apply(raw)));
    } else {
      const raw = (await local.get(SUBSCRIPTIONS_KEY))[SUBSCRIPTIONS_KEY];
      result = apply(Array.isArray(raw) ? raw : []);
      if (canonical(result) !== canonical(raw ?? [])) await local.set({ [SUBSCRIPTIONS_KEY]: result });
    }
    return [...subscriptionIds(result).keys()].sort();
  }
}

/** The subscriptions in a stored list, by id. */
function subscriptionIds(raw: unknown): Map<string, SubscriptionChoice> {
  const out = new Map<string, SubscriptionChoice>();
  for (const r of Array.isArray(raw) ? raw : []) {
    const c = parseChoice(r);
    if (c && !out.has(c.id)) out.set(c.id, c);
  }
  return out;
}

function noteUndo(ledger: Ledger, undoId: string, keys: string[], at: number): void {
  ledger.undo[undoId] = { keys: [...new Set([...(ledger.undo[undoId]?.keys ?? []), ...keys])], at };
  const ids = Object.keys(ledger.undo);
  if (ids.length > MAX_UNDO) for (const id of ids.sort((x, y) => ledger.undo[x]!.at - ledger.undo[y]!.at).slice(0, ids.length - MAX_UNDO)) delete ledger.undo[id];
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A conflict with the words that name its item. */
function labelled(c: KeyedConflict, ledger: Ledger): SyncConflict {
  const item = ledger.items[c.key];
  let label = '';
  let field: string | undefined;
  if (c.kind === 'site') label = c.key.slice(5).replace(/^https?:\/\//, '').replace(/\/\*$/, '');
  else if (c.kind === 'subscription') label = (item?.v as { label?: string } | null)?.label ?? c.key.slice(4);
  else if (c.kind === 'edit') {
    const e = parseEntry(item?.v);
    label = e?.l ?? '';
    field = e?.f ?? e?.o;
  }
  return { kind: c.kind, label, ...(field ? { field } : {}), winner: c.winner, at: c.at };
}

function statusOf(ledger: Ledger, sites: string[] | undefined): SyncStatus {
  const items = Object.values(ledger.items);
  const live = (prefix: string) => items.filter((i) => i.k.startsWith(prefix) && i.v !== null && i.v !== false).length;
  const here = new Set(sites ?? ledger.localSites ?? []);
  const localOnly = ledger.layout?.localOnly ?? 0;
  return {
    on: !ledger.off,
    ...(ledger.off ? { off: ledger.off } : {}),
    ...(ledger.lastSync !== undefined ? { lastSync: ledger.lastSync } : {}),
    bytesUsed: ledger.layout?.bytes ?? 0,
    quotaBytes: SYNC_QUOTA.QUOTA_BYTES,
    synced: {
      settings: !!ledger.items['settings'],
      theme: !!ledger.items['theme'],
      sites: live('site:'),
      subscriptions: live('sub:'),
      edits: items.filter((i) => kindOf(i.k) === 'edit').length - localOnly - (ledger.layout?.tooLarge ?? 0),
    },
    localOnlyEdits: localOnly,
    tooLargeEdits: ledger.layout?.tooLarge ?? 0,
    full: localOnly > 0 || /^full/.test(ledger.off?.detail ?? ''),
    ...(ledger.pendingUntil ? { pendingUntil: ledger.pendingUntil } : {}),
    conflicts: ledger.conflicts,
    suggestedSites: items
      .filter((i) => i.k.startsWith('site:') && i.v === true && !here.has(i.k.slice(5)))
      .map((i) => i.k.slice(5))
      .sort(),
  };
}
