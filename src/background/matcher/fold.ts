/**
 * Length-preserving name folding and name-form hashing, used both to compile
 * the archive's names into hash tables and to hash the words of a page's
 * text (and by the search index). Both must fold and hash exactly alike, so
 * this module is the single definition of both.
 *
 * Folding maps each UTF-16 code unit to exactly one code unit, so an offset in
 * folded text is the same offset in the page's text: a match maps straight
 * back to a DOM range. Decomposition (NFKD) is applied per code unit and only
 * its base letter is kept: "Ž" → "z", "İ" → "i". Combining marks fold to
 * {@link IGNORE}, so a page in NFD ("z" + U+030C) hashes like one in NFC.
 */

/** A code unit that belongs to the word but adds nothing to its hash (combining marks, soft hyphen, joiners). */
export const IGNORE = 0;
/** Soft separator: whitespace, NBSP, line breaks, dots, hyphens, apostrophes. May sit inside a name. */
export const SPACE = 0x20;
/** A comma: separates tokens and marks the "Last, First" order. */
export const COMMA = 0x2c;
/** Hard separator: any other punctuation or symbol. A name never spans it. */
export const BREAK = 0x7c;

const UNKNOWN = 0xffff;
let table: Uint16Array | undefined;

/**
 * Letters NFKD leaves whole but people write without the stroke (the same
 * folds as the archive's name keys in names.ts, so "Łukasz" finds "Lukasz").
 */
const LETTER_FOLDS: Record<string, string> = {
  ø: 'o', ł: 'l', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ŋ: 'n', ĸ: 'k', ŧ: 't', ƒ: 'f', ſ: 's', ς: 'σ', ё: 'е',
};
/**
 * Letters that fold to two ("ß" → "ss"). The fold keeps one code unit per
 * input code unit, so these fold to a private-use code that hashing expands.
 */
const EXPANSIONS = ['ss', 'ae', 'oe', 'th'] as const;
const EXPANDING: Record<string, number> = { ß: 0, æ: 1, œ: 2, þ: 3 };
const EXPANSION_BASE = 0xe000;

// Separators that may appear inside a written name ("J. R. R.", "Jean-Luc", "O’Brien").
const SOFT = /[\s.\-'’‘`´\u2010\u2011\u2012\u2013\u00b7\u02bc]/u;
// eslint-disable-next-line no-misleading-character-class -- each invisible joiner is listed on purpose, to be dropped
const ZERO_WIDTH = /[\u00ad\u200c\u200d\u2060\ufeff]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const MARKS = /\p{M}+/gu;

/**
 * ASCII without regular expressions: the Unicode property classes below cost
 * milliseconds to compile on a page's first use, and most pages are mostly
 * ASCII. Gives exactly what {@link computeFold} gives (a test checks every code).
 */
function asciiFold(c: number): number {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return c;
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  // \s (tab, line feed, vertical tab, form feed, carriage return, space) and . - ' `
  if ((c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x2e || c === 0x2d || c === 0x27 || c === 0x60) return SPACE;
  return c === 0x2c ? COMMA : BREAK;
}

/** The fold of one code unit, by Unicode properties (exported for the test that checks the ASCII table). */
export function computeFold(c: number): number {
  // Lone surrogates: astral letters are vanishingly rare in Latin-script names,
  // emoji next to a name are common, so treat both as separators.
  // Private-use code units are icon-font glyphs on the web, and the fold's own expansion codes.
  if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0xe000 && c <= 0xf8ff)) return BREAK;
  const ch = String.fromCharCode(c);
  if (MARK.test(ch) || ZERO_WIDTH.test(ch)) return IGNORE;
  if (LETTER_OR_DIGIT.test(ch)) {
    const base = ch.normalize('NFKD').replace(MARKS, '').toLowerCase().charAt(0) || ch;
    if (base === 'ẞ' || base === 'ß') return EXPANSION_BASE;
    const e = EXPANDING[base];
    if (e !== undefined) return EXPANSION_BASE + e;
    return (LETTER_FOLDS[base] ?? base).charCodeAt(0);
  }
  if (SOFT.test(ch)) return SPACE;
  return ch.normalize('NFKD') === ',' || c === 0x060c || c === 0x3001 ? COMMA : BREAK;
}

function initTable(): Uint16Array {
  // 128 KB, filled lazily: a page touches only a few hundred distinct code units.
  const t = new Uint16Array(0x10000).fill(UNKNOWN);
  for (let c = 0; c < 0x80; c++) t[c] = asciiFold(c);
  return t;
}

/** Folds one UTF-16 code unit to a lowercase base letter, or to {@link IGNORE}, {@link SPACE}, {@link COMMA} or {@link BREAK}. */
export function foldCode(c: number): number {
  const t = (table ??= initTable());
  let f = t[c]!;
  if (f === UNKNOWN) f = t[c] = computeFold(c);
  return f;
}

/** True when a folded code is a letter or digit (not a separator, not {@link IGNORE}). */
export const isWordCode = (f: number): boolean => f !== SPACE && f !== COMMA && f !== BREAK && f !== IGNORE;

/* ---------- hashing ---------- */

/** Murmur3's finaliser: spreads bits so low bits index the tables well. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a offset basis: the state before the first code unit of a token. */
export const TOKEN_SEED = 0x811c9dc5;

const fnv = (state: number, f: number): number => Math.imul(state ^ f, 0x01000193);

/** Feeds one folded word code into a token hash state. */
export function feedCode(state: number, f: number): number {
  if (f < EXPANSION_BASE || f > 0xf8ff) return fnv(state, f);
  const pair = EXPANSIONS[f - EXPANSION_BASE]!;
  return fnv(fnv(state, pair.charCodeAt(0)), pair.charCodeAt(1));
}

/** The letters a folded word code stands for (one, or two for "ß", "æ", "œ", "þ"). */
export const codeLetters = (f: number): string =>
  f >= EXPANSION_BASE && f <= 0xf8ff ? EXPANSIONS[f - EXPANSION_BASE]! : String.fromCharCode(f);

/** Finishes a token hash state (never 0: 0 marks an empty table slot). */
export const finishToken = (state: number): number => fmix(state) || 1;

/** Appends the next token's hash to a name-form hash. Order matters: "rok papez" ≠ "papez rok". */
export const combineHash = (form: number, token: number): number => fmix(Math.imul(form, 0x9e3779b1) ^ token) || 1;

/**
 * Word tokens of one text, in reusable typed arrays (page text is
 * tokenised by the megabyte; no per-call allocation).
 */
export class TokenBuffer {
  count = 0;
  hashes = new Uint32Array(64);
  /** Offset of the token's first code unit. */
  starts = new Uint32Array(64);
  /** Offset just past the token's last code unit. */
  ends = new Uint32Array(64);
  /** Strongest separator between token i and i+1: {@link SPACE}, {@link COMMA} or {@link BREAK}. */
  sepAfter = new Uint8Array(64);

  private grow(): void {
    const n = this.hashes.length * 2;
    const copy = <T extends Uint32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.hashes = copy(this.hashes, new Uint32Array(n));
    this.starts = copy(this.starts, new Uint32Array(n));
    this.ends = copy(this.ends, new Uint32Array(n));
    this.sepAfter = copy(this.sepAfter, new Uint8Array(n));
  }

  /** Splits `text` into folded word tokens and hashes each; returns the token count. */
  read(text: string): number {
    let n = 0;
    let state = 0;
    let start = -1;
    let end = 0;
    let sep = SPACE;
    for (let i = 0; i < text.length; i++) {
      const f = foldCode(text.charCodeAt(i));
      if (f === IGNORE) {
        // Transparent inside a word ("Fail\u00adla" is "failla"); a trailing mark stays in the range.
        if (start >= 0) end = i + 1;
        continue;
      }
      if (isWordCode(f)) {
        if (start < 0) {
          if (n > 0) this.sepAfter[n - 1] = sep;
          start = i;
          state = TOKEN_SEED;
        }
        state = feedCode(state, f);
        end = i + 1;
      } else {
        if (start >= 0) {
          if (n === this.hashes.length) this.grow();
          this.hashes[n] = finishToken(state);
          this.starts[n] = start;
          this.ends[n++] = end;
          start = -1;
          sep = SPACE;
        }
        // SPACE < COMMA < BREAK numerically: keep the strongest.
        if (f > sep) sep = f;
      }
    }
    if (start >= 0) {
      if (n === this.hashes.length) this.grow();
      this.hashes[n] = finishToken(state);
      this.starts[n] = start;
      this.ends[n++] = end;
    }
    if (n > 0) this.sepAfter[n - 1] = BREAK;
    return (this.count = n);
  }
}

/** A name's word-token hashes and the separators between them (worker side). */
export interface NameTokens {
  hashes: number[];
  sepAfter: number[];
}

/** The buffer every {@link tokenize} call reads into: a new one's four typed arrays cost more than tokenising a name (compiling 50,000 names spent 70% of its time allocating them). */
let shared: TokenBuffer | undefined;

/** Splits text into folded word tokens and hashes each. */
export function tokenize(text: string): NameTokens {
  const buf = (shared ??= new TokenBuffer());
  const n = buf.read(text);
  return { hashes: Array.from(buf.hashes.subarray(0, n)), sepAfter: Array.from(buf.sepAfter.subarray(0, n)) };
}

/**
 * The folded words of a name joined by single spaces ("Papež,\u00a0Rok" →
 * "papez rok"): the exact comparison key behind the hashes.
 */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f === IGNORE) continue;
    if (isWordCode(f)) word += codeLetters(f);
    else if (word) {
      words.push(word);
      word = '';
    }
  }
  if (word) words.push(word);
  return words;
}

/** Hash of a sequence of token hashes, in order. */
export function formHash(tokens: readonly number[]): number {
  let h = tokens[0] ?? 1;
  for (let i = 1; i < tokens.length; i++) h = combineHash(h, tokens[i]!);
  return h;
}

/**
 * A second 32-bit hash of a form's folded key ("papez rok"), from its
 * letters rather than from the token hashes, so it collides independently
 * of {@link formHash}. Stored beside each form's hash, the two make 64 bits:
 * a run of words the archive does not hold matches both for 100,000 forms
 * with odds of 100,000 / 2^64 (5 × 10^-15), so a page is answered without
 * reading the speakers' records.
 */
export function keyCheck(key: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return fmix(h ^ key.length);
}

/* ---------- open-addressing hash sets in typed arrays ---------- */

/**
 * Builds a set of 32-bit hashes as a power-of-two `Uint32Array` with linear
 * probing (0 = empty). Lookups need no allocation and the array ships as is.
 */
export function buildHashSet(hashes: Iterable<number>, maxLoad = 0.5): Uint32Array {
  const unique = new Set<number>();
  for (const h of hashes) unique.add(h >>> 0 || 1);
  let size = 8;
  while (size * maxLoad < unique.size) size *= 2;
  const set = new Uint32Array(size);
  const mask = size - 1;
  for (const h of unique) {
    let i = h & mask;
    while (set[i] !== 0) i = (i + 1) & mask;
    set[i] = h;
  }
  return set;
}

/** Membership test for a set built by {@link buildHashSet}. */
export function hashSetHas(set: Uint32Array, h: number): boolean {
  const mask = set.length - 1;
  let i = h & mask;
  for (;;) {
    const v = set[i]!;
    if (v === h) return true;
    if (v === 0) return false;
    i = (i + 1) & mask;
  }
}
