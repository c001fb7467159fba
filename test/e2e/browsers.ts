/**
 * Launches real Chromium and Firefox ESR (Debian packages) with the built
 * extension loaded, following ../shared/docs/e2e-recipe.md. No mocks: what is
 * tested is dist/chrome and dist/firefox as shipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { ROOT } from './server';

/** Event-site host names the demo and test pages are served under (all on loopback). */
export const LISTED_HOST = 'pretalx.com';
/** A site that is not on Podium's list: detection there needs "Enable on this site". */
export const UNLISTED_HOST = 'conf.example.org';
/** Where the page-cost bench's floor extension runs (scripts/bench/floor-extension.ts), and Podium does not. */
export const FLOOR_HOST = 'floor.example.net';
export const TEST_HOSTS = [LISTED_HOST, UNLISTED_HOST, FLOOR_HOST];

export const GECKO_ID = 'podium@podium-extension.org';
export const FIREFOX_UUID = '5b0d1c7e-7a5e-4c1b-9d1f-0d1a2b3c4d5e';

/** The builds under test: dist/ as shipped, or another folder (e.g. a deliberately broken copy). */
export const DIST = process.env.PODIUM_DIST ?? path.join(ROOT, 'dist');

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const firefoxPath = () => process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export type BrowserName = 'chromium' | 'firefox';

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  base: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  extDir?: string;
  /** Extra flags (Chromium) or prefs (Firefox). */
  args?: string[];
  prefs?: Record<string, unknown>;
  /**
   * Chromium: use this --user-data-dir and keep it on close, so a second
   * launch on it is the same profile after a browser restart (bench).
   * Default: a fresh temporary profile, deleted on close.
   */
  profileDir?: string;
  /** More unpacked extensions to load beside Podium (the bench's floor extension). */
  extraExtensions?: string[];
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<ExtensionBrowser & { worker(): Promise<WebWorker> }> {
  const extDir = opts.extDir ?? path.join(DIST, 'chrome');
  const extensions = [extDir, ...(opts.extraExtensions ?? [])].join(',');
  const profile = opts.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'podium-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    enableExtensions: true, // otherwise puppeteer adds --disable-extensions
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    // Pipe + this flag enable CDP's Extensions domain (triggerAction = a click on the toolbar button).
    pipe: true,
    args: [
      '--enable-unsafe-extension-debugging',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${TEST_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}, EXCLUDE localhost`,
      `--user-data-dir=${profile}`,
      `--load-extension=${extensions}`,
      `--disable-extensions-except=${extensions}`,
      ...(opts.args ?? []),
    ],
  });
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), {
    timeout: 20_000,
  });
  const base = `chrome-extension://${new URL(target.url()).host}/`;
  return {
    name: 'chromium',
    browser,
    base,
    async worker() {
      const t = await browser.waitForTarget((x) => x.type() === 'service_worker' && x.url() === `${base}background.js`, {
        timeout: 20_000,
      });
      return (await t.worker())!;
    },
    async close() {
      await browser.close().catch(() => {});
      if (!opts.profileDir) fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function launchFirefox(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extDir = opts.extDir ?? path.join(DIST, 'firefox');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: opts.headless ?? true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    // Needed to open moz-extension:// pages in a tab (recipe §5).
    args: ['--remote-allow-system-access', ...(opts.args ?? [])],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'network.dns.localDomains': TEST_HOSTS.join(','),
      'network.stricttransportsecurity.preloadlist': false,
      ...(opts.prefs ?? {}),
    },
  });
  await browser.installExtension(extDir);
  for (const dir of opts.extraExtensions ?? []) await browser.installExtension(dir);
  return {
    name: 'firefox',
    browser,
    base: `moz-extension://${FIREFOX_UUID}/`,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

export function launch(name: BrowserName, opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(opts) : launchFirefox(opts);
}

/**
 * Opens an extension page (e.g. `popup.html`) in a tab and waits until the
 * app marks `body[data-ready]`. Firefox never reports navigations of
 * moz-extension tabs to puppeteer, so we poll instead of awaiting goto (recipe §5).
 */
export async function openExtensionPage(eb: ExtensionBrowser, file: string): Promise<Page> {
  const page = await eb.browser.newPage();
  const url = eb.base + file;
  if (eb.name === 'chromium') {
    await page.goto(url);
  } else {
    page.goto(url).catch(() => {});
  }
  // The wait may start in about:blank and lose its realm to the navigation
  // (Firefox then rejects with "Waiting failed"): wait again until the deadline.
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await page.waitForFunction(
        (u: string) => location.href === u && document.body?.dataset.ready === '1',
        { polling: 100, timeout: Math.max(500, deadline - Date.now()) },
        url,
      );
      return page;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Waits for the text of a selector to satisfy a predicate, polling the page. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 10_000): Promise<string> {
  await page.waitForFunction(
    (sel: string, src: string, flags: string) => new RegExp(src, flags).test(document.querySelector(sel)?.textContent ?? ''),
    { polling: 100, timeout },
    selector,
    pattern.source,
    pattern.flags,
  );
  return page.$eval(selector, (el) => el.textContent ?? '');
}

/**
 * Clicks Podium's toolbar button for `page` in Chromium, as a user would:
 * the popup opens and activeTab is granted for that tab (CDP
 * Extensions.triggerAction). Returns the popup page once it has rendered.
 */
export async function clickActionChromium(eb: ExtensionBrowser, page: Page): Promise<Page> {
  const session = await eb.browser.target().createCDPSession();
  const popupTarget = eb.browser.waitForTarget((t) => t.url().startsWith(`${eb.base}popup.html`), { timeout: 10_000 });
  // The action runs on the tab target that holds the page target (Chrome's tab/page target model).
  const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] } as any);
  const url = page.url();
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url);
  if (!tab) throw new Error(`No tab target for ${url}: ${JSON.stringify(targetInfos.map((t) => [t.type, t.url]))}`);
  await session.send('Extensions.triggerAction' as any, { id: new URL(eb.base).host, targetId: tab.targetId } as any);
  const popup = (await (await popupTarget).asPage())!;
  await popup.waitForFunction(() => document.body?.dataset.ready === '1', { polling: 100, timeout: 10_000 });
  await session.detach();
  return popup;
}

/**
 * Allows Podium on `origin` (`https://host/*`) in Chromium's own extension
 * settings, as a user would under chrome://extensions → Podium → Site access
 * → "Add a site": that page's control calls `developerPrivate.addHostPermission`,
 * called here from the same page. Headless Chromium cannot answer the
 * prompt of `permissions.request`; with the site allowed this way, the
 * request resolves at once without one (the rest of the flow is real).
 */
export async function allowSiteInChromiumSettings(eb: ExtensionBrowser, origin: string): Promise<void> {
  const page = await eb.browser.newPage();
  try {
    const id = new URL(eb.base).host;
    await page.goto(`chrome://extensions/?id=${id}`);
    await page.evaluate(async (extId: string, pattern: string) => {
      await (globalThis as any).chrome.developerPrivate.addHostPermission(extId, pattern);
    }, id, origin);
  } finally {
    await page.close();
  }
}

/** Stops every service worker (Chromium), as Chrome does after ~30 s idle. */
export async function stopServiceWorkers(page: Page): Promise<void> {
  const session = await page.createCDPSession();
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

/** Sends one request to the worker from an extension page, as the popup does. */
export function callFromPage<T = unknown>(page: Page, method: string, params: unknown = {}): Promise<{ ok: boolean; value?: T; error?: string }> {
  return page.evaluate(
    (m: string, p: unknown) => ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage({ podium: 1, method: m, params: p }),
    method,
    params,
  );
}

/** Opens the popup as a page and clicks "Load sample archive", as a new user does; waits for the counts. */
export async function loadSampleFromPopup(eb: ExtensionBrowser): Promise<void> {
  const popup = await openExtensionPage(eb, 'popup.html');
  await (await popup.waitForSelector('::-p-text(Load sample archive)'))!.click();
  await waitForText(popup, '[data-testid=counts]', /3 speakers/);
  await popup.close();
}
