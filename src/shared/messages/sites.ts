/** The sites area's part of the message map (index.ts composes the areas). */

/** Sites where detection runs beyond Podium's list (src/background/sites). */
export interface SiteCalls {
  /** Sites the user enabled beyond Podium's list, as `https://host/*` patterns. */
  listSites: { params: Record<string, never>; result: string[] };
  /** Registers detection on a site after the popup obtained its host permission. */
  enableSite: { params: { pattern: string }; result: string[] };
  /** Stops detection on a site and gives its permission back. */
  disableSite: { params: { pattern: string }; result: string[] };
  /** Scans one tab once ("Scan this page", through activeTab). */
  scanTab: { params: { tabId: number }; result: null };
}
