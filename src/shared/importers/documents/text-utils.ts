/**
 * Small string helpers shared by the document importers. Trimming is done
 * with loops, not `/[…]+$/`: an end-anchored run is quadratic on a long run
 * of the trimmed characters followed by anything else.
 */

/** Removes characters in `chars` from both ends of `s`, in linear time. */
export function trimChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a]!)) a++;
  while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** Whitespace and the punctuation that separates fields in CV lines. */
export const SEPARATORS = ' \t\u00a0,;:|-–—(•·';

/** Trims whitespace and field separators ("- Foo, " → "Foo"). */
export function trimSeparators(s: string): string {
  return trimChars(s, SEPARATORS);
}

/** Collapses runs of whitespace (tabs included) to one space and trims. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Removes inline Markdown/HTML emphasis and LaTeX fragments that PDF-to-text
 * tools leave behind: `**b**`, `_i_`, `<u>x</u>`, `$\bullet$`, `\text{x}`.
 * Links `[text](url)` keep their text; {@link markdownLinks} reads the URLs.
 */
export function stripInlineMarkup(s: string): string {
  return s
    .replace(/\\text\{([^{}]*)\}/g, '$1')
    .replace(/\\bullet|\\ |\$/g, ' ')
    .replace(/<\/?(?:u|b|i|em|strong|span|sup|sub)\b[^<>]{0,200}>/gi, '')
    .replace(/!?\[([^\][]{0,500})\]\([^()\s]{0,1000}\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)[*_]([^*_\s][^*_]{0,300}?)[*_](?=\s|$|[.,;:])/g, '$1$2')
    .replace(/[ \t]{2,}/g, (m) => (m.includes('\t') ? '\t' : ' '));
}

/** `[text](url)` pairs in Markdown. */
export function markdownLinks(s: string): { text: string; url: string }[] {
  const out: { text: string; url: string }[] = [];
  const re = /\[([^\][]{0,500})\]\((https?:\/\/[^()\s]{1,1000})\)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push({ text: m[1]!, url: m[2]! });
  return out;
}

/** Words kept upper case when a SHOUTED line is turned into title case. */
const ACRONYMS = new Set(
  'SRE SRO IT UNIX DNS NTP DHCP TFTP OS IC QA UX UI CTO CEO CFO COO CIO CISO VP HR PM AI ML API AWS GCP SQL PHP HTML CSS JS IOT EU EMEA US USA UK R&D ICT IBM SAP NOC SOC BI DBA DX GIS TV PR BSC MSC PHD MBA FBOSS DC'.split(
    ' ',
  ),
);
const SMALL_WORDS = new Set('a an and as at by for from in into of on or the to with via de di da del von van'.split(' '));

/** True when the letters of `s` are (nearly) all capitals: "STAFF PRODUCTION ENGINEER (IC6)". */
export function isShouting(s: string): boolean {
  let upper = 0;
  let lower = 0;
  for (const ch of s) {
    if (ch >= 'A' && ch <= 'Z') upper++;
    else if (ch >= 'a' && ch <= 'z') lower++;
    else if (ch.toLowerCase() !== ch) upper++;
    else if (ch.toUpperCase() !== ch) lower++;
  }
  return upper >= 3 && lower <= upper * 0.05;
}

/**
 * Title-cases a SHOUTED phrase, keeping acronyms, words with digits or dots
 * ("IC6", "L.A.M.P.") and lower-casing small words: "UNIX SYSTEM AND NETWORK
 * ADMINISTRATOR" → "UNIX System and Network Administrator".
 */
export function unshout(s: string): string {
  if (!isShouting(s)) return s;
  let first = true;
  return s.replace(/[\p{L}\p{N}&.'’-]+/gu, (w) => {
    const isFirst = first;
    first = false;
    if (ACRONYMS.has(w.toUpperCase()) || /\d/.test(w) || /\.\p{L}/u.test(w)) return w;
    const lower = w.toLowerCase();
    if (!isFirst && SMALL_WORDS.has(lower)) return lower;
    return lower.replace(/(^|[-'’])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
  });
}

/** "Meta(Facebook)" → "Meta (Facebook)": PDF extraction often drops that space. */
export function spaceBeforeParen(s: string): string {
  return s.replace(/(\p{L})\(/gu, '$1 (');
}

/** Splits on commas that are not inside parentheses. */
export function splitTopLevel(s: string, sep = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter(Boolean);
}

/** Capitalises the first letter of each word: "angelo" → "Angelo". */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
