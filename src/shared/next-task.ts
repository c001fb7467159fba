/**
 * A new task, after those already queued: a MessageChannel message, which
 * unlike chained `setTimeout(0)`s is not clamped to 4 ms after a few levels
 * (the content script's slices, the worker's indexing slices).
 */
let channel: MessageChannel | undefined;
const resumes: (() => void)[] = [];

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
