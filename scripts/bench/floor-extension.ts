/**
 * The physical floor of what a page pays for Podium, measured the way Podium
 * is: a bare extension that does only what any extension marking names must
 * do on a page. Its content script (document_idle, like Podium's) reads
 * every text node's data in one TreeWalker pass, joins them, and posts the
 * text to its background worker over a runtime port in 16,000-character
 * messages; the worker answers each with an empty reply, which the content
 * script receives. No slicing, no names, no marks, no card. On a page
 * loaded with `?floor=inject` ({@link INJECT_QUERY}) it only opens its port and sends an empty
 * message: what having a content script on the page costs at all; on
 * `?floor=observe` ({@link OBSERVE_QUERY}) it only watches the page's
 * changes with a MutationObserver that does nothing.
 *
 * Loaded beside Podium in the same browser, it runs only on {@link FLOOR_HOST},
 * where Podium does not run, so the bench loads the same page on three hosts
 * in one run: without any extension, with the floor, with Podium, traced
 * and heartbeat-timed alike (under the same load, the same contention with
 * the browser's other processes, and the same tracing overhead).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FLOOR_HOST } from '../../test/e2e/browsers';

/** The query that makes the floor extension only start (no reading). */
export const INJECT_QUERY = 'floor=inject';
/** The query that makes it only watch the page's changes, as any extension that keeps its marks on a changing page must (a bare MutationObserver). */
export const OBSERVE_QUERY = 'floor=observe';

const CONTENT = `(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const connect = () => {
    const port = api.runtime.connect({ name: 'floor' });
    port.onMessage.addListener(() => undefined);
    return port;
  };
  if (location.search.includes('${OBSERVE_QUERY}')) {
    new MutationObserver(() => undefined).observe(document, { childList: true, subtree: true, characterData: true });
    return;
  }
  if (location.search.includes('${INJECT_QUERY}')) {
    connect().postMessage({ text: '' });
    return;
  }
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.data);
  const text = parts.join('\\n');
  const port = connect();
  for (let i = 0; i < text.length; i += 16000) port.postMessage({ text: text.slice(i, i + 16000) });
})();
`;

const WORKER = `(globalThis.browser ?? globalThis.chrome).runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((m) => port.postMessage({ ok: true, chars: m.text.length }));
});
`;

export const FLOOR_GECKO_ID = 'podium-bench-floor@podium-extension.org';

/** Writes the floor extension for `browser` into a new temporary folder and returns it. */
export function writeFloorExtension(browser: 'chromium' | 'firefox'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-floor-'));
  const manifest = {
    manifest_version: 3,
    name: 'Podium bench floor',
    version: '1.0',
    background: browser === 'chromium' ? { service_worker: 'worker.js' } : { scripts: ['worker.js'] },
    host_permissions: [`https://${FLOOR_HOST}/*`],
    content_scripts: [{ matches: [`https://${FLOOR_HOST}/*`], js: ['content.js'], run_at: 'document_idle' }],
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: FLOOR_GECKO_ID } } } : {}),
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'content.js'), CONTENT);
  fs.writeFileSync(path.join(dir, 'worker.js'), WORKER);
  return dir;
}
