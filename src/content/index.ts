/**
 * Content script entry: starts speaker detection once per page. "Scan this
 * page" may inject this file again into the same world; the flag makes that
 * a no-op. The flag lives in the content script's own global, which the
 * page's scripts cannot see.
 */
import { startDetection } from './detect-speakers';
import { yieldToMain } from './detect/schedule';
import { extensionApi } from './runtime';

const FLAG = '__podiumDetection';
const world = globalThis as Record<string, unknown>;

if (!world[FLAG]) {
  world[FLAG] = true;
  const api = extensionApi();
  // Detection starts in a task of its own: the task that compiled this script is long enough.
  if (api) void yieldToMain().then(() => startDetection(api)).catch((e: unknown) => console.debug('Podium', e));
}
