/**
 * Small text helpers for platform data: HTML fragments in abstracts to plain
 * text, talk kinds from a platform's type names, language tags, link kinds.
 */
import type { LinkKind, TalkKind } from '../../types';

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', eacute: 'é', egrave: 'è',
  uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', copy: '©', reg: '®', trade: '™', bull: '•',
};

const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'tr', 'blockquote', 'pre']);

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10));
  return ENTITIES[name];
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

/**
 * Turns an HTML fragment (FOSDEM abstracts, some frab descriptions) into plain
 * text: tags dropped, block elements become line breaks, entities decoded,
 * `<script>`/`<style>` content dropped. A character scanner, not a regular
 * expression over the markup. Plain text passes through unchanged apart from
 * whitespace trimming.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return tidy(html);
  let out = '';
  let i = 0;
  let skipUntil: string | undefined;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '<' && /[a-zA-Z/!]/.test(html[i + 1] ?? '')) {
      const close = html.indexOf('>', i + 1);
      if (close < 0) {
        out += skipUntil ? '' : html.slice(i);
        break;
      }
      const tag = html.slice(i + 1, close).trim();
      const name = (/^\/?([a-zA-Z0-9]+)/.exec(tag)?.[1] ?? '').toLowerCase();
      const closing = tag.startsWith('/');
      if (skipUntil) {
        if (closing && name === skipUntil) skipUntil = undefined;
      } else if (!closing && (name === 'script' || name === 'style')) {
        skipUntil = name;
      } else if (name === 'li' && !closing) {
        out += '\n• ';
      } else if (BLOCK.has(name)) {
        out += '\n';
      }
      i = close + 1;
      continue;
    }
    if (skipUntil) {
      i++;
      continue;
    }
    if (c === '&') {
      const semi = html.indexOf(';', i + 1);
      if (semi > i && semi - i <= 10) {
        const decoded = decodeEntity(html.slice(i + 1, semi));
        if (decoded !== undefined) {
          out += decoded;
          i = semi + 1;
          continue;
        }
      }
    }
    out += c;
    i++;
  }
  return tidy(out);
}

/** Normalises line endings, trims lines and collapses runs of blank lines. */
export function tidy(text: string): string {
  // Most abstracts are one plain paragraph: nothing to do but trim.
  if (!/[\r\n\t\u00a0]| {2}/.test(text)) return text.trim();
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Non-empty trimmed string or undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t : undefined;
}

/**
 * Talk kind from a platform's session type ("lecture", "Talk (long session)",
 * "Conference Workshop", "lightningtalk", "Keynote", "Panel") and, failing
 * that, the title ("Keynote: …", "Lightning Talks").
 */
export function kindFrom(type: string | undefined, title = ''): TalkKind {
  const t = `${type ?? ''}`.toLowerCase();
  const byTitle = (): TalkKind | undefined => {
    const x = title.toLowerCase();
    if (/^keynote\b|\bkeynote:/.test(x)) return 'keynote';
    if (/\blightning talks?\b/.test(x)) return 'lightning';
    if (/^panel\b|\bpanel discussion\b/.test(x)) return 'panel';
    if (/^(workshop|tutorial)\b/.test(x)) return 'workshop';
    return undefined;
  };
  if (/keynote/.test(t)) return 'keynote';
  if (/lightning/.test(t)) return 'lightning';
  if (/workshop|tutorial|hands-on|hackathon|training|sprint|lab\b/.test(t)) return 'workshop';
  if (/panel|discussion|podium|fireside|round ?table/.test(t)) return 'panel';
  const fromTitle = byTitle();
  if (fromTitle) return fromTitle;
  if (/meeting|break|lunch|coffee|social|party|concert|game|poster|announcement|other|registration|bof|assembly/.test(t)) return 'other';
  return 'talk';
}

const LANGS: Record<string, string> = {
  eng: 'en', english: 'en', spa: 'es', spanish: 'es', español: 'es', rus: 'ru', russian: 'ru',
  fra: 'fr', fre: 'fr', french: 'fr', français: 'fr', por: 'pt', portuguese: 'pt', kor: 'ko', korean: 'ko',
  jpn: 'ja', japanese: 'ja', ita: 'it', italian: 'it', deu: 'de', ger: 'de', german: 'de', deutsch: 'de',
  zho: 'zh', chi: 'zh', chinese: 'zh', pol: 'pl', polish: 'pl', slk: 'sk', slo: 'sk', slovak: 'sk', lit: 'lt',
  lithuanian: 'lt', tha: 'th', thai: 'th', ces: 'cs', cze: 'cs', czech: 'cs', heb: 'he', hebrew: 'he',
  eus: 'eu', baq: 'eu', basque: 'eu', glg: 'gl', galician: 'gl', nld: 'nl', dut: 'nl', dutch: 'nl',
  swe: 'sv', swedish: 'sv', fin: 'fi', finnish: 'fi', tur: 'tr', turkish: 'tr', ukr: 'uk', ukrainian: 'uk',
};

/**
 * A BCP 47 tag from what platforms write: `en`, `de-DE`, `eng` (pyvideo's
 * ISO 639-3), `English`, `en-us`. Unknown values are dropped.
 */
export function languageTag(value: unknown): string | undefined {
  const v = str(value)?.toLowerCase();
  if (!v) return undefined;
  const mapped = LANGS[v];
  if (mapped) return mapped;
  const m = /^([a-z]{2})(?:[-_]([a-z]{2}|\d{3}))?$/.exec(v);
  if (!m) return undefined;
  return m[2] ? `${m[1]}-${m[2].toUpperCase()}` : m[1];
}

/** Is this a URL we can keep (http/https, absolute)? */
export function httpUrl(value: unknown, base?: string): string | undefined {
  const v = str(value);
  if (!v) return undefined;
  try {
    const u = new URL(v, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|archive\.org|media\.ccc\.de|video\.fosdem\.org|peertube|dailymotion\.com|bilibili\.com|tube\.|cdn\.media\.ccc\.de)/;
const SLIDE_HOSTS = /(^|\.)(speakerdeck\.com|slideshare\.net|slides\.com|docs\.google\.com\/presentation)/;

/** Link kind from its URL and label: video, slides, or the given fallback. */
export function linkKind(url: string, label = '', fallback: LinkKind = 'other'): LinkKind {
  const l = label.toLowerCase();
  let host = '';
  let path = '';
  try {
    const u = new URL(url);
    host = u.hostname;
    path = u.pathname.toLowerCase();
  } catch {
    /* keep fallback */
  }
  if (/slide|presentation|deck/.test(l) || SLIDE_HOSTS.test(host + path) || /\.(pdf|odp|pptx?|key)$/.test(path)) return 'slides';
  if (/video|recording/.test(l) || VIDEO_HOSTS.test(host) || /\.(mp4|webm|ogv|ogg|mkv|flv|m4v)$/.test(path)) return 'video';
  return fallback;
}
