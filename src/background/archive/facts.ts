/**
 * Merging what two sources said about one record: facts are unioned with
 * their sources, and where sources disagree every value is kept, the newest
 * source's first. Hand edits (sources of kind `manual`) always come first.
 */
import type { Fact, Source, SourceId, Variant } from '../../shared/types';

/** How recent a source is: a larger rank sorts first. */
export type SourceRank = (id: SourceId) => number;

/** Ranks sources by import time, hand edits above everything. Unknown ids rank last. */
export function rankSources(sources: ReadonlyMap<SourceId, Source>): SourceRank {
  // A merge ranks the same few sources hundreds of thousands of times; a source, once known, keeps its rank.
  const ranks = new Map<SourceId, number>();
  return (id) => {
    let r = ranks.get(id);
    if (r !== undefined) return r;
    const s = sources.get(id);
    if (!s) return -Infinity;
    const t = Date.parse(s.importedAt);
    ranks.set(id, (r = s.kind === 'manual' ? Number.MAX_SAFE_INTEGER : Number.isNaN(t) ? 0 : t));
    return r;
  };
}

/** Union of source lists, newest first, without repeats. */
export function unionSources(rank: SourceRank, ...lists: readonly SourceId[][]): SourceId[] {
  const ids = [...new Set(lists.flat())];
  if (ids.length < 2) return ids;
  return ids
    .map((id, i) => ({ id, i, r: rank(id) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .map((x) => x.id);
}

const newestOf = (rank: SourceRank, sources: readonly SourceId[]) => Math.max(-Infinity, ...sources.map(rank));

/** Sorts sourced items newest first; ties keep their order. */
function byNewest<T extends { sources: SourceId[] }>(rank: SourceRank, items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i, r: newestOf(rank, item.sources) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .map((x) => x.item);
}

/** JSON with sorted keys: equal values give equal text whatever their key order. Keys in `omit` are left out at every depth. */
export function canonical(value: unknown, omit?: ReadonlySet<string>): string {
  return JSON.stringify(value, (k, v: unknown) =>
    omit?.has(k) ? undefined : v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** {@link canonical} of a fact's value; a string's without the replacer's walk (most facts are strings). */
const valueKey = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : canonical(v));

/** Unions two fact lists: equal values become one fact citing both sources. */
export function mergeFacts<T>(rank: SourceRank, a: Fact<T>[], b: Fact<T>[]): Fact<T>[] {
  // Most of a person's fields are empty on both sides (a merge absorbs 50,000 people in a big import).
  if (a.length === 0 && b.length === 0) return [];
  const byValue = new Map<string, Fact<T>>();
  for (const f of [...a, ...b]) {
    const key = valueKey(f.value);
    const seen = byValue.get(key);
    byValue.set(key, seen ? { value: seen.value, sources: unionSources(rank, seen.sources, f.sources) } : { value: f.value, sources: [...f.sources] });
  }
  return byNewest(rank, [...byValue.values()]);
}

/**
 * Unions lists of sourced items (positions, links, identifiers) that have an
 * identity (`identity`) and optional details. Items with the same identity
 * and no conflicting detail become one, details filled from either; items
 * whose details conflict are both kept.
 */
export function mergeSourced<T extends { sources: SourceId[] }>(
  rank: SourceRank,
  a: T[],
  b: T[],
  identity: (item: T) => string,
  /** False when the identity says it all (a link is its URL), so differing details do not split it. */
  compareDetails = true,
): T[] {
  if (a.length === 0 && b.length === 0) return [];
  const out: T[] = [];
  for (const item of [...a, ...b]) {
    const id = identity(item);
    const i = out.findIndex((o) => identity(o) === id && (!compareDetails || compatible(o, item)));
    if (i < 0) {
      out.push({ ...item, sources: [...item.sources] });
      continue;
    }
    const o = out[i]!;
    out[i] = { ...item, ...o, sources: unionSources(rank, o.sources, item.sources) };
  }
  return byNewest(rank, out);
}

/** True when no field other than `sources` is set to different values in `a` and `b`. */
function compatible(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of Object.keys(ra)) {
    if (k === 'sources' || ra[k] === undefined || rb[k] === undefined) continue;
    if (canonical(ra[k]) !== canonical(rb[k])) return false;
  }
  return true;
}

/**
 * Merges single-valued fields of `incoming` into `target` (mutated). An
 * absent value is filled; a different value replaces the shown one when its
 * record is newer and the field is not pinned; the losing value is kept in
 * `variants` with the sources of the record that held it.
 */
export function mergeScalars<R extends { sources: SourceId[]; variants?: Variant[]; pinned?: string[] }>(
  rank: SourceRank,
  target: R,
  incoming: Partial<R>,
  fields: readonly (keyof R & string)[],
): void {
  // Hand edits protect the fields they pinned, not the whole record: the other fields follow the newest source.
  const imported = (ids: readonly SourceId[]) => ids.filter((id) => rank(id) !== Number.MAX_SAFE_INTEGER);
  const incomingNewer = newestOf(rank, imported(incoming.sources ?? [])) >= newestOf(rank, imported(target.sources));
  const variants: Variant[] = [];
  const keep = (field: string, value: unknown, sources: SourceId[]) => {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const v = variants.find((x) => x.field === field && x.value === value);
    if (v) v.sources = unionSources(rank, v.sources, sources);
    else variants.push({ field, value, sources: [...sources] });
  };
  for (const v of [...(target.variants ?? []), ...(incoming.variants ?? [])]) keep(v.field, v.value, v.sources);
  for (const f of fields) {
    const mine = target[f];
    const theirs = incoming[f];
    if (theirs === undefined || canonical(mine) === canonical(theirs)) continue;
    if (mine === undefined) {
      target[f] = theirs as R[typeof f];
      continue;
    }
    if (incomingNewer && !target.pinned?.includes(f)) {
      keep(f, mine, target.sources);
      target[f] = theirs as R[typeof f];
    } else {
      keep(f, theirs, incoming.sources ?? []);
    }
  }
  // A value now shown is no longer a variant of itself.
  const shown = variants.filter((v) => canonical(target[v.field as keyof R]) !== canonical(v.value));
  if (shown.length > 0) target.variants = byNewest(rank, shown);
  else delete target.variants;
}
