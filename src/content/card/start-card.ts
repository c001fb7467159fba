/**
 * The card half of a page: hovering or focusing a found name opens its
 * speaker's card. Its code is loaded when first needed (card-module.ts):
 * on the first pointer move over a page with found names, the first
 * keyboard command, or at once in private mode. The intent delay before a
 * card opens (300 ms unless the user shortened it) hides the load.
 */
import type { ContentSettings } from '../../shared/content-settings';
import type { PortCaller } from '../../shared/port-caller';
import type { SpeakerWithTalks } from '../../shared/types';
import type { FoundNames } from '../detect/found-names';
import { FOCUS, Painter, styleScope } from '../detect/highlight';
import { CARD_MODULE, type CardModule, type PageCard, type Pointer } from './card-module';

export interface CardLoader {
  /** The card, once its code is loaded. */
  readonly loaded: PageCard | undefined;
  /** Loads the card's code once and starts the card; undefined when it could not be loaded. */
  load(): Promise<PageCard | undefined>;
  stop(): void;
}

/** Asks the worker to inject card.js into this page, then takes its entry point from this world's global. */
const injectCard = (requests: PortCaller) => async (): Promise<unknown> => {
  const r = await requests.call('loadCard', {});
  return r.ok ? (globalThis as Record<string, unknown>)[CARD_MODULE] : undefined;
};

/** Starts the card over the names `found` on `doc`. */
export function startCard(
  doc: Document,
  found: FoundNames,
  requests: PortCaller,
  settings: () => ContentSettings,
  loadModule: () => Promise<unknown> = injectCard(requests),
): CardLoader {
  const win = doc.defaultView!;
  const focus = new Painter(FOCUS, 1);
  let pointer: Pointer | undefined;
  let loaded: PageCard | undefined;
  let loading: Promise<PageCard | undefined> | undefined;
  let tries = 0;
  let stopped = false;

  const load = (): Promise<PageCard | undefined> =>
    (loading ??= loadModule()
      .catch(() => undefined)
      .then((m) => {
        if (stopped) return undefined;
        if (typeof (m as CardModule | undefined)?.createCard !== 'function') {
          // The worker may have been updated or the page navigated meanwhile: a later need tries again, a few times.
          if (++tries < 3) loading = undefined;
          return undefined;
        }
        loaded = (m as CardModule).createCard(doc, {
          found,
          settings,
          loadPeople: async (ids) => {
            const replies = await Promise.all(ids.map((id) => requests.call('getSpeaker', { id })));
            return replies.flatMap((r): SpeakerWithTalks[] => (r.ok && r.value ? [r.value] : []));
          },
          openSpeaker: (id) => void requests.call('openSpeaker', { id }),
          paintFocus: (ranges) => {
            for (const r of ranges) styleScope(r.startContainer.getRootNode() as Document | ShadowRoot);
            focus.set(ranges);
          },
        });
        // From here the card's controller follows the names itself.
        unsubscribe();
        if (pointer) loaded.controller.pointAt(pointer);
        return loaded;
      }));

  // Until the card is loaded, a pointer over a page with names loads it; the move that does is handed to it.
  const wanted = () => {
    if (!loaded && pointer && found.size) void load();
  };
  const onMove = (e: PointerEvent) => {
    // The deepest target, inside open shadow roots too (a closed root's, like our card's, stays the host).
    const target = (e.composedPath?.()[0] ?? e.target) as Element | null;
    pointer = { x: e.clientX, y: e.clientY, target: target?.nodeType === 1 ? target : null };
    if (loaded) loaded.controller.pointAt(pointer);
    else wanted();
  };
  win.addEventListener('pointermove', onMove, { capture: true, passive: true });
  const unsubscribe = found.onChange(wanted);

  return {
    get loaded() {
      return loaded;
    },
    load,
    stop() {
      stopped = true;
      win.removeEventListener('pointermove', onMove, { capture: true });
      unsubscribe();
      loaded?.stop();
      focus.destroy();
    },
  };
}
