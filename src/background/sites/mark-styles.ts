/**
 * The marks' stylesheet, declared to the browser as content-script CSS at
 * document start wherever detection runs (the listed event sites and the
 * sites the user enabled), so it is in place before the page's first style
 * pass. The content script adding it after load made the browser recalculate
 * the style of every element of the page.
 *
 * Declared only while marks are shown: in private mode the page gets no CSS
 * of Podium's (`getComputedStyle(el, '::highlight(podium-speaker)')` would
 * tell a page that Podium is installed).
 */
import browser from '../../shared/browser';
import { showsMarks } from '../../shared/content-settings';
import { markCssFile } from '../../shared/mark-styles';
import { readPageSettings } from '../page-settings';

export const MARKS_CSS_ID = 'podium-marks-css';

type Registration = Parameters<typeof browser.scripting.registerContentScripts>[0][number];

/** Podium's own list of event sites, as the manifest declares them. */
export const listedPatterns = (): string[] => (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);

/** The registration the settings call for on these enabled sites, or none. */
export async function wantedMarkStyles(sitePatterns: readonly string[]): Promise<Registration | undefined> {
  const settings = await readPageSettings();
  if (!showsMarks(settings)) return undefined;
  return {
    id: MARKS_CSS_ID,
    matches: [...listedPatterns(), ...sitePatterns],
    css: [markCssFile(settings.markStyle)],
    runAt: 'document_start',
    persistAcrossSessions: true,
  };
}

const same = (a: { matches?: string[]; css?: string[] }, b: Registration) =>
  JSON.stringify([a.matches ?? [], a.css ?? []]) === JSON.stringify([b.matches ?? [], b.css ?? []]);

/** Brings the declared CSS in line with the settings and the enabled sites (run in the sites' queue). */
export async function syncMarkStyles(sitePatterns: readonly string[]): Promise<void> {
  const want = await wantedMarkStyles(sitePatterns);
  const have = (await browser.scripting.getRegisteredContentScripts({ ids: [MARKS_CSS_ID] })).find((s) => s.id === MARKS_CSS_ID);
  if (!want) {
    if (have) await browser.scripting.unregisterContentScripts({ ids: [MARKS_CSS_ID] });
    return;
  }
  if (have && same(have, want)) return;
  // Replaced rather than updated: Firefox's updateContentScripts keeps fields the update leaves out.
  if (have) await browser.scripting.unregisterContentScripts({ ids: [MARKS_CSS_ID] });
  await browser.scripting.registerContentScripts([want]);
}

/** The CSS for a tab the content script is injected into by hand ("Scan this page", a site just enabled). */
export async function insertMarkStyles(tabId: number): Promise<void> {
  const want = await wantedMarkStyles([]);
  if (want?.css) await browser.scripting.insertCSS({ target: { tabId }, files: want.css });
}
