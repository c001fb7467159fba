/**
 * "Import this conference": recognises pages built by pretalx or Sessionize
 * (their own pages and their embeds) and sets the toolbar badge on that tab.
 *
 * Detection is cheap and needs no new permission:
 * 1. the URL first (`pretalx.com/{event}/schedule/`, a Sessionize API URL);
 * 2. otherwise, on a page Podium may already script (a listed event site,
 *    or a site the user enabled), one tiny injected function looks for the
 *    embeds' markers: a pretalx widget script (and its
 *    `<pretalx-schedule event-url>`) or a Sessionize embed script.
 * The content script is not involved. What was found is kept per tab in
 * `storage.session` so the popup and the import page can offer it.
 */
import browser from '../../shared/browser';
import { conferenceFromUrl } from '../../shared/conference-url';
import type { TabConference } from '../../shared/messages';

/**
 * Runs in the page (injected) once it has loaded: the embeds' markers. Plain
 * function, no closures. The widgets' scripts are looked up in the page's
 * resource timing, not its DOM: on a page without a widget (nearly every
 * page) selector queries walk every element, 4–13 ms on a 1 MB schedule,
 * where reading a few dozen entries costs nothing. Only a page that loaded
 * pretalx's widget is asked for its `<pretalx-schedule event-url>`.
 */
export function findEmbedInPage(): { pretalx?: string; sessionize?: string } {
  const out: { pretalx?: string; sessionize?: string } = {};
  for (const e of performance.getEntriesByType('resource')) {
    if (!out.pretalx && /\/(widgets\/schedule|widget\/v2)\.js/.test(e.name)) out.pretalx = e.name.replace(/widgets?\/.*$/, '');
    if (!out.sessionize && e.name.includes('sessionize.com/api/v2/')) out.sessionize = e.name;
  }
  if (out.pretalx) out.pretalx = document.querySelector('pretalx-schedule[event-url]')?.getAttribute('event-url') || out.pretalx;
  return out;
}

/** The conference an embed points at (what {@link findEmbedInPage} returned). */
export function conferenceFromEmbed(found: ReturnType<typeof findEmbedInPage> | undefined): TabConference | null {
  if (found?.pretalx) {
    try {
      const u = new URL(found.pretalx);
      const slug = u.pathname.split('/').filter(Boolean)[0];
      if (slug) return { platform: 'pretalx', url: `${u.origin}/${slug}/`, name: slug };
    } catch {
      // not a URL: ignore
    }
  }
  if (found?.sessionize) return conferenceFromUrl(found.sessionize);
  return null;
}

const key = (tabId: number) => `conference:${tabId}`;

/** What was detected on a tab, if anything. */
export async function tabConference(tabId: number): Promise<TabConference | null> {
  const area = browser.storage.session ?? browser.storage.local;
  const row = (await area.get(key(tabId)))[key(tabId)] as TabConference | undefined;
  return row ?? null;
}

/** Sets or clears the badge and the remembered conference of a tab. */
async function mark(tabId: number, conference: TabConference | null): Promise<void> {
  const area = browser.storage.session ?? browser.storage.local;
  if (conference) {
    await area.set({ [key(tabId)]: conference });
    await browser.action.setBadgeText({ tabId, text: '+' });
    await browser.action.setBadgeBackgroundColor?.({ tabId, color: '#2b6cb0' });
    await browser.action.setTitle({ tabId, title: `Podium: Import this conference (${conference.platform}: ${conference.name})` });
  } else {
    await area.remove(key(tabId));
    await browser.action.setBadgeText({ tabId, text: '' });
    await browser.action.setTitle({ tabId, title: 'Podium' });
  }
}

/**
 * tabs.onUpdated (status complete): recognise the page. The URL is only
 * visible where Podium has host access, so pages elsewhere are never looked at.
 */
export async function detectConference(tabId: number, url: string | undefined): Promise<TabConference | null> {
  if (!url || !/^https?:/.test(url)) return null;
  let conference = conferenceFromUrl(url);
  if (!conference) {
    try {
      const [res] = await browser.scripting.executeScript({ target: { tabId }, func: findEmbedInPage });
      const found = res?.result as ReturnType<typeof findEmbedInPage> | undefined;
      conference = conferenceFromEmbed(found);
    } catch {
      conference = null; // no access to this page: nothing to offer
    }
  }
  const had = await tabConference(tabId);
  if (conference || had) await mark(tabId, conference);
  return conference;
}

/** Wires the listeners (called once from the worker entry). */
export function watchTabsForConferences(): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete') return;
    void detectConference(tabId, tab.url).catch(() => {});
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void (browser.storage.session ?? browser.storage.local).remove(key(tabId)).catch(() => {});
  });
}
