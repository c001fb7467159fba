/**
 * Detection on one page, wired together in the order it runs: ask the worker
 * whether there is anything to look for, start the scan (detect/), start the
 * card (card/), then follow the worker's pushes and the user's settings.
 * Everything stops with {@link Detection.stop}.
 */
import { parseSettings, showsMarks } from '../shared/content-settings';
import { PortCaller } from '../shared/port-caller';
import { HOST_TAG, type HoverCard } from './card/hover-card';
import type { HoverController } from './card/hover-controller';
import { startCard } from './card/start-card';
import type { FoundNames } from './detect/found-names';
import { declaredStyle, setMarkStyle } from './detect/highlight';
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

const isOwn = (n: Node): boolean => n.nodeType === 1 && (n as Element).localName === HOST_TAG;

/**
 * Starts detection on `doc`. Resolves to undefined when there is nothing to
 * look for (empty archive, unreachable worker).
 */
export async function startDetection(api: ExtensionApi, doc: Document = document): Promise<Detection | undefined> {
  // Is there anything to look for (and is the worker there)? The answer brings the settings too.
  const requests = new PortCaller(api);
  const status = await requests.call('startPage', {});
  if (!status.ok || !status.value?.active) {
    requests.close();
    return undefined;
  }
  let settings = parseSettings(status.value.settings);
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
    else if (push?.push === 'settingsChanged') {
      settings = push.params.settings;
      scan.repaint(settings);
      if (settings.privacy) card.card.ensureHost();
    }
  };
  api.runtime.onMessage.addListener(onMessage);

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
    },
  };
}
