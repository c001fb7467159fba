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
  /**
   * Lines beside the title outside the main content (a page header's
   * "series · date, time · room" line): read for labels and meta lines only.
   */
  meta?: string[];
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

/** Strong separators before a site or series suffix in a page title. */
const STRONG_SUFFIX = [' | ', ' · ', ' • ', ' :: '];
const WEAK_SUFFIX = [' — ', ' – ', ' - '];

/**
 * A page title without the site's suffix: "Talk · Series" → "Talk",
 * "Talk | DemoCon 2024" → "Talk", "Talk - Site" → "Talk". The first strong
 * separator (|, ·, •) cuts; otherwise the last dash does.
 */
export function stripSiteSuffix(title: string): string {
  const t = squash(title);
  let cut = -1;
  for (const sep of STRONG_SUFFIX) {
    const i = t.indexOf(sep);
    if (i >= 3 && (cut === -1 || i < cut)) cut = i;
  }
  if (cut === -1) {
    for (const sep of WEAK_SUFFIX) {
      const i = t.lastIndexOf(sep);
      if (i >= 3 && i > cut) cut = i;
    }
  }
  return cut === -1 ? t : t.slice(0, cut).trim();
}

/** Text blocks of `container` as lines (leaf blocks only), skipping what `skip` rejects. */
function leafTexts(container: Element, skip: (el: Element) => boolean): string[] {
  const out: string[] = [];
  for (const el of [container, ...Array.from(container.querySelectorAll(BLOCK_SELECTOR))]) {
    if (skip(el) || hasBlockChild(el) || !el.matches(BLOCK_SELECTOR)) continue;
    const text = squash(el.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

/**
 * Lines next to a title that sits outside the main content: the rest of the
 * title's container (a page `<header>`), or, when the title is a direct
 * child of `<body>`, the few elements after it before the main content.
 */
function metaLines(h1: Element, root: Element): string[] {
  const skip = (el: Element) => el === h1 || el.closest(SKIP) !== null || root.contains(el) || el.contains(root) || /^H[1-6]$/.test(el.tagName);
  const parent = h1.parentElement;
  if (parent && parent.tagName !== 'BODY' && !parent.contains(root)) return leafTexts(parent, skip).slice(0, 12);
  const out: string[] = [];
  let el = h1.nextElementSibling;
  for (let n = 0; el && n < 5 && !el.contains(root) && el !== root; n++, el = el.nextElementSibling) out.push(...leafTexts(el, skip));
  return out.slice(0, 12);
}

/**
 * Rendered HTML → blocks. Reads `main`/`article` when present, skips
 * navigation, footers and scripts, joins `<dt>`/`<dd>` pairs into
 * "Label: value" paragraphs. The title is the main content's `<h1>`, else
 * the document's first `<h1>` (a page header above `<main>`), else og:title
 * or `<title>` without the site's suffix; lines beside a title outside the
 * main content are returned as {@link PageBlocks.meta}.
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
  let title = blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  let meta: string[] = [];
  if (!title) {
    const h1 = Array.from(doc.querySelectorAll('h1')).find((h) => !skipped(h) && squash(h.textContent ?? '') !== '');
    if (h1) {
      title = squash(h1.textContent ?? '');
      if (!root.contains(h1)) {
        meta = metaLines(h1, root);
        for (const t of Array.from(h1.parentElement?.querySelectorAll('time[datetime]') ?? [])) {
          if (!root.contains(t)) times.unshift(t.getAttribute('datetime') ?? '');
        }
      }
    }
  }
  if (!title) {
    const og = squash(doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '');
    title = stripSiteSuffix(og || doc.title) || undefined;
  }
  return { ...(title ? { title } : {}), blocks, links, times: times.filter(Boolean), ...(meta.length ? { meta } : {}) };
}
