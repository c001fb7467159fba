/**
 * The user's preferences as the popup reads and writes them in
 * `storage.local`: the content script's settings (src/shared/content-settings.ts
 * parses them) and the popup's theme.
 */
import browser from '../shared/browser';
import { type ContentSettings, parseSettings, SETTINGS_KEY } from '../shared/content-settings';

export type Theme = 'system' | 'light' | 'dark';
export const THEME_KEY = 'popupTheme';

export async function loadContentSettings(): Promise<ContentSettings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(got[SETTINGS_KEY]);
}

export async function saveContentSettings(s: ContentSettings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: parseSettings(s) });
}

export async function loadTheme(): Promise<Theme> {
  const v = (await browser.storage.local.get(THEME_KEY))[THEME_KEY];
  return v === 'light' || v === 'dark' ? v : 'system';
}

/** Applies a theme to the page: `system` follows the browser's colour scheme. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
}

export async function saveTheme(theme: Theme): Promise<void> {
  applyTheme(theme);
  await browser.storage.local.set({ [THEME_KEY]: theme });
}
