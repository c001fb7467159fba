/**
 * Content script entry: starts speaker detection once per page. "Scan this
 * page" may inject this file again into the same world; the flag makes that
 * a no-op. The flag lives in the content script's own global, which the
 * page's scripts cannot see.
 */
import { startDetection } from './detect-speakers';
import { afterNextPaint } from './detect/schedule';
import { extensionApi } from './runtime';

const FLAG = '__podiumDetection';
const world = globalThis as Record<string, unknown>;

if (!world[FLAG]) {
  world[FLAG] = true;
  // Detection starts once the page has painted, in a task of its own: the task that compiled this
  // script is long enough, and at document_idle Firefox runs it as the page finishes loading, where
  // every task of ours also delays the page's first paint (18 loads of a 1 MB schedule in Firefox:
  // its longest frame gap 483 ms starting at once, 450 ms after the paint, 466 ms without Podium).
  // Even the API waits: building it costs Firefox some 15 ms.
  void afterNextPaint()
    .then(() => {
      const api = extensionApi();
      return api && startDetection(api);
    })
    .catch((e: unknown) => console.debug('Podium', e));
}
