/**
 * Sites the user enabled beyond Podium's list: an optional host permission
 * (granted from the popup, on a user gesture) plus a content script
 * registered for that origin, persisted so it survives browser restarts.
 */
import browser from '../shared/browser';
import { isSitePattern } from '../shared/match-pattern';

const PREFIX = 'podium-site:';
const CONTENT_JS = 'content.js';

async function registered(): Promise<Map<string, string>> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  const out = new Map<string, string>();
  for (const s of scripts) if (s.id.startsWith(PREFIX) && s.matches?.[0]) out.set(s.matches[0], s.id);
  return out;
}

/** Podium's own list of event platforms (granted at install, not by the user). */
function listedHosts(): Set<string> {
  const patterns = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  return new Set(patterns.map((p) => p.replace(/^[^:]+:\/\//, '').split('/')[0]!));
}

const hostOfPattern = (p: string) => p.replace(/^[^:]+:\/\//, '').split('/')[0]!;

/** Origins the user granted at run time (not the manifest's listed sites). */
async function grantedSitePatterns(): Promise<string[]> {
  const all = await browser.permissions.getAll();
  // Browsers report granted origins as `scheme://host/*`, whatever path the manifest gave.
  const listed = listedHosts();
  return (all.origins ?? []).filter((p) => isSitePattern(p) && !listed.has(hostOfPattern(p)));
}

/** Registers detection for a site whose permission the user has just granted, and runs it in open tabs. */
export async function enableSite(pattern: string): Promise<string[]> {
  if (!isSitePattern(pattern)) throw new Error('That is not a single web site.');
  if (!(await browser.permissions.contains({ origins: [pattern] }))) {
    throw new Error('Podium has not been given access to this site.');
  }
  const existing = await registered();
  if (!existing.has(pattern)) {
    await browser.scripting.registerContentScripts([
      { id: PREFIX + pattern, matches: [pattern], js: [CONTENT_JS], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  for (const tab of await browser.tabs.query({ url: pattern })) {
    if (tab.id !== undefined) await injectInto(tab.id).catch(() => {});
  }
  return listSites();
}

/** Unregisters a site and gives its permission back. */
export async function disableSite(pattern: string): Promise<string[]> {
  const existing = await registered();
  const id = existing.get(pattern);
  if (id) await browser.scripting.unregisterContentScripts({ ids: [id] });
  if (isSitePattern(pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  return listSites();
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
export async function reconcileSites(): Promise<void> {
  const [granted, scripts] = await Promise.all([grantedSitePatterns(), registered()]);
  const stale = [...scripts].filter(([pattern]) => !granted.includes(pattern)).map(([, id]) => id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const missing = granted.filter((p) => !scripts.has(p));
  if (missing.length) {
    await browser.scripting.registerContentScripts(
      missing.map((p) => ({ id: PREFIX + p, matches: [p], js: [CONTENT_JS], runAt: 'document_idle' as const, persistAcrossSessions: true })),
    );
  }
}

/** Runs the content script once in a tab (activeTab from the popup, or a granted site). */
export async function injectInto(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_JS] });
}
