/**
 * Detection on one page, wired together in the order it runs: ask the worker
 * whether there is anything to look for, start the scan (detect/), start the
 * card (card/), then follow the worker's pushes and the user's settings.
 * Everything stops with {@link Detection.stop}.
 */
import { type ContentSettings, SETTINGS_KEY, parseSettings, showsMarks } from '../shared/content-settings';
import { PortCaller } from '../shared/port-caller';
import { HOST_TAG, type HoverCard } from './card/hover-card';
import type { HoverController } from './card/hover-controller';
import { startCard } from './card/start-card';
import type { FoundNames } from './detect/found-names';
import { declaredStyle, setMarkStyle } from './detect/highlight';
import { yieldToMain } from './detect/schedule';
import { startScan } from './detect/start-scan';
import { type ExtensionApi, parsePush, type Sender } from './runtime';

export interface Detection {
  found: FoundNames;
  card: HoverCard;
  controller: HoverController;
  /** Resolves when the first full scan (and its confirmations) is done. */
  ready: Promise<void>;
  stop(): void;
}

/** The user's settings; the defaults when storage cannot be read. */
async function loadSettings(api: ExtensionApi): Promise<ContentSettings> {
  let stored: unknown;
  try {
    stored = (await api.storage?.local.get(SETTINGS_KEY))?.[SETTINGS_KEY];
  } catch {
    // Unreadable storage: the defaults.
  }
  return parseSettings(stored);
}

const isOwn = (n: Node): boolean => n.nodeType === 1 && (n as Element).localName === HOST_TAG;

/**
 * Starts detection on `doc`. Resolves to undefined when there is nothing to
 * look for (empty archive, unreachable worker).
 */
export async function startDetection(api: ExtensionApi, doc: Document = document): Promise<Detection | undefined> {
  // An empty request: is there anything to look for (and is the worker there)?
  const requests = new PortCaller(api);
  const asked = requests.call('findNames', { text: '' });
  // Storage in a task of its own: building that part of the API costs Firefox some 10 ms more.
  await yieldToMain();
  const [settingsLoaded, status] = await Promise.all([loadSettings(api), asked]);
  let settings = settingsLoaded;
  if (!status.ok || !status.value?.active) {
    requests.close();
    return undefined;
  }
  // The worker declares the marks' CSS for pages loaded while marks are shown (src/background/sites/mark-styles.ts).
  if (showsMarks(settings)) declaredStyle(doc, settings.markStyle);
  else setMarkStyle(settings.markStyle);

  const scan = startScan(doc, requests, () => settings, isOwn);
  const card = startCard(doc, scan.found, requests, () => settings);
  // Private mode creates the card's host up front (see HoverCard.ensureHost).
  if (settings.privacy) card.card.ensureHost();

  const onMessage = (message: unknown, sender: Sender) => {
    const push = parsePush(message, sender, api.runtime.id);
    if (push?.push === 'focusSpeaker') card.controller.focusNext(push.params.direction);
    // As after a navigation: every name again, from the new matcher.
    else if (push?.push === 'archiveChanged') scan.rescan();
  };
  api.runtime.onMessage.addListener(onMessage);

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    settings = parseSettings(changes[SETTINGS_KEY]?.newValue);
    scan.repaint(settings);
    if (settings.privacy) card.card.ensureHost();
  };
  api.storage?.onChanged.addListener(onStorage);

  return {
    found: scan.found,
    card: card.card,
    controller: card.controller,
    ready: scan.ready,
    stop() {
      scan.stop();
      requests.close();
      card.stop();
      api.runtime.onMessage.removeListener(onMessage);
      api.storage?.onChanged.removeListener(onStorage);
    },
  };
}
