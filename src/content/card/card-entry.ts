/**
 * card.js: the card's code, injected by the worker into a page's isolated
 * world on demand (see card-module.ts). It only leaves its entry point
 * there; the content script starts it.
 */
import { CARD_MODULE, type CardModule } from './card-module';
import { HoverCard } from './hover-card';
import { HoverController } from './hover-controller';

const mod: CardModule = {
  createCard(doc, o) {
    const card = new HoverCard(doc);
    const controller = new HoverController({ ...o, win: doc.defaultView!, card });
    return {
      card,
      controller,
      stop() {
        controller.stop();
        card.destroy();
      },
    };
  },
};

(globalThis as Record<string, unknown>)[CARD_MODULE] = mod;
