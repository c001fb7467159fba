/** What the user starts from a page: opening a speaker of the hover card in Podium (keyboard commands are pushes, see content-push.ts). */
import type { Method } from '../../shared/messages';
import { obj, str } from '../../shared/validate';
import type { Handlers } from '../router';
import { openSpeakerView } from './open-speaker';

export const COMMAND_METHODS = ['openSpeaker'] as const satisfies readonly Method[];

export function createCommandHandlers(): Pick<Handlers, (typeof COMMAND_METHODS)[number]> {
  return {
    openSpeaker: { params: obj({ id: str({ min: 1, max: 64 }) }), run: ({ id }, ctx) => openSpeakerView(id, ctx.sender.tab?.windowId) },
  };
}
