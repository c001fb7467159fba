/**
 * "Open in Podium" from the hover card: the archive view at that speaker.
 * The popup cannot be opened reliably without a toolbar click in every
 * browser, so the same app opens as a full page next to the event page.
 */
import browser from '../../shared/browser';

export async function openSpeakerView(id: string, windowId?: number): Promise<null> {
  const url = browser.runtime.getURL(`popup.html?view=speaker&id=${encodeURIComponent(id)}`);
  await browser.tabs.create({ url, ...(windowId !== undefined ? { windowId } : {}) });
  return null;
}
