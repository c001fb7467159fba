/**
 * Detection on one page, wired together in the order it runs: start the scan
 * (detect/), whose first request also asks the worker whether there is
 * anything to look for and brings the settings, start the card (card/), then
 * follow the worker's pushes and the user's settings. Everything stops with
 * {@link Detection.stop}.
 */
import { parseSettings, showsMarks } from '../shared/content-settings';
import type { PageStart, TextHits } from '../shared/messages';
import { PortCaller } from '../shared/port-caller';
import { HOST_TAG } from './card/card-module';
import { type CardLoader, startCard } from './card/start-card';
import type { FoundNames } from './detect/found-names';
import { declaredStyle, setMarkStyle } from './detect/highlight';
import { yieldToMain } from './detect/schedule';
import { startScan } from './detect/start-scan';
import { type ExtensionApi, parsePush, type Sender } from './runtime';

export interface Detection {
  found: FoundNames;
  card: CardLoader;
  /** Resolves when the first full scan (and its confirmations) is done. */
  ready: Promise<void>;
  stop(): void;
}

const isOwn = (n: Node): boolean => n.nodeType === 1 && (n as Element).localName === HOST_TAG;

/**
 * Starts detection on `doc`. Resolves once the worker has answered the first
 * request; to undefined when there is nothing to look for (empty archive,
 * unreachable worker), with everything stopped again.
 */
export async function startDetection(api: ExtensionApi, doc: Document = document): Promise<Detection | undefined> {
  const requests = new PortCaller(api);
  /** Until the first answer brings the user's; no mark is shown before it. */
  let settings = parseSettings(undefined);
  /** The first answer: each later one waits for it, as its marks follow its settings. */
  let first: Promise<PageStart | undefined> | undefined;
  let answered = false;
  const begin = (start: PageStart) => {
    settings = parseSettings(start.settings);
    // The worker declares the marks' CSS for pages loaded while marks are shown (src/background/sites/mark-styles.ts).
    if (showsMarks(settings)) declaredStyle(doc, settings.markStyle);
    else setMarkStyle(settings.markStyle);
    // Private mode creates the card's host up front (see HoverCard.ensureHost).
    if (settings.privacy) ensureHost();
  };
  // The scan's first request is the page's start: it walks while the worker wakes, and its names come with the answer.
  const find = (parts: string[]): Promise<TextHits | undefined> =>
    first
      ? requests.call('findNames', { parts }).then(async (r) => {
          const held = !answered;
          const start = await first;
          // One held back for the first answer goes in a task of its own after it, not all in the first's.
          if (held && start) await yieldToMain();
          return start && r.ok ? r.value : undefined;
        })
      : (first = requests.call('startPage', { parts }).then((r) => {
          answered = true;
          const start = r.ok ? r.value : undefined;
          if (start?.active) begin(start);
          return start;
        }));

  const scan = startScan(doc, find, () => settings, isOwn);
  const card = startCard(doc, scan.found, requests, () => settings);
  const ensureHost = () => void card.load().then((c) => c?.card.ensureHost());
  const onMessage = (message: unknown, sender: Sender) => {
    const push = parsePush(message, sender, api.runtime.id);
    if (push?.push === 'focusSpeaker') void card.load().then((c) => c?.controller.focusNext(push.params.direction));
    // As after a navigation: every name again, from the new matcher.
    else if (push?.push === 'archiveChanged') scan.rescan();
    else if (push?.push === 'settingsChanged') {
      settings = push.params.settings;
      scan.repaint(settings);
      if (settings.privacy) ensureHost();
    }
  };
  const stop = () => {
    scan.stop();
    requests.close();
    card.stop();
    api.runtime.onMessage.removeListener(onMessage);
  };
  // A page without text sent nothing yet: ask anyway.
  if (!(await (first ?? find([])))?.active) {
    stop();
    return undefined;
  }
  api.runtime.onMessage.addListener(onMessage);
  return { found: scan.found, card, ready: scan.ready, stop };
}
