/**
 * pyvideo (github.com/pyvideo/data): one talk JSON, an event folder
 * (`category.json` + `videos/*.json`), or the whole repository as a folder,
 * `.zip` or `.tar.gz`. The repository is streamed and one bundle is emitted
 * per event folder as soon as the folder is complete, so memory holds one
 * event at a time; a cut-off archive throws before the unfinished event is
 * emitted.
 *
 * Speaker strings go through {@link parseSpeakerString}: "Various speakers"
 * and empty lists create nobody, "A & B" splits only when safe.
 */
// A namespace import: `t` is this module's name for a talk record.
import * as i18n from '../../i18n';
import type { ImportBundle, Link } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { archiveEntries, type ArchiveSource } from './archive';
import { BundleBuilder } from './bundle';
import { checkText, looksLikeJson, parseJson, throwIfAborted } from './input';
import { htmlToText, httpUrl, kindFrom, languageTag, linkKind, str, tidy } from './text';
import { yearOf } from './time';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** A file of a pyvideo tree: its path and its text. */
export interface PyvideoFile {
  path: string;
  text: string;
}

/** Role of a path in a pyvideo tree and the event folder it belongs to. */
export function pyvideoRole(path: string): { folder: string; role: 'category' | 'talk' } | undefined {
  const parts = path.split('/').filter((p) => p && p !== '.');
  const last = parts[parts.length - 1] ?? '';
  if (last === 'category.json' && parts.length >= 2) return { folder: parts.slice(0, -1).join('/'), role: 'category' };
  if (last.endsWith('.json') && parts[parts.length - 2] === 'videos' && parts.length >= 3) {
    return { folder: parts.slice(0, -2).join('/'), role: 'talk' };
  }
  return undefined;
}

/** Adds one pyvideo talk record to a bundle. */
export function addPyvideoTalk(b: BundleBuilder, t: Obj, eventRef: string | undefined, where: string): void {
  const title = str(t.title);
  if (!title) {
    b.warn(`${where}: ${i18n.t('importWarnNoTitleSkipped')}`);
    return;
  }
  const speakers = Array.isArray(t.speakers) ? t.speakers.filter((s): s is string => typeof s === 'string') : [];
  const speakerRefs = speakers.flatMap((s) => b.speakerString(s, `"${title}"`));
  const links: Omit<Link, 'sources'>[] = [];
  const add = (url: string | undefined, kind: Link['kind'], label?: string) => {
    if (url && !links.some((l) => l.url === url)) links.push({ kind, url, ...(label ? { label } : {}) });
  };
  for (const v of Array.isArray(t.videos) ? t.videos : []) add(httpUrl(obj(v)?.url), 'video');
  for (const r of Array.isArray(t.related_urls) ? t.related_urls : []) {
    const url = httpUrl(typeof r === 'string' ? r : obj(r)?.url);
    const label = str(obj(r)?.label);
    if (url) add(url, linkKind(url, label, 'page'), label);
  }
  const text = str(t.description) ?? str(t.summary) ?? str(t.abstract);
  const abstract = text ? (/<\/?[a-z][^>]*>/i.test(text) ? htmlToText(text) : tidy(text)) : undefined;
  const recorded = str(t.recorded);
  const date = recorded && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(recorded) ? recorded : undefined;
  const seconds = typeof t.duration === 'number' ? t.duration : undefined;
  const tags = Array.isArray(t.tags) ? t.tags.map(str).filter((x): x is string => !!x) : [];
  b.talk({
    title,
    ...(abstract ? { abstract } : {}),
    kind: kindFrom(tags.join(' '), title),
    ...(languageTag(t.language) ? { language: languageTag(t.language) } : {}),
    ...(date ? { date } : {}),
    ...(seconds && seconds >= 30 ? { durationMinutes: Math.round(seconds / 60) } : {}),
    ...(eventRef ? { eventRef } : {}),
    speakerRefs,
    links,
    tags,
  });
}

function eventFromCategory(category: Obj | undefined, folder: string, talkDates: string[]): { name: string; year?: number; series?: string } {
  const title = str(category?.title) ?? folder.split('/').pop() ?? folder;
  const fromTitle = /\b(19|20)\d\d\b/.exec(title)?.[0];
  const year = fromTitle ? Number(fromTitle) : yearOf(talkDates.sort()[0]);
  const series = title.replace(/\b(19|20)\d\d\b/g, '').replace(/\s+/g, ' ').trim();
  return { name: title, ...(year ? { year } : {}), ...(series && series !== title ? { series } : {}) };
}

/**
 * Builds the bundle of one event folder.
 *
 * @param folder - the folder path (e.g. `europython-2016`)
 * @param category - its parsed `category.json`, if present
 * @param talks - its parsed talk files, with their paths
 * @param sourceName - what the user imported
 * @param warnings - problems met while reading the folder's files
 */
export function pyvideoEventBundle(
  folder: string,
  category: Obj | undefined,
  talks: { path: string; data: Obj }[],
  sourceName: string,
  warnings: string[] = [],
): ImportBundle {
  const b = new BundleBuilder({ kind: 'file', name: `${sourceName} › ${folder}`, format: 'pyvideo' });
  for (const w of warnings) b.warn(w);
  if (!category) b.warn(`${folder}: ${i18n.t('importWarnPyvideoNoCategory')}`);
  const dates = talks.map((t) => str(t.data.recorded)).filter((d): d is string => !!d);
  const ev = eventFromCategory(category, folder, dates);
  const sorted = [...dates].sort();
  const eventRef = b.event({
    ...ev,
    ...(ev.year ? { edition: String(ev.year) } : {}),
    ...(sorted[0] ? { startDate: sorted[0], endDate: sorted[sorted.length - 1] } : {}),
  });
  for (const t of [...talks].sort((x, y) => (x.path < y.path ? -1 : 1))) addPyvideoTalk(b, t.data, eventRef, t.path);
  return b.build();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Options for streaming a pyvideo tree. */
export interface PyvideoStreamOptions extends ImportOptions {
  /** Name for the sources and messages (the archive's file name). */
  name?: string;
}

/**
 * Groups a stream of pyvideo files into one bundle per event folder, emitted
 * when the folder is complete (the next folder starts, or the stream ends
 * cleanly). Broken talk files are skipped with a warning in their event's
 * bundle; a stream that fails (cut-off archive, cancel) throws, and the event
 * being read is not emitted.
 */
export async function* pyvideoBundlesFromFiles(
  files: AsyncIterable<{ path: string; data: Uint8Array | string }>,
  opts: PyvideoStreamOptions = {},
): AsyncGenerator<ImportBundle> {
  const name = opts.name ?? 'pyvideo';
  let current: string | undefined;
  let category: Obj | undefined;
  let talks: { path: string; data: Obj }[] = [];
  let warnings: string[] = [];
  const seen = new Set<string>();
  const flush = (): ImportBundle | undefined => {
    if (current === undefined || (!talks.length && !category)) return undefined;
    const bundle = talks.length ? pyvideoEventBundle(current, category, talks, name, warnings) : undefined;
    seen.add(current);
    return bundle;
  };
  for await (const f of files) {
    throwIfAborted(opts.signal, name);
    const role = pyvideoRole(f.path);
    if (!role) continue;
    if (role.folder !== current) {
      const done = flush();
      if (done) yield done;
      if (seen.has(role.folder)) warnings = [`${role.folder}: ${i18n.t('importWarnPyvideoApart')}`];
      else warnings = [];
      current = role.folder;
      category = undefined;
      talks = [];
    }
    let text: string;
    try {
      text = typeof f.data === 'string' ? f.data : utf8.decode(f.data);
    } catch {
      warnings.push(`${f.path}: ${i18n.t('importWarnNotUtf8Skipped')}`);
      continue;
    }
    let data: Obj | undefined;
    try {
      data = obj(JSON.parse(text));
    } catch (e) {
      warnings.push(`${f.path}: ${i18n.t('importWarnNotJsonSkipped', e instanceof Error ? e.message : String(e))}`);
      continue;
    }
    if (!data) {
      warnings.push(`${f.path}: ${i18n.t('importWarnNotObjectSkipped')}`);
      continue;
    }
    if (role.role === 'category') category = data;
    else talks.push({ path: f.path, data });
  }
  const last = flush();
  if (last) yield last;
}

/**
 * Streams a pyvideo repository archive (`.tar.gz`, `.tgz`, `.tar`, `.zip`)
 * and yields one bundle per event folder. Progress is the fraction of the
 * compressed file read; `signal` cancels between entries (ImportError
 * "import cancelled"). The caller should store the bundles of one import as
 * a unit, so a cancel or a cut-off archive can be rolled back.
 *
 * @param src - the archive: a File/Blob, bytes, or a stream of chunks
 */
export function pyvideoArchiveBundles(src: ArchiveSource, opts: PyvideoStreamOptions = {}): AsyncGenerator<ImportBundle> {
  const name = opts.name ?? 'pyvideo archive';
  const entries = archiveEntries(src, {
    name,
    want: (p) => pyvideoRole(p) !== undefined,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return pyvideoBundlesFromFiles(entries, { ...opts, name });
}

/**
 * Imports an event folder or a whole repository given as files (a folder
 * the user picked), grouped by folder in path order.
 */
export async function pyvideoFolderBundles(files: PyvideoFile[], opts: PyvideoStreamOptions = {}): Promise<ImportBundle[]> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const out: ImportBundle[] = [];
  const iter = async function* () {
    for (const f of sorted) yield { path: f.path, data: f.text };
  };
  for await (const b of pyvideoBundlesFromFiles(iter(), opts)) out.push(b);
  if (!out.length) throw new ImportError(i18n.t('importErrPyvideoNothing'), opts.name ?? i18n.t('importWhereFolder'));
  return out;
}

/** One pyvideo talk JSON file. The event is read from the path (`<event>/videos/<talk>.json`) when there is one. */
export const pyvideoTalkImporter: Importer = {
  id: 'pyvideo',
  label: 'pyvideo talk (JSON)',
  sniff({ name, head }) {
    if (!looksLikeJson(head)) return 0;
    const hits = ['"videos"', '"recorded"', '"speakers"', '"thumbnail_url"', '"copyright_text"'].filter((k) => head.includes(k)).length;
    return hits >= 3 ? 0.9 : hits >= 2 && /videos\//.test(name) ? 0.7 : 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    const text = checkText(input);
    throwIfAborted(options?.signal, input.name);
    const data = obj(parseJson(text, input.name));
    if (!data || !str(data.title)) throw new ImportError(i18n.t('importErrPyvideoNoTitle'), input.name);
    const role = pyvideoRole(input.name);
    const b = new BundleBuilder({ kind: 'file', name: input.name, format: 'pyvideo', ...(input.url ? { url: input.url } : {}) });
    const eventRef = role ? b.event({ name: role.folder.split('/').pop() as string }) : undefined;
    if (role) b.warn(i18n.t('importWarnPyvideoEventFromFolder', role.folder));
    addPyvideoTalk(b, data, eventRef, input.name);
    options?.onProgress?.(1);
    return [b.build()];
  },
};
