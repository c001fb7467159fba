/** Yielding through a MessageChannel: shared by the content script's slices and the worker's indexing slices. */
let channel: MessageChannel | undefined;
const resumes: (() => void)[] = [];

/**
 * Resolves in a new task, after those already queued: a MessageChannel
 * message, which unlike chained `setTimeout(0)`s is not clamped to 4 ms
 * after a few levels.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => resumes.shift()?.();
  }
  return new Promise((resolve) => {
    resumes.push(resolve);
    channel!.port2.postMessage(null);
  });
}
