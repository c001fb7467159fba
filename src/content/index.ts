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
  // Detection starts in a task of its own: the task that compiled this script is long enough, and at
  // document_idle Firefox may run it inside the page's load. Even the API is touched there: building it
  // costs Firefox some 15 ms.
  void yieldToMain()
    .then(() => {
      const api = extensionApi();
      return api && startDetection(api);
    })
    .catch((e: unknown) => console.debug('Podium', e));
}
