/**
 * Keyboard commands forwarded to the active tab's content script. The lead
 * declares them in manifest.json `commands` and calls {@link commandPush}
 * from `commands.onCommand`.
 */
import type { PushMessage } from '../../shared/messages';

/** manifest.json `commands` entries (suggested keys avoid common browser shortcuts). */
export const SPEAKER_COMMANDS = {
  'next-speaker': { suggested_key: { default: 'Alt+Shift+N' }, description: 'Go to the next speaker found on the page' },
  'previous-speaker': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Go to the previous speaker found on the page' },
} as const;

/** The push for a command, or undefined when the command is not one of ours. */
export function commandPush(command: string): PushMessage<'focusSpeaker'> | undefined {
  if (command === 'next-speaker') return { podium: 1, push: 'focusSpeaker', params: { direction: 'next' } };
  if (command === 'previous-speaker') return { podium: 1, push: 'focusSpeaker', params: { direction: 'previous' } };
  return undefined;
}
