/**
 * Enabled sites (src/background/sites.ts) against a fake of the browser's
 * script registry that, like Chrome's, refuses an id registered twice and
 * answers after a few turns of the event loop.
 */
import browser from '../../src/shared/browser';
import { disableSite, enableSite, listSites, reconcileSites } from '../../src/background/sites';

const SITE = 'https://conf.example.org/*';
const later = () => new Promise((r) => setTimeout(r, 5));

interface Script {
  id: string;
  matches?: string[];
}
const scripts = new Map<string, Script>();
const granted = new Set<string>();
const fake = browser as unknown as Record<string, Record<string, unknown>>;

beforeAll(() => {
  fake['scripting'] = {
    getRegisteredContentScripts: async () => {
      await later();
      return [...scripts.values()];
    },
    registerContentScripts: async (list: Script[]) => {
      await later();
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) scripts.set(s.id, s);
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
      await later();
      for (const id of ids) scripts.delete(id);
    },
  };
  Object.assign(fake['permissions']!, {
    contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
    getAll: async () => ({ origins: [...granted], permissions: [] }),
    remove: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.delete(o)),
  });
});
beforeEach(() => {
  scripts.clear();
  granted.clear();
});

describe('enabled sites', () => {
  it('registers a site once when the popup and the worker react to the same grant together', async () => {
    granted.add(SITE);
    // Chrome: permissions.onAdded reaches the worker while the popup's request resolves and asks to enable.
    const [sites] = await Promise.all([enableSite(SITE), reconcileSites(), enableSite(SITE)]);
    expect(sites).toEqual([SITE]);
    expect([...scripts.keys()]).toEqual([`podium-site:${SITE}`]);
  });

  it('refuses a site without its permission, and one that is not a single site', async () => {
    await expect(enableSite(SITE)).rejects.toThrow('not been given access');
    await expect(enableSite('https://*.example.org/*')).rejects.toThrow('not a single web site');
    expect(scripts.size).toBe(0);
  });

  it('disables a site: registration and permission gone, even while a reconcile runs', async () => {
    granted.add(SITE);
    await enableSite(SITE);
    const [, after] = await Promise.all([reconcileSites(), disableSite(SITE)]);
    expect(after).toEqual([]);
    expect(scripts.size).toBe(0);
    expect(granted.has(SITE)).toBe(false);
    expect(await listSites()).toEqual([]);
  });

  it('reconciles with the browser: a site revoked in its settings loses the script; a granted one gets it', async () => {
    granted.add(SITE);
    await enableSite(SITE);
    granted.delete(SITE);
    granted.add('https://other.example.net/*');
    await reconcileSites();
    expect([...scripts.keys()]).toEqual(['podium-site:https://other.example.net/*']);
  });
});
