/**
 * Finds candidate speaker names in a page's text using the compiled index
 * (hash sets only). Each word is hashed once; only a word that is some
 * speaker's first word starts a chain of up to `maxTokens` words, hashed
 * against the set of whole names. "Last, First" is tried where a comma
 * follows a short run of words and a first word follows it. Candidates are
 * unconfirmed (hashes collide); the worker confirms them.
 */
import { COMMA, SPACE, TokenBuffer, combineHash, hashSetHas } from './fold';
import type { MatcherIndexPayload } from '../../shared/messages';

export interface MatcherTables {
  revision: number;
  maxTokens: number;
  first: Uint32Array;
  forms: Uint32Array;
}

export interface NameCandidate {
  /** Offsets in the scanned string. */
  start: number;
  end: number;
  /** The name in "First Last" order as the page writes it, to confirm with the worker. */
  name: string;
}

function fromBase64(b64: string): Uint32Array {
  const fast = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  let bytes: Uint8Array;
  if (fast) bytes = fast(b64);
  else {
    const bin = atob(b64);
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  if (bytes.length % 4 || bytes.length === 0 || (bytes.length / 4) & (bytes.length / 4 - 1)) {
    throw new Error('Podium: malformed matcher index');
  }
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

/** Decodes (and checks the shape of) the stored index's base64 hash sets. */
export function decodeTables(p: MatcherIndexPayload): MatcherTables {
  const maxTokens = Math.min(8, Math.max(2, p.maxTokens | 0));
  return { revision: p.revision, maxTokens, first: fromBase64(p.first), forms: fromBase64(p.forms) };
}

const shared = new TokenBuffer();

/**
 * Candidate names in `text`, left to right, not overlapping; the longest
 * match wins at each position.
 */
export function findCandidates(text: string, t: MatcherTables, buf: TokenBuffer = shared): NameCandidate[] {
  const out: NameCandidate[] = [];
  const n = buf.read(text);
  if (n < 2) return out;
  const { hashes: h, starts, ends, sepAfter: sep } = buf;
  const { first, forms, maxTokens: max } = t;
  let i = 0;
  while (i < n - 1) {
    let endTok = -1;
    let name = '';
    // "First Last": a first word, then words joined only by soft separators.
    if (hashSetHas(first, h[i]!)) {
      let f = h[i]!;
      for (let j = i + 1; j < n && j - i < max && sep[j - 1] === SPACE; j++) {
        f = combineHash(f, h[j]!);
        if (hashSetHas(forms, f)) endTok = j;
      }
      if (endTok >= 0) name = text.slice(starts[i]!, ends[endTok]!);
    }
    // "Last, First": last-name words i..a, a comma, first-name words a+1..e.
    for (let a = i; a < n - 1 && a - i < max - 1; a++) {
      if (sep[a] === COMMA) {
        if (hashSetHas(first, h[a + 1]!)) {
          let f = h[a + 1]!;
          for (let e = a + 1; e < n && e - i < max; e++) {
            if (e > a + 1) {
              if (sep[e - 1] !== SPACE) break;
              f = combineHash(f, h[e]!);
            }
            let g = f;
            for (let k = i; k <= a; k++) g = combineHash(g, h[k]!);
            if (e > endTok && hashSetHas(forms, g)) {
              endTok = e;
              name = `${text.slice(starts[a + 1]!, ends[e]!)} ${text.slice(starts[i]!, ends[a]!)}`;
            }
          }
        }
        break;
      }
      if (sep[a] !== SPACE) break;
    }
    if (endTok >= 0) {
      out.push({ start: starts[i]!, end: ends[endTok]!, name });
      i = endTok + 1;
    } else i++;
  }
  return out;
}
