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
 * changes with a MutationObserver that does nothing. On `?floor=mark`
 * ({@link MARK_QUERY}) it is a minimal marker, the whole job in one pass:
 * it reads the text nodes' strings, posts them in one message, and marks
 * the archive names its worker finds (one static range each, in one
 * highlight registered once). No slicing, no observer, no skipped regions
 * or line checks, no card: the least any extension that marks names pays.
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
/** The query that makes it a minimal marker (see above). */
export const MARK_QUERY = 'floor=mark';
/** The minimal marker's highlight (its CSS is the extension's, declared for the floor's host). */
export const MARK_HIGHLIGHT = 'floor-mark';

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
  if (location.search.includes('${MARK_QUERY}')) {
    const nodes = [];
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n);
      parts.push(n.data);
    }
    const port = api.runtime.connect({ name: 'floor' });
    port.onMessage.addListener((m) => {
      port.disconnect();
      const starts = [];
      let at = 0;
      for (const p of parts) {
        starts.push(at);
        at += p.length + 1;
      }
      const locate = (offset, end) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (end ? starts[mid] < offset : starts[mid] <= offset) lo = mid;
          else hi = mid - 1;
        }
        return [nodes[lo], offset - starts[lo]];
      };
      const h = new Highlight();
      for (let i = 0; i < m.hits.length; i += 2) {
        const [a, ao] = locate(m.hits[i], false);
        const [b, bo] = locate(m.hits[i + 1], true);
        h.add(new StaticRange({ startContainer: a, startOffset: ao, endContainer: b, endOffset: bo }));
      }
      CSS.highlights.set('${MARK_HIGHLIGHT}', h);
    });
    port.postMessage({ parts });
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

/**
 * The worker answers text with an empty reply, and the minimal marker's parts
 * with where the archive's names are in them (flat start/end offsets in the
 * parts joined by newlines): runs of two or three words, each looked up.
 */
const worker = (names: readonly string[]) => `const NAMES = new Set(${JSON.stringify(names)});
const find = (text) => {
  const words = [...text.matchAll(/[\\p{L}\\p{M}.'’-]+/gu)].map((w) => [w.index, w.index + w[0].length]);
  const hits = [];
  for (let i = 0; i < words.length; i++) {
    for (let len = 3; len >= 2; len--) {
      const last = words[i + len - 1];
      if (!last) continue;
      let ok = true;
      for (let k = i + 1; k < i + len && ok; k++) ok = /^\\s+$/.test(text.slice(words[k - 1][1], words[k][0]));
      if (!ok) continue;
      const name = words.slice(i, i + len).map(([a, b]) => text.slice(a, b)).join(' ');
      if (NAMES.has(name)) {
        hits.push(words[i][0], last[1]);
        i += len - 1;
        break;
      }
    }
  }
  return hits;
};
(globalThis.browser ?? globalThis.chrome).runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((m) => port.postMessage(m.parts ? { hits: find(m.parts.join('\\n')) } : { ok: true, chars: m.text.length }));
});
`;

export const FLOOR_GECKO_ID = 'podium-bench-floor@podium-extension.org';

/** Writes the floor extension for `browser` into a new temporary folder and returns it; `names` are the archive's, for the minimal marker. */
export function writeFloorExtension(browser: 'chromium' | 'firefox', names: readonly string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-floor-'));
  const manifest = {
    manifest_version: 3,
    name: 'Podium bench floor',
    version: '1.0',
    background: browser === 'chromium' ? { service_worker: 'worker.js' } : { scripts: ['worker.js'] },
    host_permissions: [`https://${FLOOR_HOST}/*`],
    // The minimal marker's highlight style, as Podium's worker declares its own (on the root in Chromium).
    content_scripts: [{ matches: [`https://${FLOOR_HOST}/*`], js: ['content.js'], css: ['mark.css'], run_at: 'document_idle' }],
    // Podium's messages are structured-cloned too (JSON costs Chromium's sender more per character).
    ...(browser === 'chromium' ? { message_serialization: 'structured_clone' } : {}),
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: FLOOR_GECKO_ID } } } : {}),
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'content.js'), CONTENT);
  fs.writeFileSync(path.join(dir, 'worker.js'), worker(names));
  fs.writeFileSync(path.join(dir, 'mark.css'), `${browser === 'chromium' ? ':root' : ''}::highlight(${MARK_HIGHLIGHT}) { background-color: #fde68a; }\n`);
  return dir;
}
