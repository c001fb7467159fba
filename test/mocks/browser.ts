/**
 * A stand-in for the WebExtension API in unit tests only (never in e2e).
 * Tests that need messaging install a handler with `setMessageHandler`.
 */
import en from '../../_locales/en/messages.json';

type Listener = (message: unknown, sender: unknown) => unknown;

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * `i18n.getMessage` as Chrome answers it, from the English messages: `$name$`
 * becomes its placeholder's content, `$1`…`$9` the substitutions (missing
 * ones empty), `$$` a dollar sign; an unknown key gives ''.
 */
export function getMessage(key: string, substitutions?: string | string[], messages: Messages = en as Messages): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const named = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const fill = (text: string, top: boolean): string =>
    text.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g, (all, name?: string, n?: string) => {
      if (all === '$$') return '$';
      if (n) return subs[Number(n) - 1] ?? '';
      const content = top ? named.get(name!.toLowerCase()) : undefined;
      return content === undefined ? all : fill(content, false);
    });
  return fill(entry.message, true);
}

let handler: Listener | undefined;
const storage = new Map<string, unknown>();

type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type StorageListener = (changes: StorageChanges, area: string) => void;

/** `storage.onChanged` listeners; local writes reach them as in the browser, after the call has answered. */
const storageListeners = new Set<StorageListener>();
function emitLocal(changes: StorageChanges): void {
  if (Object.keys(changes).length === 0) return;
  for (const fn of storageListeners) setTimeout(() => fn(structuredClone(changes), 'local'), 0);
}

/** Chrome's `storage.sync` quotas (https://developer.chrome.com/docs/extensions/reference/api/storage#property-sync). */
export const SYNC_QUOTAS = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
};

/**
 * A `storage.sync` area that enforces Chrome's quotas as Chrome does: a
 * call over one is refused whole, with Chrome's message; sizes count each
 * key plus its value's JSON. Several areas can share one `account` (two
 * browsers signed in to it): a write shows in each as `onChanged('sync')`.
 */
export class FakeSyncArea {
  readonly QUOTA_BYTES = SYNC_QUOTAS.QUOTA_BYTES;
  readonly QUOTA_BYTES_PER_ITEM = SYNC_QUOTAS.QUOTA_BYTES_PER_ITEM;
  readonly MAX_ITEMS = SYNC_QUOTAS.MAX_ITEMS;
  /** Write calls (set, remove, clear) as epoch ms, for the rate quotas. */
  readonly writes: number[] = [];
  /** Throws this instead of answering (a browser with sync disabled). */
  failWith: Error | undefined;
  private readonly listeners = new Set<(changes: StorageChanges, area: string) => void>();

  constructor(
    readonly account: { data: Map<string, unknown>; areas: Set<FakeSyncArea> } = { data: new Map(), areas: new Set() },
    readonly now: () => number = Date.now,
  ) {
    account.areas.add(this);
  }

  /** Another browser on the same account. */
  sibling(now: () => number = this.now): FakeSyncArea {
    return new FakeSyncArea(this.account, now);
  }

  onChanged(fn: (changes: StorageChanges, area: string) => void): void {
    this.listeners.add(fn);
  }

  static bytes(key: string, value: unknown): number {
    return new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value)).length;
  }

  bytesInUse(data: Map<string, unknown> = this.account.data): number {
    let n = 0;
    for (const [k, v] of data) n += FakeSyncArea.bytes(k, v);
    return n;
  }

  private countWrite(): void {
    if (this.failWith) throw this.failWith;
    const now = this.now();
    // The limits are per browser, not per account.
    const all = this.writes.filter((t) => now - t < 3_600_000);
    if (all.filter((t) => now - t < 60_000).length >= SYNC_QUOTAS.MAX_WRITE_OPERATIONS_PER_MINUTE) throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    if (all.length >= SYNC_QUOTAS.MAX_WRITE_OPERATIONS_PER_HOUR) throw new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded');
    this.writes.push(now);
  }

  private emit(changes: StorageChanges): void {
    if (Object.keys(changes).length === 0) return;
    // Like the browser: after the call has answered.
    for (const area of this.account.areas) for (const fn of area.listeners) setTimeout(() => fn(structuredClone(changes), 'sync'), 0);
  }

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    if (this.failWith) throw this.failWith;
    const out: Record<string, unknown> = {};
    const list = keys == null ? [...this.account.data.keys()] : Array.isArray(keys) ? keys : [keys];
    for (const k of list) if (this.account.data.has(k)) out[k] = structuredClone(this.account.data.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.countWrite();
    const next = new Map(this.account.data);
    for (const [k, v] of Object.entries(items)) {
      if (FakeSyncArea.bytes(k, v) > SYNC_QUOTAS.QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(k, structuredClone(v));
    }
    if (next.size > SYNC_QUOTAS.MAX_ITEMS) throw new Error('MAX_ITEMS quota exceeded');
    if (this.bytesInUse(next) > SYNC_QUOTAS.QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    const changes: StorageChanges = {};
    for (const [k, v] of Object.entries(items)) changes[k] = { oldValue: this.account.data.get(k), newValue: v };
    for (const [k, v] of next) this.account.data.set(k, v);
    this.emit(changes);
  }

  async remove(keys: string | string[]): Promise<void> {
    this.countWrite();
    const changes: StorageChanges = {};
    for (const k of Array.isArray(keys) ? keys : [keys]) {
      if (this.account.data.has(k)) changes[k] = { oldValue: this.account.data.get(k) };
      this.account.data.delete(k);
    }
    this.emit(changes);
  }

  async clear(): Promise<void> {
    this.countWrite();
    this.account.data.clear();
  }

  async getBytesInUse(): Promise<number> {
    return this.bytesInUse();
  }
}

export function setMessageHandler(fn: Listener | undefined): void {
  handler = fn;
}

/** `alarms` as the worker uses it: named one-shot alarms; tests fire them with `fire(name)`. */
function fakeAlarms() {
  const alarms = new Map<string, { name: string; scheduledTime: number }>();
  const listeners = new Set<(alarm: { name: string; scheduledTime: number }) => void>();
  return {
    create: (name: string, info: { when?: number; delayInMinutes?: number }) => {
      alarms.set(name, { name, scheduledTime: info.when ?? Date.now() + (info.delayInMinutes ?? 0) * 60_000 });
    },
    get: async (name: string) => alarms.get(name),
    getAll: async () => [...alarms.values()],
    clear: async (name: string) => alarms.delete(name),
    clearAll: async () => {
      alarms.clear();
      return true;
    },
    onAlarm: { addListener: (fn: (alarm: { name: string; scheduledTime: number }) => void) => listeners.add(fn), removeListener: (fn: (alarm: { name: string; scheduledTime: number }) => void) => listeners.delete(fn) },
    /** Test only: the alarm goes off now. */
    fire: (name: string) => {
      const alarm = alarms.get(name);
      if (!alarm) return false;
      alarms.delete(name);
      for (const fn of listeners) fn(alarm);
      return true;
    },
  };
}

const browser = {
  i18n: {
    getMessage: (key: string, substitutions?: string | string[]) => getMessage(key, substitutions),
    getUILanguage: () => 'en',
  },
  runtime: {
    id: 'podium@test',
    getURL: (path = '') => `chrome-extension://podium-test/${path.replace(/^\//, '')}`,
    getManifest: () => ({ version: '0.0.0-test', name: 'Podium', content_scripts: [{ matches: ['https://pretalx.com/*'] }] }),
    sendMessage: async (message: unknown) => {
      if (!handler) throw new Error('No message handler installed in this test');
      return handler(message, { id: 'podium@test', url: 'chrome-extension://podium-test/popup.html' });
    },
    onMessage: { addListener: () => {}, removeListener: () => {} },
    onInstalled: { addListener: () => {} },
    onStartup: { addListener: () => {} },
  },
  storage: {
    local: {
      get: async (keys?: string | string[] | null) => {
        const out: Record<string, unknown> = {};
        const list = keys == null ? [...storage.keys()] : Array.isArray(keys) ? keys : [keys];
        for (const k of list) if (storage.has(k)) out[k] = storage.get(k);
        return out;
      },
      set: async (items: Record<string, unknown>) => {
        const changes: StorageChanges = {};
        for (const [k, v] of Object.entries(items)) {
          changes[k] = { oldValue: storage.get(k), newValue: v };
          storage.set(k, v);
        }
        emitLocal(changes);
      },
      remove: async (keys: string | string[]) => {
        const changes: StorageChanges = {};
        for (const k of Array.isArray(keys) ? keys : [keys]) {
          if (storage.has(k)) changes[k] = { oldValue: storage.get(k) };
          storage.delete(k);
        }
        emitLocal(changes);
      },
    },
    sync: new FakeSyncArea(),
    onChanged: { addListener: (fn: StorageListener) => void storageListeners.add(fn), removeListener: (fn: StorageListener) => void storageListeners.delete(fn) },
  },
  tabs: {
    get: async () => undefined,
    create: async () => ({}),
    query: async () => [],
  },
  alarms: fakeAlarms(),
  permissions: {
    onAdded: { addListener: () => {}, removeListener: () => {} },
    onRemoved: { addListener: () => {}, removeListener: () => {} },
    contains: async () => false,
    request: async () => false,
    remove: async () => true,
    getAll: async () => ({ origins: [], permissions: [] }),
  },
};

export default browser;
