/**
 * Content script entry. (Foundation placeholder: asks the worker which
 * capitalised name-like phrases on the page are archive speakers and marks
 * them with the CSS Custom Highlight API. The detection issue replaces this
 * with the hashed matcher and the hover card.)
 */
import { callBackground } from '../shared/messaging';
import { normalizeName } from '../shared/names';

const NAME = /\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2}/gu;

async function run(): Promise<void> {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found: { node: Text; start: number; end: number; key: string }[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest('script,style,noscript,textarea,[contenteditable]')) continue;
    for (const m of (n as Text).data.matchAll(NAME)) {
      found.push({ node: n as Text, start: m.index, end: m.index + m[0].length, key: normalizeName(m[0]) });
    }
  }
  const reply = await callBackground('findSpeakers', { names: [...new Set(found.map((f) => f.key))].slice(0, 2000) });
  if (!reply.ok) return;
  const keys = new Set(reply.value.map((h) => h.key));
  const ranges = found
    .filter((f) => keys.has(f.key))
    .map((f) => {
      const r = new Range();
      r.setStart(f.node, f.start);
      r.setEnd(f.node, f.end);
      return r;
    });
  if (ranges.length && 'highlights' in CSS) CSS.highlights.set('podium-speaker', new Highlight(...ranges));
}

void run();
