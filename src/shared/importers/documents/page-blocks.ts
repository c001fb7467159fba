/**
 * A talk page as a list of blocks (headings, paragraphs, list items) plus
 * its links, whether it came as Markdown or as a rendered HTML document, so
 * one reader ({@link readTalkPage}) handles both.
 */
import { markdownLinks, squash, stripInlineMarkup } from './text-utils';

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'item'; text: string };

/** A link on the page, with the text it is written on. */
export interface PageLink {
  text: string;
  url: string;
}

export interface PageBlocks {
  /** The page's main heading, when the body has one. */
  title?: string;
  blocks: Block[];
  links: PageLink[];
  /** `datetime` attributes of `<time>` elements, in order. */
  times: string[];
}

const MD_ITEM = /^\s{0,6}(?:[-*+]|\d{1,3}[.)])\s+/;

/** Markdown body → blocks. Paragraph lines are joined; `<!--more-->` and HTML comments are dropped. */
export function markdownBlocks(body: string): PageBlocks {
  const blocks: Block[] = [];
  const links: PageLink[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'para', text: squash(para.join(' ')) });
    para = [];
  };
  for (const raw of body.replace(/<!--[^]{0,2000}?-->/g, '\n').split('\n')) {
    links.push(...markdownLinks(raw));
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1]!.length, text: squash(stripInlineMarkup(h[2]!).replace(/#+$/, '')) });
    } else if (MD_ITEM.test(raw)) {
      flush();
      blocks.push({ kind: 'item', text: squash(stripInlineMarkup(raw.replace(MD_ITEM, ''))) });
    } else if (/^\*\*[^*]{1,40}\*\*\s?:/.test(line) || /^[\p{L} ()]{2,30}:\s/u.test(stripInlineMarkup(line))) {
      // "**When**: 18:00" label lines stand alone even without blank lines between them.
      flush();
      blocks.push({ kind: 'para', text: squash(stripInlineMarkup(line)) });
    } else para.push(stripInlineMarkup(line));
  }
  flush();
  const title = blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  return { ...(title ? { title } : {}), blocks, links, times: [] };
}

const BLOCK_SELECTOR = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,blockquote,figcaption,td,th,div,section,article,header';
const SKIP = 'script,style,noscript,template,nav,footer,form,svg,button,select';
const BLOCKISH = new Set(['P', 'LI', 'DT', 'DD', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'UL', 'OL', 'DL', 'TABLE', 'BLOCKQUOTE', 'FIGURE', 'MAIN', 'ASIDE', 'TR']);

function hasBlockChild(el: Element): boolean {
  for (const c of Array.from(el.children)) if (BLOCKISH.has(c.tagName)) return true;
  return false;
}

/**
 * Rendered HTML → blocks. Reads `main`/`article` when present, skips
 * navigation, footers and scripts, joins `<dt>`/`<dd>` pairs into
 * "Label: value" paragraphs.
 */
export function htmlBlocks(doc: Document): PageBlocks {
  const root = doc.querySelector('main, article, [role="main"]') ?? doc.body;
  const blocks: Block[] = [];
  if (!root) return { blocks, links: [], times: [] };
  const skipped = (el: Element) => el.closest(SKIP) !== null;
  for (const el of Array.from(root.querySelectorAll(BLOCK_SELECTOR))) {
    if (skipped(el) || hasBlockChild(el)) continue;
    const text = squash(el.textContent ?? '');
    if (!text) continue;
    const tag = el.tagName;
    if (/^H[1-6]$/.test(tag)) blocks.push({ kind: 'heading', level: Number(tag[1]), text });
    else if (tag === 'LI') blocks.push({ kind: 'item', text });
    else if (tag === 'DT') {
      const dd = el.nextElementSibling;
      const value = dd?.tagName === 'DD' ? squash(dd.textContent ?? '') : '';
      blocks.push({ kind: 'para', text: value ? `${text.replace(/:$/, '')}: ${value}` : text });
    } else if (tag === 'DD' && el.previousElementSibling?.tagName === 'DT') continue;
    else blocks.push({ kind: 'para', text });
  }
  const links: PageLink[] = [];
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    if (skipped(a)) continue;
    const href = a.getAttribute('href') ?? '';
    let url: string;
    try {
      url = new URL(href, doc.baseURI).href;
    } catch {
      continue;
    }
    if (/^https?:/.test(url)) links.push({ text: squash(a.textContent ?? ''), url });
  }
  const times = Array.from(root.querySelectorAll('time[datetime]'), (t) => t.getAttribute('datetime') ?? '').filter(Boolean);
  const h1 = blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? undefined;
  const title = h1 ?? og ?? (squash(doc.title) || undefined);
  return { ...(title ? { title } : {}), blocks, links, times };
}
