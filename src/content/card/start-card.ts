/** The card half of a page: hovering or focusing a found name opens its speaker's card. */
import type { ContentSettings } from '../../shared/content-settings';
import type { PortCaller } from '../../shared/port-caller';
import type { SpeakerWithTalks } from '../../shared/types';
import type { FoundNames } from '../detect/found-names';
import { FOCUS, Painter, styleScope } from '../detect/highlight';
import { HoverCard } from './hover-card';
import { HoverController } from './hover-controller';

export interface PageCard {
  card: HoverCard;
  controller: HoverController;
  stop(): void;
}

/** Starts the card over the names `found` on `doc`. */
export function startCard(doc: Document, found: FoundNames, requests: PortCaller, settings: () => ContentSettings): PageCard {
  const focus = new Painter(FOCUS, 1);
  const card = new HoverCard(doc);
  const controller = new HoverController({
    win: doc.defaultView!,
    found,
    card,
    settings,
    loadPeople: async (ids) => {
      const replies = await Promise.all(ids.map((id) => requests.call('getSpeaker', { id })));
      return replies.flatMap((r): SpeakerWithTalks[] => (r.ok && r.value ? [r.value] : []));
    },
    openSpeaker: (id) => void requests.call('openSpeaker', { id }),
    focusPainter: {
      set: (ranges) => {
        for (const r of ranges) styleScope(r.startContainer.getRootNode() as Document | ShadowRoot);
        focus.set(ranges);
      },
    },
  });
  return {
    card,
    controller,
    stop() {
      controller.stop();
      card.destroy();
      focus.destroy();
    },
  };
}
