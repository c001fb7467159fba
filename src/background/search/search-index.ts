/**
 * The popup's full-text index over speakers, talks and events, in typed
 * arrays: a sorted dictionary of folded words (src/shared/fold.ts, so
 * "Papež", "PAPEZ" and "papez" are one word), each with a posting list of
 * `doc * 4 + field`. A query word matches every dictionary word it is a
 * prefix of (a binary search finds the range), and, from five letters on,
 * words one edit away (a bounded scan of the words that share its first
 * letter). Results are ranked by field: exact name, name prefix, talk
 * title, the rest.
 *
 * Changes are incremental: a changed record's old document is marked dead
 * and its new one is appended to a small unsorted delta, merged into the
 * sorted base by {@link SearchIndex.compact} (before the index is stored).
 */
import { codeLetters, foldCode, foldedWords, IGNORE, isWordCode } from '../../shared/fold';
import type { SearchGroup, SearchHit, SearchKind } from '../../shared/messages';

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
  /** Tie-break, larger first (a talk's date). */
  sort?: string;
}

/** The index as stored (structured-clone friendly: typed arrays and a few long strings). */
export interface SerializedIndex {
  format: 1;
  docs: number;
  kinds: Uint8Array;
  ids: string;
  labels: string;
  details: string;
  exact: string;
  extra: string;
  sorts: string;
  terms: string;
  starts: Uint32Array;
  posts: Uint32Array;
}

export interface SearchOptions {
  /** Hits per kind. */
  limit?: number;
}

export interface IndexResult {
  groups: SearchGroup[];
  words: string[];
}

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
}

export class SearchIndex {
  /* documents, by number */
  private kinds = new Uint8Array(1024);
  private alive = new Uint8Array(1024);
  private ids: string[] = [];
  private labels: string[] = [];
  private details: string[] = [];
  /** `\n`-wrapped folded names, for the exact-name bonus. */
  private exact: string[] = [];
  /** Talks: speaker ids joined by spaces. */
  private extra: string[] = [];
  private sorts: string[] = [];
  private byKey = new Map<string, number>();
  private dead = 0;
  /* sorted base */
  private terms: string[] = [];
  private starts: Uint32Array = new Uint32Array(1);
  private posts: Uint32Array = new Uint32Array(0);
  /* delta since the last compaction */
  private delta = new Map<string, U32List>();
  private deltaTerms: string[] | null = [];
  private deltaPostings = 0;
  /* scratch per query word */
  private quals: Uint8Array[] = [];

  get docCount(): number {
    return this.ids.length - this.dead;
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

  /** Adds a record, replacing the one of the same kind and id. */
  upsert(doc: SearchDoc): void {
    this.remove(doc.kind, doc.id);
    const d = this.ids.length;
    if (d === this.kinds.length) {
      const grow = (a: Uint8Array) => {
        const b = new Uint8Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.kinds = grow(this.kinds);
      this.alive = grow(this.alive);
    }
    this.kinds[d] = KIND_CODE[doc.kind];
    this.alive[d] = 1;
    this.ids.push(doc.id);
    this.labels.push(doc.label);
    this.details.push(doc.detail);
    this.exact.push(doc.kind === 'speaker' ? `\n${(doc.name ?? []).map((n) => foldedWords(n).join(' ')).join('\n')}\n` : '');
    this.extra.push(doc.speakerIds?.join(' ') ?? '');
    this.sorts.push(doc.sort ?? '');
    this.byKey.set(`${doc.kind}:${doc.id}`, d);
    const best = new Map<string, number>();
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

  /** Removes a record (no-op when absent). */
  remove(kind: SearchKind, id: string): void {
    const d = this.byKey.get(`${kind}:${id}`);
    if (d === undefined) return;
    this.byKey.delete(`${kind}:${id}`);
    this.alive[d] = 0;
    this.dead++;
  }

  has(kind: SearchKind, id: string): boolean {
    return this.byKey.has(`${kind}:${id}`);
  }

  /** Merges the delta into the sorted base, drops dead documents and renumbers the rest. */
  compact(): void {
    const n = this.ids.length;
    const remap = new Int32Array(n).fill(-1);
    let live = 0;
    for (let d = 0; d < n; d++) if (this.alive[d]) remap[d] = live++;
    const keep = <T>(a: T[]) => a.filter((_, d) => this.alive[d]);
    const kinds = new Uint8Array(Math.max(1024, live));
    for (let d = 0; d < n; d++) if (remap[d]! >= 0) kinds[remap[d]!] = this.kinds[d]!;
    const deltaTerms = [...this.delta.keys()].sort();
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
    while (i < this.terms.length || j < deltaTerms.length) {
      const a = this.terms[i];
      const b = deltaTerms[j];
      if (b === undefined || (a !== undefined && a < b)) emit(a!, i++, undefined);
      else if (a === undefined || b < a) emit(b, -1, this.delta.get(deltaTerms[j++]!));
      else emit(a, i++, this.delta.get(deltaTerms[j++]!));
    }
    this.ids = keep(this.ids);
    this.labels = keep(this.labels);
    this.details = keep(this.details);
    this.exact = keep(this.exact);
    this.extra = keep(this.extra);
    this.sorts = keep(this.sorts);
    this.kinds = kinds;
    this.alive = new Uint8Array(kinds.length).fill(1, 0, live);
    this.byKey = new Map(this.ids.map((id, d) => [`${KINDS[kinds[d]!]}:${id}`, d]));
    this.dead = 0;
    this.terms = terms;
    this.starts = Uint32Array.from(starts);
    this.posts = out.a.slice(0, out.n);
    this.delta.clear();
    this.deltaTerms = [];
    this.deltaPostings = 0;
    this.quals = [];
  }

  /** The index as one storable value (compacts first). */
  serialize(): SerializedIndex {
    this.compact();
    const n = this.ids.length;
    return {
      format: 1,
      docs: n,
      kinds: this.kinds.slice(0, n),
      ids: this.ids.join(SEP),
      labels: this.labels.join(SEP),
      details: this.details.join(SEP),
      exact: this.exact.join(SEP),
      extra: this.extra.join(SEP),
      sorts: this.sorts.join(SEP),
      terms: this.terms.join(SEP),
      starts: this.starts,
      posts: this.posts,
    };
  }

  static deserialize(s: SerializedIndex): SearchIndex {
    const x = new SearchIndex();
    const split = (v: string) => (s.docs === 0 ? [] : v.split(SEP));
    x.ids = split(s.ids);
    x.labels = split(s.labels);
    x.details = split(s.details);
    x.exact = split(s.exact);
    x.extra = split(s.extra);
    x.sorts = split(s.sorts);
    x.kinds = new Uint8Array(Math.max(1024, s.docs));
    x.kinds.set(s.kinds);
    x.alive = new Uint8Array(x.kinds.length).fill(1, 0, s.docs);
    x.byKey = new Map(x.ids.map((id, d) => [`${KINDS[x.kinds[d]!]}:${id}`, d]));
    x.terms = s.terms === '' ? [] : s.terms.split(SEP);
    x.starts = s.starts;
    x.posts = s.posts;
    return x;
  }

  /** Dictionary words (base and delta) matching query word `q`, with how they matched. */
  private matches(q: string, visit: (postings: Uint32Array, from: number, to: number, match: number, term: string) => void): void {
    const scan = (terms: readonly string[], postingsOf: (i: number) => [Uint32Array, number, number]) => {
      let i = lowerBound(terms, q);
      for (; i < terms.length && terms[i]!.startsWith(q); i++) {
        const [a, from, to] = postingsOf(i);
        visit(a, from, to, terms[i]!.length === q.length ? MATCH.exact : MATCH.prefix, terms[i]!);
      }
      if (q.length < TYPO_MIN) return;
      const first = q[0]!;
      const end = lowerBound(terms, String.fromCharCode(first.charCodeAt(0) + 1));
      for (let k = lowerBound(terms, first); k < end; k++) {
        const t = terms[k]!;
        if (t.startsWith(q) || !typoMatch(q, t)) continue;
        const [a, from, to] = postingsOf(k);
        visit(a, from, to, MATCH.typo, t);
      }
    };
    scan(this.terms, (i) => [this.posts, this.starts[i]!, this.starts[i + 1]!]);
    if (this.delta.size > 0) {
      const dt = (this.deltaTerms ??= [...this.delta.keys()].sort());
      scan(dt, (i) => {
        const l = this.delta.get(dt[i]!)!;
        return [l.a, 0, l.n];
      });
    }
  }

  /** Finds records matching every word of `query` (each as a prefix, with one typo from five letters on). */
  search(query: string, opts: SearchOptions = {}): IndexResult {
    const limit = opts.limit ?? 10;
    const words = [...new Set(foldedWords(query))].slice(0, 8);
    if (words.length === 0) return { groups: [], words: [] };
    const n = this.ids.length;
    const matchedTerms = new Map<string, number>();
    const touched: U32List[] = [];
    words.forEach((w, k) => {
      let qual = this.quals[k];
      if (!qual || qual.length < n) qual = this.quals[k] = new Uint8Array(Math.max(n, 1024));
      else qual.fill(0, 0, n);
      const list = new U32List();
      this.matches(w, (a, from, to, match, term) => {
        matchedTerms.set(term, Math.max(matchedTerms.get(term) ?? 0, match));
        for (let p = from; p < to; p++) {
          const v = a[p]!;
          const d = v >>> 2;
          const q = (v & 3) * 4 + match;
          const old = qual[d]!;
          if (old === 0) list.push(d);
          if (q > old) qual[d] = q;
        }
      });
      touched.push(list);
    });
    // Candidates: documents of the rarest word that every other word also matched.
    let rare = 0;
    for (let k = 1; k < touched.length; k++) if (touched[k]!.n < touched[rare]!.n) rare = k;
    const phrase = `\n${words.join(' ')}\n`;
    const counts = [0, 0, 0];
    const tops: { d: number; score: number }[][] = [[], [], []];
    const better = (a: { d: number; score: number }, b: { d: number; score: number }) =>
      a.score - b.score || (this.sorts[a.d]! > this.sorts[b.d]! ? 1 : this.sorts[a.d]! < this.sorts[b.d]! ? -1 : 0) || b.d - a.d;
    const cand = touched[rare]!;
    for (let c = 0; c < cand.n; c++) {
      const d = cand.a[c]!;
      if (!this.alive[d]) continue;
      let score = 0;
      let all = true;
      for (let k = 0; k < words.length; k++) {
        const q = this.quals[k]![d]!;
        if (q === 0) {
          all = false;
          break;
        }
        score += q;
      }
      if (!all) continue;
      const kind = this.kinds[d]!;
      if (kind === 0 && this.exact[d]!.includes(phrase)) score += EXACT_NAME_BONUS;
      counts[kind]!++;
      const top = tops[kind]!;
      const hit = { d, score };
      if (top.length === limit && better(hit, top[top.length - 1]!) <= 0) continue;
      let at = top.length;
      while (at > 0 && better(hit, top[at - 1]!) > 0) at--;
      top.splice(at, 0, hit);
      if (top.length > limit) top.pop();
    }
    const groups: SearchGroup[] = [];
    for (let kind = 0; kind < 3; kind++) {
      if (!counts[kind]) continue;
      groups.push({ kind: KINDS[kind]!, count: counts[kind]!, hits: tops[kind]!.map(({ d, score }) => this.hit(d, score, words, matchedTerms)) });
    }
    groups.sort((a, b) => b.hits[0]!.score - a.hits[0]!.score);
    return { groups, words: [...matchedTerms.keys()] };
  }

  /** The label of a live record, or undefined. */
  labelOf(kind: SearchKind, id: string): string | undefined {
    const d = this.byKey.get(`${kind}:${id}`);
    return d === undefined ? undefined : this.labels[d];
  }

  private hit(d: number, score: number, words: string[], matched: Map<string, number>): SearchHit {
    const kind = KINDS[this.kinds[d]!]!;
    let detail = this.details[d]!;
    if (kind === 'talk' && this.extra[d]) {
      const names = this.extra[d]!.split(' ')
        .map((id) => this.labelOf('speaker', id))
        .filter((x): x is string => !!x);
      if (names.length) detail = detail ? `${names.join(', ')} · ${detail}` : names.join(', ');
    }
    const label = this.labels[d]!;
    return { kind, id: this.ids[d]!, label, detail, labelMarks: marks(label, words, matched), detailMarks: marks(detail, words, matched), score };
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
