/** What the user starts from a page: opening a speaker of the hover card in Podium (keyboard commands are pushes, see content-push.ts). */
import type { CommandCalls } from '../../shared/messages';
import { obj, str } from '../../shared/validate';
import type { AreaHandlers } from '../router';
import { openSpeakerView } from './open-speaker';

export function createCommandHandlers(): AreaHandlers<CommandCalls> {
  return {
    openSpeaker: { params: obj({ id: str({ min: 1, max: 64 }) }), run: ({ id }, ctx) => openSpeakerView(id, ctx.sender.tab?.windowId) },
  };
}
