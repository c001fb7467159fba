/**
 * Taking what some sources said out of a record: used when a source is
 * removed, and when a subscription's earlier reading is replaced by a newer
 * one (src/background/subscriptions/apply.ts).
 */
import type { Variant } from '../../shared/types';

/** Drops the sources in `gone` from every `sources` list inside a value; list items left with no source go. Returns whether anything changed. */
export function stripSources(value: unknown, gone: ReadonlySet<string>): boolean {
  let changed = false;
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) {
      const item = value[i] as { sources?: unknown } | null;
      if (item && typeof item === 'object' && Array.isArray(item.sources) && item.sources.some((x: string) => gone.has(x))) {
        item.sources = item.sources.filter((x: string) => !gone.has(x));
        changed = true;
        if ((item.sources as string[]).length === 0) {
          value.splice(i, 1);
          continue;
        }
      }
      if (item && typeof item === 'object' && stripSources(item, gone)) changed = true;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'sources' && typeof v === 'object' && stripSources(v, gone)) changed = true;
  }
  return changed;
}

/** Strips `gone` from a record's facts, its own `sources` and its variants (a variant no source states any more goes). */
export function withoutSources<T extends { sources: string[]; variants?: Variant[] }>(record: T, gone: ReadonlySet<string>): T {
  stripSources(record, gone);
  record.sources = record.sources.filter((x) => !gone.has(x));
  if (record.variants) {
    const kept = record.variants.filter((v) => (v.sources = v.sources.filter((x) => !gone.has(x))).length > 0);
    if (kept.length) record.variants = kept;
    else delete record.variants;
  }
  return record;
}
