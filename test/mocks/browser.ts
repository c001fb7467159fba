/**
 * A stand-in for the WebExtension API in unit tests only (never in e2e).
 * Tests that need messaging install a handler with `setMessageHandler`.
 */
type Listener = (message: unknown, sender: unknown) => unknown;

let handler: Listener | undefined;
const storage = new Map<string, unknown>();

export function setMessageHandler(fn: Listener | undefined): void {
  handler = fn;
}

const browser = {
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
        for (const [k, v] of Object.entries(items)) storage.set(k, v);
      },
      remove: async (keys: string | string[]) => {
        for (const k of Array.isArray(keys) ? keys : [keys]) storage.delete(k);
      },
    },
    onChanged: { addListener: () => {}, removeListener: () => {} },
  },
  tabs: {
    get: async () => undefined,
    create: async () => ({}),
    query: async () => [],
  },
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
