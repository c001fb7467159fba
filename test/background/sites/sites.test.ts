/**
 * Enabled sites (src/background/sites/sites.ts) against a fake of the browser's
 * script registry that, like Chrome's, refuses an id registered twice and
 * answers after a few turns of the event loop.
 */
import browser from '../../../src/shared/browser';
import { disableSite, enableSite, listSites, reconcileSites } from '../../../src/background/sites/sites';
import { MARKS_CSS_ID } from '../../../src/background/sites/mark-styles';

const SITE = 'https://conf.example.org/*';
const later = () => new Promise((r) => setTimeout(r, 5));

interface Script {
  id: string;
  matches?: string[];
  css?: string[];
  runAt?: string;
}
const scripts = new Map<string, Script>();
const granted = new Set<string>();
const fake = browser as unknown as Record<string, Record<string, unknown>>;

beforeAll(() => {
  fake['scripting'] = {
    getRegisteredContentScripts: async (filter?: { ids?: string[] }) => {
      await later();
      return [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id));
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
beforeEach(async () => {
  scripts.clear();
  granted.clear();
  await browser.storage.local.remove('contentSettings');
});

/** The detection scripts registered for enabled sites (the marks' CSS aside). */
const siteScripts = () => [...scripts.keys()].filter((id) => id !== MARKS_CSS_ID);

describe('enabled sites', () => {
  it('registers a site once when the popup and the worker react to the same grant together', async () => {
    granted.add(SITE);
    // Chrome: permissions.onAdded reaches the worker while the popup's request resolves and asks to enable.
    const [sites] = await Promise.all([enableSite(SITE), reconcileSites(), enableSite(SITE)]);
    expect(sites).toEqual([SITE]);
    expect(siteScripts()).toEqual([`podium-site:${SITE}`]);
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
    expect(siteScripts()).toEqual([]);
    expect(granted.has(SITE)).toBe(false);
    expect(await listSites()).toEqual([]);
  });

  it('reconciles with the browser: a site revoked in its settings loses the script; a granted one gets it', async () => {
    granted.add(SITE);
    await enableSite(SITE);
    granted.delete(SITE);
    granted.add('https://other.example.net/*');
    await reconcileSites();
    expect(siteScripts()).toEqual(['podium-site:https://other.example.net/*']);
  });
});

describe('the marks’ CSS, declared to the browser', () => {
  it('covers the listed sites and the enabled ones, at document start, in the chosen style', async () => {
    granted.add(SITE);
    await enableSite(SITE);
    const css = scripts.get(MARKS_CSS_ID)!;
    expect(css.css).toEqual(['marks-tint.css']);
    expect(css.runAt).toBe('document_start');
    expect(css.matches).toEqual(expect.arrayContaining(['https://pretalx.com/*', SITE]));

    await browser.storage.local.set({ contentSettings: { markStyle: 'underline' } });
    await reconcileSites();
    expect(scripts.get(MARKS_CSS_ID)!.css).toEqual(['marks-underline.css']);

    await disableSite(SITE);
    expect(scripts.get(MARKS_CSS_ID)!.matches).not.toContain(SITE);
  });

  it('is not declared in private mode or with marks off, so a page finds no CSS of Podium’s', async () => {
    await reconcileSites();
    expect(scripts.has(MARKS_CSS_ID)).toBe(true);
    await browser.storage.local.set({ contentSettings: { privacy: true } });
    await reconcileSites();
    expect(scripts.has(MARKS_CSS_ID)).toBe(false);
    await browser.storage.local.set({ contentSettings: { marks: false } });
    await reconcileSites();
    expect(scripts.has(MARKS_CSS_ID)).toBe(false);
  });
});
