/**
 * The popup's full-text index over speakers, talks and events, in typed
 * arrays: a sorted dictionary of folded words (src/background/matcher/fold.ts, so
 * "Papež", "PAPEZ" and "papez" are one word), each with a posting list of
 * `doc * 4 + field`. A query word matches every dictionary word it is a
 * prefix of (a binary search finds the range), and, from five letters on,
 * words one edit away: a scan of the words that share its first letter,
 * and for an edit of the first letter itself, binary searches in the
 * dictionary sorted by each word's tail (`tails`). Results are ranked by
 * field: exact name, name prefix, talk title, the rest; ties by a
 * precomputed rank of the sort key (newest first), then document order.
 *
 * A query walks the postings of its rarest word, keeps only the documents
 * the other words also reach, and selects the top hits per kind from a
 * histogram of scores (no sort of all hits). One- and two-letter queries
 * (a first keystroke may match most of the archive) are answered from a
 * table precomputed at compaction: counts and the top {@link SHORT_TOP}
 * hits per kind of every such prefix.
 *
 * Per-document values (ids, labels, details...) are kept as one long
 * string per column with offsets, so the stored form loads without
 * splitting or allocating per record.
 *
 * Changes are incremental: a changed record's old document is marked dead
 * and its new one is appended to a small unsorted delta, merged into the
 * sorted base by {@link SearchIndex.compact} (before the index is stored,
 * and in a copy after a large change, search/service.ts).
 * Until then short queries take the general path. */
import { codeLetters, foldCode, foldedWords, IGNORE, isWordCode } from '../matcher/fold';
import type { SearchGroup, SearchHit, SearchKind } from '../../shared/messages';
import { sortInSteps } from '../sort-in-steps';

/** Where a word sits in a record; higher ranks first. */
export const FIELD = { rest: 1, title: 2, name: 3 } as const;
/** How a query word matched a dictionary word; higher ranks first. */
const MATCH = { typo: 1, prefix: 2, exact: 3 } as const;
/** Words this long or longer may carry one typo. */
export const TYPO_MIN = 5;
const KINDS: readonly SearchKind[] = ['speaker', 'talk', 'event'];
const KIND_CODE: Record<SearchKind, number> = { speaker: 0, talk: 1, event: 2 };
const EXACT_NAME_BONUS = 64;
const SEP = '\u0001';

/** One record as the index sees it. */
export interface SearchDoc {
  kind: SearchKind;
  id: string;
  label: string;
  detail: string;
  name?: string[];
  title?: string[];
  rest?: string[];
  /** Talks: speaker ids, shown by name in the hit's detail. */
  speakerIds?: string[];
  /** Events: what of the event its talks' documents show (read back by {@link SearchIndex.sharedOf}). */
  shared?: string;
  /** Tie-break, larger first (a talk's date). */
  sort?: string;
}

/** Precomputed answers for one- and two-letter prefixes (see {@link SearchIndex}). */
export interface ShortTable {
  /** The prefixes, sorted, joined by U+0001. */
  prefixes: string;
  /** Matching documents per prefix and kind (3 per prefix). */
  counts: Uint32Array;
  /** Where each prefix's and kind's top hits start in `docs` (3 per prefix, plus the end). */
  top: Uint32Array;
  docs: Uint32Array;
  scores: Uint8Array;
}

function emptyShort(): ShortTable {
  return { prefixes: '', counts: new Uint32Array(0), top: new Uint32Array(1), docs: new Uint32Array(0), scores: new Uint8Array(0) };
}

/**
 * The index as stored: typed arrays (each its own ArrayBuffer) and a few
 * long strings, so a restarted worker loads it without parsing or
 * allocating per record.
 */
export interface SerializedIndex {
  format: 2;
  docs: number;
  kinds: Uint8Array;
  /** Tie-break rank per document (see `SearchIndex.rank`). */
  rank: Uint32Array;
  /** ids, labels, details, folded names, speaker ids, sort keys: each column's values concatenated. */
  columns: string[];
  /** Per column, `docs + 1` offsets into it. */
  offsets: Uint32Array;
  sortKeys: string;
  /** Open-addressing table of documents by kind and id. */
  keys: Int32Array;
  terms: string;
  starts: Uint32Array;
  posts: Uint32Array;
  tails: Uint32Array;
  short: ShortTable;
}

export interface SearchOptions {
  /** Hits per kind. */
  limit?: number;
}

export interface IndexResult {
  groups: SearchGroup[];
  words: string[];
}

/** Strings in code-unit order (what `sort()` and `<` use). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lowest index `i` with `a[i] >= key`. */
function lowerBound(a: readonly string[], key: string, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `t` starts with `q` from offsets `qi`, `ti` on. */
function restIsPrefix(q: string, qi: number, t: string, ti: number): boolean {
  if (q.length - qi > t.length - ti) return false;
  for (; qi < q.length; qi++, ti++) if (q.charCodeAt(qi) !== t.charCodeAt(ti)) return false;
  return true;
}

/** Edit distance of `a` and `b` is at most one (substitution, insertion, deletion, adjacent swap). */
function withinOne(a: string, b: string, i: number): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * True when dictionary word `t` is one typo away from query word `q`: the
 * whole words are one edit apart, or (prefix search) a prefix of `t` is,
 * with the edit before `q`'s last letter (so "kuber" does not find
 * "kubectl" by changing its last letter).
 */
export function typoMatch(q: string, t: string): boolean {
  let i = 0;
  const n = Math.min(q.length, t.length);
  while (i < n && q.charCodeAt(i) === t.charCodeAt(i)) i++;
  if (i === q.length) return false; // a plain prefix, not a typo
  if (withinOne(q, t, i)) return true;
  if (i >= q.length - 1) return false;
  return (
    restIsPrefix(q, i + 1, t, i + 1) || // substitution
    restIsPrefix(q, i + 1, t, i) || // an extra letter in the query
    restIsPrefix(q, i, t, i + 1) || // a missing letter
    (q[i] === t[i + 1] && q[i + 1] === t[i] && restIsPrefix(q, i + 2, t, i + 2)) // swapped letters
  );
}

/** Words of `text` with their code-unit spans and folded letters. */
export function wordSpans(text: string): { start: number; end: number; word: string; ends: number[] }[] {
  const out: { start: number; end: number; word: string; ends: number[] }[] = [];
  let word = '';
  let start = -1;
  let end = 0;
  let ends: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    const f = i < text.length ? foldCode(text.charCodeAt(i)) : 0x20;
    if (f === IGNORE) {
      if (start >= 0) end = i + 1;
      continue;
    }
    if (isWordCode(f)) {
      if (start < 0) start = i;
      const letters = codeLetters(f);
      word += letters;
      for (let k = 0; k < letters.length; k++) ends.push(i + 1);
      end = i + 1;
    } else if (start >= 0) {
      out.push({ start, end, word, ends });
      word = '';
      start = -1;
      ends = [];
    }
  }
  return out;
}

/** Growable Uint32 list. */
class U32List {
  a: Uint32Array = new Uint32Array(4);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  copy(): U32List {
    const c = new U32List();
    c.a = this.a.slice();
    c.n = this.n;
    return c;
  }
}

/* Per-document columns, in this order. */
const ID = 0;
const LABEL = 1;
const DETAIL = 2;
const EXACT = 3;
const EXTRA = 4;
const SORT = 5;
const COLUMNS = 6;
/** Longest query word answered from the precomputed short-prefix table. */
const SHORT_MAX = 2;
/** Hits kept per kind for each short prefix: the largest `limit` a request may ask for (handlers.ts). */
export const SHORT_TOP = 100;
const SCORES = 256;
const FULL_NAME_WORD = FIELD.name * 4 + MATCH.exact;

/** A few postings of one query word: `a[from..to)`, all matched the same way. */
type Run = [a: Uint32Array, from: number, to: number, match: number];

function hashKey(kind: number, id: string): number {
  let h = (0x811c9dc5 ^ kind) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function grown<T extends Uint8Array | Uint32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(1024, a.length * 2, need));
  b.set(a);
  return b;
}

export class SearchIndex {
  /* documents, by number: below `base` in the compacted columns, from `base` on in `recent` */
  private kinds: Uint8Array = new Uint8Array(1024);
  private alive: Uint8Array = new Uint8Array(1024);
  /** Tie-break order: odd `2i + 1` for `sortKeys[i]`, even `2i` for a key between `sortKeys[i - 1]` and `sortKeys[i]`. */
  private rank: Uint32Array = new Uint32Array(1024);
  private total = 0;
  private dead = 0;
  private base = 0;
  /** Each column's values concatenated, sliced by `offsets[c * (base + 1) + d]`. */
  private columns: string[] = ['', '', '', '', '', ''];
  private offsets: Uint32Array = new Uint32Array(COLUMNS);
  /** Documents added since the last compaction: their column values. */
  private recent: string[][] = [];
  /** Distinct sort keys of the compacted documents, largest first. */
  private sortKeys: string[] = [];
  /** Open-addressing table of the compacted documents by kind and id (-1: empty). */
  private keys: Int32Array = new Int32Array(16).fill(-1);
  /** Documents added since the last compaction, by kind (speaker, talk, event) and id. */
  private recentKeys: Map<string, number>[] = [new Map(), new Map(), new Map()];
  /* sorted base */
  private terms: string[] = [];
  private starts: Uint32Array = new Uint32Array(1);
  private posts: Uint32Array = new Uint32Array(0);
  /** Term numbers sorted by the term without its first letter (typos on the first letter). */
  private tails: Uint32Array = new Uint32Array(0);
  /* delta since the last compaction */
  private delta = new Map<string, U32List>();
  private deltaTerms: string[] | null = [];
  private deltaPostings = 0;
  /* one- and two-letter prefixes: counts and top hits per kind, valid while nothing changed since compaction */
  private short: ShortTable = emptyShort();
  private shortRows = new Map<string, number>();
  private shortValid = false;
  /* scratch */
  /** A document's words and the best field each is in, while it is added. */
  private best = new Map<string, number>();
  private quals: Uint8Array[] = [];
  private cand = new Uint32Array(0);
  private scores = new Uint8Array(0);

  get docCount(): number {
    return this.total - this.dead;
  }
  get termCount(): number {
    return this.terms.length + this.delta.size;
  }
  get postingCount(): number {
    return this.posts.length + this.deltaPostings;
  }
  /** Postings waiting in the delta: when large, {@link compact} is worth its cost. */
  get pending(): number {
    return this.deltaPostings + this.dead;
  }

  private column(c: number, d: number): string {
    if (d >= this.base) return this.recent[d - this.base]![c]!;
    const o = c * (this.base + 1) + d;
    return this.columns[c]!.slice(this.offsets[o]!, this.offsets[o + 1]!);
  }

  private find(kind: SearchKind, id: string): number | undefined {
    const r = this.recentKeys[KIND_CODE[kind]]!.get(id);
    if (r !== undefined) return r;
    const k = KIND_CODE[kind];
    const mask = this.keys.length - 1;
    const ids = this.columns[ID]!;
    for (let h = hashKey(k, id) & mask; ; h = (h + 1) & mask) {
      const d = this.keys[h]!;
      if (d < 0) return undefined;
      if (this.kinds[d] === k && this.offsets[d + 1]! - this.offsets[d]! === id.length && ids.startsWith(id, this.offsets[d]!)) return this.alive[d] ? d : undefined;
    }
  }

  private rankOf(sort: string): number {
    const keys = this.sortKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! > sort) lo = mid + 1;
      else hi = mid;
    }
    return keys[lo] === sort ? 2 * lo + 1 : 2 * lo;
  }

  /** Positive when document `a` comes before `b` at equal score: larger sort key, then older. */
  private before(a: number, b: number): number {
    const ra = this.rank[a]!;
    const rb = this.rank[b]!;
    if (ra !== rb) return rb - ra;
    if ((ra & 1) === 0) {
      const sa = this.column(SORT, a);
      const sb = this.column(SORT, b);
      if (sa !== sb) return sa > sb ? 1 : -1;
    }
    return b - a;
  }

  /** Adds a record, replacing the one of the same kind and id. */
  upsert(doc: SearchDoc): void {
    this.remove(doc.kind, doc.id);
    this.shortValid = false;
    const d = this.total++;
    this.kinds = grown(this.kinds, d + 1);
    this.alive = grown(this.alive, d + 1);
    this.rank = grown(this.rank, d + 1);
    this.kinds[d] = KIND_CODE[doc.kind];
    this.alive[d] = 1;
    const sort = doc.sort ?? '';
    this.rank[d] = this.rankOf(sort);
    const exact = doc.kind === 'speaker' ? `\n${(doc.name ?? []).map((n) => foldedWords(n).join(' ')).join('\n')}\n` : '';
    this.recent.push([doc.id, doc.label, doc.detail, exact, doc.speakerIds?.join(' ') ?? doc.shared ?? '', sort]);
    this.recentKeys[KIND_CODE[doc.kind]]!.set(doc.id, d);
    const best = this.best;
    best.clear();
    const add = (texts: string[] | undefined, field: number) => {
      for (const text of texts ?? []) for (const w of foldedWords(text)) if ((best.get(w) ?? 0) < field) best.set(w, field);
    };
    add(doc.name, FIELD.name);
    add(doc.title, FIELD.title);
    add(doc.rest, FIELD.rest);
    for (const [w, field] of best) {
      let list = this.delta.get(w);
      if (!list) {
        this.delta.set(w, (list = new U32List()));
        this.deltaTerms = null;
      }
      list.push(d * 4 + field);
      this.deltaPostings++;
    }
  }

  /**
   * A copy to change while this one keeps answering (a large change is
   * applied to it and compacted, then it takes this one's place). The
   * compacted base is shared: compaction replaces it whole, never in place;
   * what changes touch is copied.
   */
  clone(): SearchIndex {
    const c = Object.assign(Object.create(SearchIndex.prototype) as SearchIndex, this);
    c.kinds = this.kinds.slice();
    c.alive = this.alive.slice();
    c.rank = this.rank.slice();
    c.recent = this.recent.slice();
    c.recentKeys = this.recentKeys.map((m) => new Map(m));
    c.delta = new Map([...this.delta].map(([w, list]) => [w, list.copy()]));
    c.deltaTerms = this.deltaTerms && this.deltaTerms.slice();
    c.best = new Map();
    c.quals = [];
    c.cand = new Uint32Array(0);
    c.scores = new Uint8Array(0);
    return c;
  }

  /** Removes a record (no-op when absent). */
  remove(kind: SearchKind, id: string): void {
    const d = this.find(kind, id);
    if (d === undefined) return;
    this.recentKeys[KIND_CODE[kind]]!.delete(id);
    this.alive[d] = 0;
    this.dead++;
    this.shortValid = false;
  }

  has(kind: SearchKind, id: string): boolean {
    return this.find(kind, id) !== undefined;
  }

  /** Merges the delta into the sorted base, drops dead documents and renumbers the rest. */
  compact(): void {
    for (const _ of this.compaction());
  }

  /**
   * {@link compact} in the worker's time slices: at 150,000 documents it is
   * most of a second, which a keystroke would wait for. Searches between
   * slices read the index as it was until the new base replaces it at once;
   * nothing may be added or removed meanwhile (the service runs one writer
   * at a time).
   */
  async compactInSlices(slices: { due(): boolean; pause(): Promise<void> }, merged?: () => void): Promise<void> {
    for (const _ of this.compaction(merged)) if (slices.due()) await slices.pause();
  }

  /**
   * The steps of {@link compact}: it yields every few hundred documents or
   * terms. `merged` is called once the new base is in place, before the
   * table of short prefixes is worked out (searches meanwhile take the
   * general path, a few milliseconds).
   */
  private *compaction(merged?: () => void): Generator<void> {
    if (this.shortValid && this.total === this.base) return merged?.();
    const n = this.total;
    const remap = new Int32Array(n).fill(-1);
    let live = 0;
    for (let d = 0; d < n; d++) if (this.alive[d]) remap[d] = live++;
    // Columns: each document's values with their offsets, joined a few hundred documents at a time
    // (one join of 150,000 values at the end is a stretch of 50 ms); ids and sort keys kept for below.
    const kinds = new Uint8Array(Math.max(1024, live));
    const offsets = new Uint32Array(COLUMNS * (live + 1));
    const ends = new Array<number>(COLUMNS).fill(0);
    const pieces: string[][] = Array.from({ length: COLUMNS }, () => []);
    let chunk: string[][] = Array.from({ length: COLUMNS }, () => []);
    const flush = () => {
      chunk.forEach((values, c) => pieces[c]!.push(values.join('')));
      chunk = Array.from({ length: COLUMNS }, () => []);
    };
    const ids: string[] = [];
    const sorts: string[] = [];
    for (let d = 0; d < n; d++) {
      if ((d & 511) === 511) {
        flush();
        yield;
      }
      const i = remap[d]!;
      if (i < 0) continue;
      kinds[i] = this.kinds[d]!;
      for (let c = 0; c < COLUMNS; c++) {
        const value = this.column(c, d);
        offsets[c * (live + 1) + i] = ends[c]!;
        ends[c]! += value.length;
        chunk[c]!.push(value);
      }
      ids.push(this.column(ID, d));
      sorts.push(this.column(SORT, d));
    }
    flush();
    for (let c = 0; c < COLUMNS; c++) offsets[c * (live + 1) + live] = ends[c]!;
    yield;
    const distinct = new Set<string>();
    for (let i = 0; i < live; i++) {
      if ((i & 4095) === 4095) yield;
      distinct.add(sorts[i]!);
    }
    const sortKeys = [...distinct].sort().reverse();
    const sortIndex = new Map(sortKeys.map((k, i) => [k, 2 * i + 1]));
    const rank = new Uint32Array(kinds.length);
    for (let i = 0; i < live; i++) {
      if ((i & 4095) === 4095) yield;
      rank[i] = sortIndex.get(sorts[i]!)!;
    }
    let size = 16;
    while (size < live * 2) size *= 2;
    const keys = new Int32Array(size).fill(-1);
    yield;
    for (let i = 0; i < live; i++) {
      if ((i & 4095) === 4095) yield;
      let h = hashKey(kinds[i]!, ids[i]!) & (size - 1);
      while (keys[h]! >= 0) h = (h + 1) & (size - 1);
      keys[h] = i;
    }
    yield;
    // Postings.
    const deltaTerms = [...this.delta.keys()];
    yield* sortInSteps(deltaTerms, byCodeUnits);
    const terms: string[] = [];
    const starts: number[] = [0];
    const out = new U32List();
    let i = 0;
    let j = 0;
    const emit = (term: string, base: number, list: U32List | undefined) => {
      const before = out.n;
      if (base >= 0) {
        for (let p = this.starts[base]!; p < this.starts[base + 1]!; p++) {
          const v = this.posts[p]!;
          const to = remap[v >>> 2]!;
          if (to >= 0) out.push(to * 4 + (v & 3));
        }
      }
      if (list) {
        for (let p = 0; p < list.n; p++) {
          const v = list.a[p]!;
          const to = remap[v >>> 2]!;
          if (to >= 0) out.push(to * 4 + (v & 3));
        }
      }
      if (out.n > before) {
        terms.push(term);
        starts.push(out.n);
      }
    };
    let yielded = 0;
    while (i < this.terms.length || j < deltaTerms.length) {
      // Every 256 terms, or sooner after a common word's long posting list.
      if (((i + j) & 255) === 255 || out.n - yielded > 32_768) {
        yielded = out.n;
        yield;
      }
      const a = this.terms[i];
      const b = deltaTerms[j];
      if (b === undefined || (a !== undefined && a < b)) emit(a!, i++, undefined);
      else if (a === undefined || b < a) emit(b, -1, this.delta.get(deltaTerms[j++]!));
      else emit(a, i++, this.delta.get(deltaTerms[j++]!));
    }
    yield;
    const tailOf = terms.map((t) => t.slice(1));
    const byTail = [...terms.keys()];
    yield* sortInSteps(byTail, (a, b) => byCodeUnits(tailOf[a]!, tailOf[b]!) || a - b);
    const tails = Uint32Array.from(byTail);
    const columns: string[] = [];
    for (const p of pieces) {
      yield;
      columns.push(p.join(''));
    }
    yield;

    this.kinds = kinds;
    this.alive = new Uint8Array(kinds.length).fill(1, 0, live);
    this.rank = rank;
    this.total = this.base = live;
    this.dead = 0;
    this.columns = columns;
    this.offsets = offsets;
    this.recent = [];
    this.recentKeys = [new Map(), new Map(), new Map()];
    this.sortKeys = sortKeys;
    this.keys = keys;
    this.terms = terms;
    this.starts = Uint32Array.from(starts);
    this.posts = out.a.slice(0, out.n);
    this.tails = tails;
    this.delta.clear();
    this.deltaTerms = [];
    this.deltaPostings = 0;
    merged?.();
    yield* this.shortSteps();
  }

  /** Precomputes counts and top hits of every one- and two-letter prefix of the (clean) base; yields after each prefix. */
  private *shortSteps(): Generator<void> {
    const seen = new Set<string>();
    for (const [k, t] of this.terms.entries()) {
      if ((k & 4095) === 4095) yield;
      seen.add(t.slice(0, 1));
      if (t.length > 1) seen.add(t.slice(0, 2));
    }
    const prefixes = [...seen].sort();
    const counts = new Uint32Array(prefixes.length * 3);
    const top = new Uint32Array(prefixes.length * 3 + 1);
    const docs = new U32List();
    const scores: number[] = [];
    for (const [row, p] of prefixes.entries()) {
      yield;
      const r = this.collect([p], SHORT_TOP, new Map());
      for (let k = 0; k < 3; k++) {
        counts[row * 3 + k] = r.counts[k]!;
        for (const [d, s] of r.tops[k]!) {
          docs.push(d);
          scores.push(s);
        }
        top[row * 3 + k + 1] = docs.n;
      }
    }
    this.short = { prefixes: prefixes.join(SEP), counts, top, docs: docs.a.slice(0, docs.n), scores: Uint8Array.from(scores) };
    this.shortRows = new Map(prefixes.map((p, row) => [p, row]));
    this.shortValid = true;
  }

  /** The index as one storable value (compacts first). */
  serialize(): SerializedIndex {
    this.compact();
    const n = this.base;
    return {
      format: 2,
      docs: n,
      kinds: this.kinds.slice(0, n),
      rank: this.rank.slice(0, n),
      columns: this.columns,
      offsets: this.offsets,
      sortKeys: this.sortKeys.join(SEP),
      keys: this.keys,
      terms: this.terms.join(SEP),
      starts: this.starts,
      posts: this.posts,
      tails: this.tails,
      short: this.short,
    };
  }

  static deserialize(s: SerializedIndex): SearchIndex {
    const x = new SearchIndex();
    x.kinds = s.kinds;
    x.rank = s.rank;
    x.alive = new Uint8Array(s.docs).fill(1);
    x.total = x.base = s.docs;
    x.columns = s.columns;
    x.offsets = s.offsets;
    x.sortKeys = s.sortKeys === '' ? [] : s.sortKeys.split(SEP);
    x.keys = s.keys;
    x.terms = s.terms === '' ? [] : s.terms.split(SEP);
    x.starts = s.starts;
    x.posts = s.posts;
    x.tails = s.tails;
    x.short = s.short;
    x.shortRows = new Map((s.short.prefixes === '' ? [] : s.short.prefixes.split(SEP)).map((p, row) => [p, row]));
    x.shortValid = true;
    return x;
  }

  /** Dictionary words (base and delta) matching query word `q`, as runs of postings; notes each word in `matched`. */
  private runs(q: string, matched: Map<string, number>): { runs: Run[]; size: number } {
    const runs: Run[] = [];
    let size = 0;
    const note = (term: string, match: number) => {
      const old = matched.get(term);
      if (old === undefined || old < match) matched.set(term, match);
    };
    const terms = this.terms;
    const lo = lowerBound(terms, q);
    let hi = lo;
    while (hi < terms.length && terms[hi]!.startsWith(q)) note(terms[hi]!, terms[hi++]!.length === q.length ? MATCH.exact : MATCH.prefix);
    if (hi > lo) {
      const split = terms[lo] === q ? lo + 1 : lo;
      if (split > lo) runs.push([this.posts, this.starts[lo]!, this.starts[split]!, MATCH.exact]);
      if (hi > split) runs.push([this.posts, this.starts[split]!, this.starts[hi]!, MATCH.prefix]);
      size += this.starts[hi]! - this.starts[lo]!;
    }
    const typo = (k: number) => {
      note(terms[k]!, MATCH.typo);
      runs.push([this.posts, this.starts[k]!, this.starts[k + 1]!, MATCH.typo]);
      size += this.starts[k + 1]! - this.starts[k]!;
    };
    if (q.length >= TYPO_MIN) {
      // Edits after the first letter: the words that share it.
      const first = q.charCodeAt(0);
      const end = lowerBound(terms, String.fromCharCode(first + 1));
      for (let k = lowerBound(terms, q[0]!); k < end; k++) {
        const t = terms[k]!;
        if (!t.startsWith(q) && typoMatch(q, t)) typo(k);
      }
      // An edit of the first letter: the word is found by its tail (substitution, a missing first letter),
      // by the query's tail (an extra first letter) or with the first two letters swapped.
      const seen = new Set<number>();
      const consider = (k: number) => {
        const t = terms[k]!;
        if (t.charCodeAt(0) !== first && !seen.has(k) && typoMatch(q, t)) {
          seen.add(k);
          typo(k);
        }
      };
      for (const tail of [q.slice(1), q]) for (let i = this.tailBound(tail); i < this.tails.length && terms[this.tails[i]!]!.startsWith(tail, 1); i++) consider(this.tails[i]!);
      for (const head of [q.slice(1), q[1]! + q[0]! + q.slice(2)]) for (let k = lowerBound(terms, head); k < terms.length && terms[k]!.startsWith(head); k++) consider(k);
    }
    if (this.delta.size > 0) {
      const dt = (this.deltaTerms ??= [...this.delta.keys()].sort());
      for (const t of dt) {
        const match = t.startsWith(q) ? (t.length === q.length ? MATCH.exact : MATCH.prefix) : q.length >= TYPO_MIN && typoMatch(q, t) ? MATCH.typo : 0;
        if (!match) continue;
        note(t, match);
        const l = this.delta.get(t)!;
        runs.push([l.a, 0, l.n, match]);
        size += l.n;
      }
    }
    return { runs, size };
  }

  /** Lowest position in `tails` whose term, without its first letter, is `>= key`. */
  private tailBound(key: string): number {
    let lo = 0;
    let hi = this.tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[this.tails[mid]!]!.slice(1) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Counts per kind and the top `limit` documents per kind, best first, for the folded query words. */
  private collect(words: string[], limit: number, matched: Map<string, number>): { counts: number[]; tops: [d: number, score: number][][] } {
    const n = this.total;
    const per = words.map((w) => this.runs(w, matched));
    // The rarest word first: only its documents are candidates.
    const order = per.map((_, k) => k).sort((a, b) => per[a]!.size - per[b]!.size);
    for (let k = 0; k < words.length; k++) {
      const qual = this.quals[k];
      if (!qual || qual.length < n) this.quals[k] = new Uint8Array(Math.max(n, 1024));
      else qual.fill(0, 0, n);
    }
    if (this.cand.length < n) {
      this.cand = new Uint32Array(Math.max(n, 1024));
      this.scores = new Uint8Array(this.cand.length);
    }
    const cand = this.cand;
    let nc = 0;
    const q0 = this.quals[0]!;
    for (const [a, from, to, match] of per[order[0]!]!.runs) {
      for (let p = from; p < to; p++) {
        const v = a[p]!;
        const d = v >>> 2;
        const q = (v & 3) * 4 + match;
        const old = q0[d]!;
        if (old === 0) cand[nc++] = d;
        if (q > old) q0[d] = q;
      }
    }
    for (let k = 1; k < words.length; k++) {
      const qk = this.quals[k]!;
      for (const [a, from, to, match] of per[order[k]!]!.runs) {
        for (let p = from; p < to; p++) {
          const v = a[p]!;
          const d = v >>> 2;
          if (q0[d] === 0) continue;
          const q = (v & 3) * 4 + match;
          if (q > qk[d]!) qk[d] = q;
        }
      }
    }
    // Scores, counts and a histogram of scores per kind.
    const phrase = `\n${words.join(' ')}\n`;
    const counts = [0, 0, 0];
    const hist = new Uint32Array(3 * SCORES);
    const scores = this.scores;
    const w = words.length;
    for (let c = 0; c < nc; c++) {
      const d = cand[c]!;
      let score = 0;
      if (this.alive[d]) {
        let full = true;
        for (let k = 0; k < w; k++) {
          const q = this.quals[k]![d]!;
          if (q === 0) {
            score = 0;
            break;
          }
          score += q;
          if (q !== FULL_NAME_WORD) full = false;
        }
        if (score && full && this.kinds[d] === 0 && this.column(EXACT, d).includes(phrase)) score += EXACT_NAME_BONUS;
      }
      scores[c] = score;
      if (score) {
        const kind = this.kinds[d]!;
        counts[kind]!++;
        hist[kind * SCORES + score]!++;
      }
    }
    // Per kind, the score at which the top `limit` is reached: everything above it is in, ties are ranked.
    const cut = [0, 0, 0];
    const room = [0, 0, 0];
    for (let kind = 0; kind < 3; kind++) {
      let need = limit;
      let s = SCORES - 1;
      for (; s > 0; s--) {
        const h = hist[kind * SCORES + s]!;
        if (h >= need) break;
        need -= h;
      }
      cut[kind] = Math.max(s, 1);
      room[kind] = s > 0 ? need : limit;
    }
    const tops: [number, number][][] = [[], [], []];
    const ties: number[][] = [[], [], []];
    for (let c = 0; c < nc; c++) {
      const score = scores[c]!;
      if (!score) continue;
      const d = cand[c]!;
      const kind = this.kinds[d]!;
      if (score > cut[kind]!) tops[kind]!.push([d, score]);
      else if (score === cut[kind]) {
        const tie = ties[kind]!;
        if (tie.length === room[kind] && this.before(d, tie[tie.length - 1]!) <= 0) continue;
        let at = tie.length;
        while (at > 0 && this.before(d, tie[at - 1]!) > 0) at--;
        tie.splice(at, 0, d);
        if (tie.length > room[kind]!) tie.pop();
      }
    }
    for (let kind = 0; kind < 3; kind++) {
      const top = tops[kind]!;
      top.sort((a, b) => b[1] - a[1] || this.before(b[0], a[0]));
      for (const d of ties[kind]!) top.push([d, cut[kind]!]);
    }
    return { counts, tops };
  }

  /** Finds records matching every word of `query` (each as a prefix, with one typo from five letters on). */
  search(query: string, opts: SearchOptions = {}): IndexResult {
    const limit = opts.limit ?? 10;
    const words = [...new Set(foldedWords(query))].slice(0, 8);
    if (words.length === 0) return { groups: [], words: [] };
    const matched = new Map<string, number>();
    let counts: ArrayLike<number>;
    let tops: [number, number][][];
    const w = words[0]!;
    if (words.length === 1 && w.length <= SHORT_MAX && limit <= SHORT_TOP && this.shortValid) {
      // A first keystroke: precomputed.
      const row = this.shortRows.get(w);
      if (row === undefined) return { groups: [], words: [] };
      for (let k = lowerBound(this.terms, w); k < this.terms.length && this.terms[k]!.startsWith(w); k++) matched.set(this.terms[k]!, this.terms[k]!.length === w.length ? MATCH.exact : MATCH.prefix);
      const { counts: c, top, docs, scores } = this.short;
      counts = c.subarray(row * 3, row * 3 + 3);
      tops = [0, 1, 2].map((kind) => {
        const out: [number, number][] = [];
        for (let i = top[row * 3 + kind]!; i < Math.min(top[row * 3 + kind + 1]!, top[row * 3 + kind]! + limit); i++) out.push([docs[i]!, scores[i]!]);
        return out;
      });
    } else ({ counts, tops } = this.collect(words, limit, matched));
    const groups: SearchGroup[] = [];
    for (let kind = 0; kind < 3; kind++) {
      if (!counts[kind]) continue;
      groups.push({ kind: KINDS[kind]!, count: counts[kind]!, hits: tops[kind]!.map(([d, score]) => this.hit(d, score, words, matched)) });
    }
    groups.sort((a, b) => b.hits[0]!.score - a.hits[0]!.score);
    return { groups, words: [...matched.keys()] };
  }

  /** The label of a live record, or undefined. */
  labelOf(kind: SearchKind, id: string): string | undefined {
    const d = this.find(kind, id);
    return d === undefined ? undefined : this.column(LABEL, d);
  }

  /** What an event's document noted its talks show (`SearchDoc.shared`), or undefined when absent. */
  sharedOf(kind: SearchKind, id: string): string | undefined {
    const d = this.find(kind, id);
    return d === undefined ? undefined : this.column(EXTRA, d);
  }

  private hit(d: number, score: number, words: string[], matched: Map<string, number>): SearchHit {
    const kind = KINDS[this.kinds[d]!]!;
    let detail = this.column(DETAIL, d);
    const extra = kind === 'talk' ? this.column(EXTRA, d) : '';
    if (extra) {
      const names = extra
        .split(' ')
        .map((id) => this.labelOf('speaker', id))
        .filter((x): x is string => !!x);
      if (names.length) detail = detail ? `${names.join(', ')} · ${detail}` : names.join(', ');
    }
    const label = this.column(LABEL, d);
    return { kind, id: this.column(ID, d), label, detail, labelMarks: marks(label, words, matched), detailMarks: marks(detail, words, matched), score };
  }
}

/** Ranges of `text` to highlight: the matched prefix of each word a query word found, or the whole word for a typo. */
export function marks(text: string, words: string[], matched: Map<string, number>): [number, number][] {
  const out: [number, number][] = [];
  for (const span of wordSpans(text)) {
    const how = matched.get(span.word);
    if (how === undefined) continue;
    if (how === MATCH.typo) {
      out.push([span.start, span.end]);
      continue;
    }
    let len = 0;
    for (const w of words) if (span.word.startsWith(w) && w.length > len) len = w.length;
    if (len === 0) out.push([span.start, span.end]);
    else out.push([span.start, len >= span.ends.length ? span.end : span.ends[len - 1]!]);
  }
  return out;
}
