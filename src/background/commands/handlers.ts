/** What a page asks of the worker besides names: the hover card's code, and opening a speaker of the card in Podium (keyboard commands are pushes, see content-push.ts). */
import type { CommandCalls } from '../../shared/messages';
import { empty, obj, str } from '../../shared/validate';
import type { AreaHandlers } from '../router';
import { loadCardInto } from './load-card';
import { openSpeakerView } from './open-speaker';

export function createCommandHandlers(): AreaHandlers<CommandCalls> {
  return {
    loadCard: { params: empty, run: (_, ctx) => loadCardInto(ctx.sender) },
    openSpeaker: { params: obj({ id: str({ min: 1, max: 64 }) }), run: ({ id }, ctx) => openSpeakerView(id, ctx.sender.tab?.windowId) },
  };
}
