/** Settings → Sync: status, the full warning, conflicts, and "Enable here" asking for the permission inside the click. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SyncSettings } from '../../../src/popup/components/SyncSettings';
import browser from '../../../src/shared/browser';
import type { SyncStatus } from '../../../src/shared/sync';
import { setMessageHandler } from '../../mocks/browser';
import { mountRoot, unmountRoot } from '../../mocks/render-root';

const flush = async () => {
  for (let i = 0; i < 6; i++) await act(() => new Promise((r) => setTimeout(r, 5)));
};

const status = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  on: true,
  lastSync: Date.now() - 120_000,
  bytesUsed: 101_000,
  quotaBytes: 102_400,
  synced: { settings: true, theme: true, sites: 1, subscriptions: 2, edits: 180 },
  localOnlyEdits: 40,
  tooLargeEdits: 0,
  full: true,
  conflicts: [{ kind: 'edit', label: 'Ada Lovelace', field: 'headline', winner: 'other', at: Date.UTC(2026, 10, 3, 10, 4) }],
  suggestedSites: ['https://conf.example.org/*'],
  ...patch,
});

describe('SyncSettings', () => {
  let root: HTMLElement;
  let calls: { method: string; params: unknown }[];
  beforeEach(() => {
    root = mountRoot();
    calls = [];
  });
  afterEach(() => {
    unmountRoot(root);
  });

  function worker(s: SyncStatus) {
    setMessageHandler((msg) => {
      const m = msg as { method: string; params: unknown };
      calls.push(m);
      if (m.method === 'syncStatus' || m.method === 'syncNow') return { ok: true, value: s };
      if (m.method === 'enableSite') return { ok: true, value: ['https://conf.example.org/*'] };
      return { ok: false, error: `no ${m.method}` };
    });
  }

  it('shows what syncs, how full it is, the conflicts and the sites from the other browser', async () => {
    worker(status());
    await act(() => render(<SyncSettings />, root));
    await flush();
    const text = root.textContent!;
    expect(text).toContain('Sync between your browsers');
    expect(text).toContain('1 site, 2 subscriptions, 180 edits');
    expect(root.querySelector('meter')!.getAttribute('value')).toBe('101000');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('your 40 oldest edits stay on this browser only');
    expect(text).toContain('Your edit of “Ada Lovelace” (headline): your other browser’s change kept');
    const enable = root.querySelector<HTMLButtonElement>('button[aria-label="Enable Podium on conf.example.org in this browser"]');
    expect(enable).not.toBeNull();
    expect(enable!.textContent).toBe('Enable here');
  });

  it('asks for the site in the click itself, then enables it', async () => {
    worker(status());
    const asked: unknown[] = [];
    const request = browser.permissions.request;
    (browser.permissions as { request: unknown }).request = async (p: unknown) => {
      asked.push(p);
      return true;
    };
    try {
      await act(() => render(<SyncSettings />, root));
      await flush();
      const enable = root.querySelector<HTMLButtonElement>('button[aria-label^="Enable Podium"]')!;
      enable.click();
      expect(asked).toEqual([{ origins: ['https://conf.example.org/*'] }]); // synchronously, inside the gesture
      await flush();
      expect(calls.some((c) => c.method === 'enableSite')).toBe(true);
      expect(root.querySelector('[role="status"]')!.textContent).toBe('Podium now runs on conf.example.org.');
    } finally {
      (browser.permissions as { request: unknown }).request = request;
    }
  });

  it('says sync is off and why', async () => {
    worker(status({ on: false, off: { reason: 'unavailable' }, full: false, localOnlyEdits: 0, conflicts: [], suggestedSites: [] }));
    await act(() => render(<SyncSettings />, root));
    await flush();
    expect(root.textContent).toContain('Sync is off: this browser has no sync storage for extensions.');
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });
});
