/**
 * Sites the user enabled beyond Podium's list: an optional host permission
 * (granted from the popup, on a user gesture) plus a content script
 * registered for that origin, persisted so it survives browser restarts.
 */
import browser from '../../shared/browser';
import { t } from '../../shared/i18n';
import { isSitePattern } from '../../shared/match-pattern';
import { insertMarkStyles, listedPatterns, syncMarkStyles } from './mark-styles';

const PREFIX = 'podium-site:';
const CONTENT_JS = 'content.js';

/** The registration that runs detection on one enabled site, across browser restarts. */
const scriptFor = (pattern: string) => ({ id: PREFIX + pattern, matches: [pattern], js: [CONTENT_JS], runAt: 'document_idle' as const, persistAcrossSessions: true });

async function registered(): Promise<Map<string, string>> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  const out = new Map<string, string>();
  for (const s of scripts) if (s.id.startsWith(PREFIX) && s.matches?.[0]) out.set(s.matches[0], s.id);
  return out;
}

const hostOfPattern = (p: string) => p.replace(/^[^:]+:\/\//, '').split('/')[0]!;

/** Podium's own list of event platforms (granted at install, not by the user). */
function listedHosts(): Set<string> {
  return new Set(listedPatterns().map(hostOfPattern));
}

/** Origins the user granted at run time (not the manifest's listed sites). */
async function grantedSitePatterns(): Promise<string[]> {
  const all = await browser.permissions.getAll();
  // Browsers report granted origins as `scheme://host/*`, whatever path the manifest gave.
  const listed = listedHosts();
  return (all.origins ?? []).filter((p) => isSitePattern(p) && !listed.has(hostOfPattern(p)));
}

let changes: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` after every site change queued before it. Each change reads the
 * registrations, then registers: two interleaved would register one site
 * twice ("Duplicate script ID"), and in Chrome they do come together, the
 * popup's "Enable" and the worker's own answer to the permission it granted.
 */
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = changes.then(fn, fn);
  changes = run.catch(() => undefined);
  return run;
}

/** Registers detection for a site whose permission the user has just granted, and runs it in open tabs. */
export function enableSite(pattern: string): Promise<string[]> {
  return oneAtATime(() => enable(pattern));
}

async function enable(pattern: string): Promise<string[]> {
  if (!isSitePattern(pattern)) throw new Error(t('popupSiteNotSingle'));
  if (!(await browser.permissions.contains({ origins: [pattern] }))) {
    throw new Error(t('popupSiteNoAccess'));
  }
  if (!(await registered()).has(pattern)) await browser.scripting.registerContentScripts([scriptFor(pattern)]);
  await syncMarkStyles(await listSites());
  for (const tab of await browser.tabs.query({ url: pattern })) {
    if (tab.id !== undefined) await injectInto(tab.id).catch(() => {});
  }
  return listSites();
}

/** Unregisters a site and gives its permission back. */
export function disableSite(pattern: string): Promise<string[]> {
  return oneAtATime(async () => {
    const id = (await registered()).get(pattern);
    if (id) await browser.scripting.unregisterContentScripts({ ids: [id] });
    if (isSitePattern(pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    const sites = await listSites();
    await syncMarkStyles(sites);
    return sites;
  });
}

/** Sites the user enabled, sorted. */
export async function listSites(): Promise<string[]> {
  const [granted, scripts] = await Promise.all([grantedSitePatterns(), registered()]);
  return granted.filter((p) => scripts.has(p)).sort();
}

/**
 * Brings registrations in line with permissions: the user may revoke a site
 * in the browser's own settings, and Firefox may drop registrations on update.
 */
export function reconcileSites(): Promise<void> {
  return oneAtATime(async () => {
    const [granted, scripts] = await Promise.all([grantedSitePatterns(), registered()]);
    const stale = [...scripts].filter(([pattern]) => !granted.includes(pattern)).map(([, id]) => id);
    if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
    const missing = granted.filter((p) => !scripts.has(p));
    if (missing.length) await browser.scripting.registerContentScripts(missing.map(scriptFor));
    await syncMarkStyles(granted);
  });
}

/** Runs the content script once in a tab (activeTab from the popup, or a granted site). */
export async function injectInto(tabId: number): Promise<void> {
  await insertMarkStyles(tabId).catch(() => {});
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_JS] });
}
