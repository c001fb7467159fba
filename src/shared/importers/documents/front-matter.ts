/**
 * Front matter of static-site pages (Hugo, Jekyll, Zola, Eleventy): TOML
 * between `+++` lines or YAML between `---` lines, parsed with smol-toml and
 * yaml rather than by hand.
 */
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { t } from '../../i18n';
import { ImportError } from '../importer';

/** A page split into its front matter and body. */
export interface FrontMatter {
  format?: 'toml' | 'yaml';
  data: Record<string, unknown>;
  body: string;
}

/**
 * Splits and parses front matter. A page without front matter returns an
 * empty `data` and the whole text as `body`.
 * @throws ImportError when the front matter is present but malformed
 */
export function splitFrontMatter(text: string, name: string): FrontMatter {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^(\+\+\+|---)[ \t]*\n/.exec(src);
  if (!m) return { data: {}, body: src };
  const fence = m[1]!;
  const close = src.indexOf(`\n${fence}`, m[0].length - 1);
  if (close === -1) throw new ImportError(t('importErrFrontMatterOpen', fence), name);
  const raw = src.slice(m[0].length, close + 1);
  const afterFence = src.indexOf('\n', close + 1 + fence.length);
  const body = afterFence === -1 ? '' : src.slice(afterFence + 1);
  const format = fence === '+++' ? 'toml' : 'yaml';
  let data: unknown;
  try {
    // maxDepth/maxAliasCount keep hostile YAML (alias bombs) cheap.
    data = format === 'toml' ? parseToml(raw) : parseYaml(raw, { maxAliasCount: 50, prettyErrors: false });
  } catch (e) {
    throw new ImportError(t('importErrFrontMatterUnreadable', format.toUpperCase(), String((e as Error).message.split('\n')[0])), name);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ImportError(t('importErrFrontMatterNotMap', format.toUpperCase()), name);
  }
  return { format, data: data as Record<string, unknown>, body };
}

/** A front-matter value as a string: strings as is, dates as `YYYY-MM-DD…`, numbers. */
export function fmString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    // TOML local dates and YAML timestamps: keep the calendar day as written (UTC fields).
    return value.toISOString();
  }
  return undefined;
}

/** A front-matter value as a list of strings (a string, or an array of strings). */
export function fmList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => fmString(v) ?? []);
  const s = fmString(value);
  return s ? [s] : [];
}

/** Looks up the first present key, case-insensitively, among `keys`. */
export function fmGet(data: Record<string, unknown>, ...keys: string[]): unknown {
  const lower = new Map(Object.entries(data).map(([k, v]) => [k.toLowerCase(), v]));
  for (const k of keys) {
    const v = lower.get(k.toLowerCase());
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}
