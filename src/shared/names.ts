/**
 * Name normalisation shared by the worker and the content script.
 *
 * A name key is what two spellings of one person have in common: "Stéphane
 * Wirtel", "Stephane WIRTEL", "Ste\u0301phane Wirtel" (decomposed), "Wirtel,
 * Stéphane" and "Dr. Stéphane Wirtel (he/him)" all give "stephane wirtel".
 * Keys are only ever compared with keys made by the same function, so they
 * may be lossy; they are never shown.
 *
 * Changing what a key looks like changes every stored `nameKeys`, `titleKey`
 * and `eventKey`: do it together with a schema version whose upgrade
 * recomputes them (src/background/archive/schema.ts).
 */

/** Letters that NFKD leaves whole but people write without the stroke or ligature. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ħ: 'h', ı: 'i', ŋ: 'n', ĸ: 'k',
  ŧ: 't', ƒ: 'f', ſ: 's', ς: 'σ', ё: 'е',
};
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/**
 * Marks are dropped only after Latin and Greek letters and from Arabic and
 * Hebrew (optional vowel signs); elsewhere (Devanagari vowel signs, kana
 * voicing, Cyrillic й) they are part of the letter.
 */
const FOLDABLE_MARKS_RE = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}])\p{M}+/gu;

/** Apostrophes vanish so that "O’Connor", "O'Connor" and "OConnor" agree. */
const APOSTROPHES_RE = /['’ʼ`´‘]/gu;

/**
 * Folds Unicode form, case, diacritics and punctuation, keeping letters and
 * digits of every script: "Ｒｏｋ  PAPEŽ!" → "rok papez".
 */
export function foldText(text: string): string {
  // Most names and titles are ASCII: the same result without five Unicode passes (100,000 talks and 50,000 people per big import).
  if (ASCII_RE.test(text)) return text.toLowerCase().replace(/['`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  return foldUnicode(text);
}

const ASCII_RE = /^[\0-\x7f]*$/;

/** {@link foldText} for any text: what its ASCII shortcut must agree with (names.test.ts). */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(FOLDABLE_MARKS_RE, '$1')
    .normalize('NFC')
    .replace(LETTER_FOLD_RE, (c) => LETTER_FOLDS[c] ?? c)
    .replace(APOSTROPHES_RE, '')
    .replace(/(^|[^\p{L}\p{M}])\p{M}+/gu, '$1') // marks left without a letter (emoji variation selectors)
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/** Titles before a name, matched on the raw token (so "Ing" the given name survives, "Ing." the title does not). */
const HONORIFIC_RE = /^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame|rev|ing\.|dr\.?-ing|dipl\.?-ing|univ\.?-prof)\.?$/i;
/** Degrees and generational suffixes after a name. "MA" and "BA" are left alone: they are also surnames. */
const SUFFIX_RE = /^(?:ph\.?\s?d|msc|m\.sc|bsc|b\.sc|mba|md|m\.d|jr|sr|ii|iii|iv|esq|dphil|mphil|p\.?eng|et\s+al)\.?$/i;
const PRONOUNS_SOURCE = String.raw`\b(?:he|she|they|ze|xe|it)\s*\/\s*(?:him|her|them|hers|theirs|zir|hir|xem|it|they|she|he)(?:\s*\/\s*\w+)?\b`;
const PRONOUNS_RE = new RegExp(PRONOUNS_SOURCE, 'giu');
const IS_PRONOUNS_RE = new RegExp(PRONOUNS_SOURCE, 'iu');
/** Emoji and the invisible characters that glue them together. */
const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/** Strips what is not part of a person's name: bracketed notes, quoted nicknames, pronouns, emoji, handles, titles and degrees. */
function stripDecorations(raw: string): string {
  let s = raw.normalize('NFKC').replace(EMOJI_RE, ' ');
  s = s.replace(/\([^()]*\)|\[[^[\]]*\]|\{[^{}]*\}/gu, ' '); // "(she/her)", "(Vicky)", "[PyLadies]"
  s = s.replace(/["“”«»„]([^"“”«»„]*)["“”«»„]/gu, ' '); // Amber Brown "HawkOwl"
  s = s.replace(/(^|\s)'@?[^'\s]+'(?=\s|$)/gu, ' '); // Paul '@pjf' Fenwick
  s = s.replace(PRONOUNS_RE, ' ');
  s = s.replace(/\S+@\S+\.\S+/gu, ' '); // e-mail addresses
  s = s.replace(/\bph\.\s*d\.?(?=[\s,]|$)/giu, 'PhD').replace(/,?\s*\bet\.?\s+al\.?\s*$/iu, '');
  // A handle is dropped when a name remains; a lone "@aodag" is all we know, so it stays.
  const withoutHandles = s.replace(/(^|\s)@[\p{L}\p{N}_.-]+/gu, ' ');
  if (/[\p{L}\p{N}]/u.test(withoutHandles)) s = withoutHandles;
  return s.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, ' ').trim();
}

function dropTitles(tokens: string[]): string[] {
  const out = [...tokens];
  while (out.length > 1 && HONORIFIC_RE.test(out[0] ?? '')) out.shift();
  while (out.length > 1 && SUFFIX_RE.test(out[out.length - 1] ?? '')) out.pop();
  return out;
}

/** A comma part that is only degrees or suffixes: "Jr.", "PhD", "MBA", "et al". */
function isSuffixPart(part: string): boolean {
  const t = part.trim().replace(/\s+/g, ' ');
  return t === '' || t.split(/[\s,]+/).every((w) => w === '' || SUFFIX_RE.test(w)) || SUFFIX_RE.test(t);
}

/** Reorders "Last, First" to "First Last"; drops ", Jr." style suffixes. Returns the person in display order. */
function uncomma(s: string): string {
  const parts = s.split(',').map((p) => p.trim());
  const kept = [parts[0] ?? '', ...parts.slice(1).filter((p) => !isSuffixPart(p))].filter((p) => p !== '');
  if (kept.length !== 2) return kept.join(' ');
  const [before, after] = kept as [string, string];
  // "George T. C., Lai": a part ending in an initial is a given name already.
  if (/(^|\s)\p{L}\.?$/u.test(before)) return `${before} ${after}`;
  return `${after} ${before}`;
}

/**
 * The merge key of one person's name: NFKC, case and diacritics folded,
 * punctuation and all kinds of spaces collapsed, "Last, First" reordered,
 * honorifics, degrees, handles, pronouns, bracketed notes and emoji removed.
 * Returns `''` when nothing of a name is left, or for placeholders such as
 * "Various speakers" or "TBA".
 *
 * @param name - one person's name as written; split lists first with {@link splitPeople}
 */
export function normalizeName(name: string): string {
  let key = normalized.get(name);
  if (key !== undefined) return key;
  if (isPlaceholderName(name)) key = '';
  else {
    const s = uncomma(stripDecorations(name));
    const tokens = dropTitles(s.split(' ').filter((t) => t !== ''));
    key = foldText(tokens.join(' '));
  }
  // Names repeat (four schedule files of one series name most people four times, and merging asks again).
  if (normalized.size >= NORMALIZED_CACHE) normalized.clear();
  normalized.set(name, key);
  return key;
}

/** Names already normalised, at most {@link NORMALIZED_CACHE} (a few MB). */
const normalized = new Map<string, string>();
const NORMALIZED_CACHE = 100_000;

/**
 * A name tidied for display, keeping its spelling: NFC, emoji dropped, spaces
 * collapsed, "Last, First" turned round, ", Jr." kept. "Papež,  Rok 🎤" →
 * "Rok Papež".
 */
export function displayName(name: string): string {
  const s = name.normalize('NFC').replace(EMOJI_RE, ' ').replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, ' ').trim();
  const parts = s.split(',').map((p) => p.trim());
  if (parts.length !== 2 || isSuffixPart(parts[1] ?? '') || s.includes('(')) return s;
  return uncomma(s);
}

/**
 * Every key a person's name string should be found under: the main key, and
 * keys of other names written beside it, such as "Takahiro Ikeuchi / 池内 孝啓"
 * or "李昱勳 (Yu-Hsun Lee)". Bracketed single words ("VM (Vicky) Brasseur")
 * are nicknames, not names, and give no key of their own.
 */
export function nameKeys(name: string): string[] {
  const keys = new Set<string>();
  const add = (k: string) => {
    if (k !== '') keys.add(k);
  };
  const slashParts = name.replace(PRONOUNS_RE, ' ').split(/\s*\/\s*/u);
  for (const part of slashParts.length > 1 ? slashParts : [name]) {
    add(normalizeName(part));
    for (const m of part.matchAll(/\(([^()]*)\)/gu)) {
      const inner = m[1] ?? '';
      if (IS_PRONOUNS_RE.test(inner)) continue;
      const k = normalizeName(inner);
      // A full name: two words, or three letters of a script written without spaces ("심의팅").
      if (k.includes(' ') || (k.length >= 3 && !/\p{Script=Latin}/u.test(k))) add(k);
    }
  }
  return [...keys];
}

const PLACEHOLDER_KEYS = new Set([
  '', 'various', 'various speakers', 'various authors', 'various presenters', 'multiple speakers', 'many speakers',
  'several speakers', 'speakers', 'speaker', 'tba', 'tbd', 'tbc', 'to be announced', 'to be determined',
  'to be confirmed', 'n a', 'na', 'none', 'null', 'unknown', 'unknown speaker', 'anonymous', 'anon', 'guest',
  'guests', 'et al', 'lightning talks', 'lightning talk speakers', 'panel', 'panelists', 'organizers', 'organisers',
  'staff', 'everyone', 'all', 'you', 'team',
]);

/** True for strings that name no person: "Various speakers", "TBA", "N/A", empty. */
export function isPlaceholderName(name: string): boolean {
  return PLACEHOLDER_KEYS.has(foldText(name));
}

/**
 * Words that join people. Romance "e"/"i" and Dutch "en" are left out: they
 * also join the parts of one surname ("Maria da Silva e Souza").
 */
const CONJUNCTION_RE = /\s+(?:&|\+|and|y|und)\s+|\s*&\s*|^(?:and|&)\s+/iu;

/** Two or more name words, each starting with a letter: what one person's name looks like. */
function looksLikeFullName(part: string): boolean {
  const words = stripDecorations(part)
    .split(/\s+/u)
    .filter((w) => /^\p{L}/u.test(w));
  return words.length >= 2 && words.length <= 6;
}

/**
 * Splits a speaker string that may hold several people: "A and B",
 * "A & B", "A, B & C", "A, B, and C", "A y B", "A und B". It splits only
 * where every part looks like a full name (two to six words), so "Last,
 * First", "Richard D. Copeland, Jr." and "Keira and Sky" stay whole.
 * Placeholders ("Various speakers", "TBA") and empty strings give no person,
 * and a trailing "et al" is dropped.
 *
 * @returns each person's name, trimmed but otherwise as written
 */
export function splitPeople(text: string): string[] {
  const s = text
    .replace(/[\s\u00a0]+/gu, ' ')
    .replace(/,?\s*\bet\.?\s+al\.?\s*$/iu, '')
    .trim();
  if (isPlaceholderName(s)) return [];
  // Commas inside brackets belong to the bracket: "蘇嘉冠 (Jia-Kuan, Su)".
  const outside = s.replace(/\([^()]*\)/gu, (m) => m.replace(/[,&]/gu, ' '));
  const commaParts = splitOn(s, outside, /\s*,\s*/u).filter((p) => !isSuffixPart(p));
  // "Van Rossum, Guido" and "García Márquez, Gabriel José" are one person; two
  // comma parts are a list only when a conjunction says so ("A, B & C").
  if (commaParts.length === 2 && !CONJUNCTION_RE.test(outside)) return [s];
  const parts = commaParts.flatMap((p) => {
    const masked = p.replace(/\([^()]*\)/gu, (m) => '_'.repeat(m.length));
    return splitOn(p, masked, CONJUNCTION_RE).map((x) => x.replace(/^(?:and|&)\s+/iu, ''));
  });
  const people = parts.map((p) => p.trim()).filter((p) => p !== '' && !isPlaceholderName(p));
  if (people.length <= 1) return people.length === 1 ? [s] : [];
  if (!people.every(looksLikeFullName)) return [s];
  return people;
}

/** Splits `text` at the positions where `pattern` matches `mask` (same length as `text`, with protected regions masked). */
function splitOn(text: string, mask: string, pattern: RegExp): string[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const out: string[] = [];
  let last = 0;
  for (const m of mask.matchAll(global)) {
    out.push(text.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/**
 * The merge key of a talk title or event name: folded like a name, but
 * without any person-specific rules. "FBTFTP: Facebook’s open source
 * python3 framework" and "fbtftp – facebooks Open Source Python3 Framework"
 * agree.
 */
export function normalizeTitle(title: string): string {
  return foldText(title.replace(EMOJI_RE, ' '));
}
