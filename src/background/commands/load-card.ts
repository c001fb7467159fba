/**
 * The hover card's code for a page that needs it (src/content/card/card-module.ts):
 * injected into the asking document's isolated world, beside its content
 * script, never into the page's own world.
 */
import type { Runtime, Scripting } from 'webextension-polyfill';
import browser from '../../shared/browser';

const CARD_JS = 'card.js';

type Target = Scripting.InjectionTarget & { documentIds?: string[] };

/** Injects card.js into the sender's document (its frame, where the browser names no document). */
export async function loadCardInto(sender: Runtime.MessageSender & { documentId?: string }): Promise<null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('Only a page can load the card.');
  // The document, not only the frame: a page that navigated meanwhile does not get it.
  const target: Target = sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId ?? 0] };
  await browser.scripting.executeScript({ target, files: [CARD_JS], injectImmediately: true } as Scripting.ScriptInjection);
  return null;
}
