/**
 * The worker's whole handler table: one entry per method of the message map,
 * composed from each area's handler set. The worker and the router tests use
 * the same table, so a method can only be answered one way.
 */
import { obj, str } from '../shared/validate';
import type { PodiumDb } from './db';
import { createHandlers } from './handlers';
import { createImportHandlers } from './import/handlers';
import { createMatcherHandlers } from './matcher/handlers';
import { openSpeakerView } from './open-speaker';
import type { Handlers } from './router';
import { createPopupHandlers } from './search/handlers';
import { createSiteHandlers } from './site-handlers';

export function createHandlerTable(db: PodiumDb): Handlers {
  return {
    ...createHandlers(db),
    ...createMatcherHandlers(db),
    ...createSiteHandlers(),
    ...createPopupHandlers(db),
    ...createImportHandlers(db),
    openSpeaker: { params: obj({ id: str({ min: 1, max: 64 }) }), run: ({ id }, ctx) => openSpeakerView(id, ctx.sender.tab?.windowId) },
  };
}
