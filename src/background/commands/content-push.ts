/**
 * Keyboard commands forwarded to the active tab's content script: declared
 * in manifest.json `commands`, answered by {@link commandPush} from
 * `commands.onCommand`.
 */
import type { PushMessage } from '../../shared/messages';

/** The push for a command, or undefined when the command is not one of ours. */
export function commandPush(command: string): PushMessage<'focusSpeaker'> | undefined {
  if (command === 'next-speaker') return { podium: 1, push: 'focusSpeaker', params: { direction: 'next' } };
  if (command === 'previous-speaker') return { podium: 1, push: 'focusSpeaker', params: { direction: 'previous' } };
  return undefined;
}
