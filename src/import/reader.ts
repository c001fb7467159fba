/**
 * Turns what the user gives the import view (files, a picked folder, pasted
 * text, a page's HTML) into bundles to review, or into a clear message per
 * input. Nothing here talks to the archive: reading never changes it.
 *
 * Large inputs are refused by size before they are read; a pyvideo archive
 * is streamed (one event at a time) and, when large, only summarised here
 * and streamed again when the user saves (see save.ts).
 */
import browser from '../shared/browser';
import { ImportError, type Importer } from '../shared/importers/importer';
import { parseTalkDocument } from '../shared/importers/documents/talk-page';
import { isGzip, isZip, MAX_ARCHIVE_BYTES, MAX_TEXT_CHARS, pyvideoArchiveBundles, pyvideoFolderBundles, sessionizeCsvToBundle } from '../shared/importers/platforms';
import { assertSize, decodeUtf8 } from '../shared/importers/platforms/input';
import { pyvideoRole } from '../shared/importers/platforms/pyvideo';
import { pickImporter, readWithBest, SNIFF_BYTES } from '../shared/importers/registry';
import { t } from '../shared/i18n';
import type { ImportBundle } from '../shared/types';

/** Bundles ready for review, from one input. */
export interface BundleItem {
  kind: 'bundles';
  label: string;
  bundles: ImportBundle[];
}

/** A pyvideo archive too large to review record by record: its summary; save streams it again. */
export interface ArchiveItem {
  kind: 'archive';
  label: string;
  file: Blob;
  summary: { events: number; talks: number; speakers: number; eventNames: string[]; warnings: string[] };
}

export type ReadItem = BundleItem | ArchiveItem;

/** An input that could not be read, and why, in words. */
export interface ReadFailure {
  label: string;
  message: string;
}

export interface ReadResult {
  items: ReadItem[];
  failures: ReadFailure[];
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Overall fraction done, and what is being read. */
  onProgress?: (fraction: number, label: string) => void;
  /** Test seam: the importers to choose from. */
  importers?: Importer[];
}

/** Archives up to this many talks are reviewed record by record; larger ones are summarised. */
export const REVIEW_TALKS = 1500;

/** Thrown (and shown) when the user cancels reading. */
export const CANCELLED = t('importCancelled');

/** The message for any failure, as the user reads it. */
export function messageOf(e: unknown): string {
  if (e instanceof ImportError) return e.message;
  if ((e as Error)?.name === 'AbortError') return CANCELLED;
  const m = e instanceof Error ? e.message : String(e);
  return t('importCouldNotRead', m);
}

const cancelled = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new ImportError(CANCELLED);
};

/** Bytes of a blob. */
async function bytesOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Refuses inputs that carry nothing to import. */
function checkBundles(bundles: ImportBundle[], label: string): ImportBundle[] {
  if (!bundles.length || bundles.every((b) => !b.talks.length && !b.speakers.length && !b.events.length)) {
    throw new ImportError(t('importNothingInIt'), label);
  }
  for (const b of bundles) {
    if (b.speakers.length && !b.talks.length && b.source.format.startsWith('cv')) {
      b.warnings.unshift(t('importCvNoTalks'));
    }
    if (b.talks.length && !b.speakers.length) {
      b.warnings.unshift(t('importNoSpeakerFound'));
    }
  }
  return bundles;
}

/** Reads decoded text with the best-matching importer. */
export async function readText(text: string, name: string, opts: ReadOptions & { type?: string; url?: string } = {}): Promise<BundleItem> {
  assertSize(text.length, MAX_TEXT_CHARS, name);
  if (text.trim() === '') throw new ImportError(t('importFileEmpty'), name);
  if (text.slice(0, 8192).includes('\u0000')) throw new ImportError(t('importBinary'), name);
  const bundles = await readWithBest({ name, text, type: opts.type, url: opts.url }, opts.importers, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (f) => opts.onProgress?.(f, name),
  });
  if (!bundles) throw new ImportError(t('importUnknownFormat'), name);
  return { kind: 'bundles', label: name, bundles: checkBundles(bundles, name) };
}

/** Reads a pyvideo archive: bundles when small enough to review, otherwise a summary. */
async function readArchive(file: Blob, name: string, opts: ReadOptions): Promise<ReadItem> {
  assertSize(file.size, MAX_ARCHIVE_BYTES, name);
  const kept: ImportBundle[] = [];
  const summary: ArchiveItem['summary'] = { events: 0, talks: 0, speakers: 0, eventNames: [], warnings: [] };
  let keep = true;
  for await (const b of pyvideoArchiveBundles(file, {
    name,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (f) => opts.onProgress?.(f, name),
  })) {
    summary.events++;
    summary.talks += b.talks.length;
    summary.speakers += b.speakers.length;
    if (summary.eventNames.length < 30) summary.eventNames.push(b.events[0]?.name ?? b.source.name);
    for (const w of b.warnings) if (summary.warnings.length < 50) summary.warnings.push(w);
    if (keep && summary.talks <= REVIEW_TALKS) kept.push(b);
    else {
      keep = false;
      kept.length = 0;
    }
  }
  if (!summary.events) throw new ImportError(t('importArchiveEmpty'), name);
  return keep ? { kind: 'bundles', label: name, bundles: kept } : { kind: 'archive', label: name, file, summary };
}

/** Reads one file (not a CSV of a pair, not part of a folder). */
export async function readFile(file: File, opts: ReadOptions = {}): Promise<ReadItem> {
  const name = file.name || t('importUnnamedFile');
  if (file.size === 0) throw new ImportError(t('importFileEmpty'), name);
  const head = await bytesOf(file.slice(0, 8));
  if (isGzip(head) || isZip(head)) return readArchive(file, name, opts);
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) {
    // pdf.js loads only here, on demand (two dynamic chunks: pdf-text, then pdfjs-dist).
    const { importCvPdf } = await import(/* webpackChunkName: "pdf" */ './importers/pdf-text');
    const bundle = await importCvPdf(await bytesOf(file), name, {
      workerSrc: browser.runtime.getURL('pdf.worker.min.mjs'),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (f) => opts.onProgress?.(f, name),
    });
    return { kind: 'bundles', label: name, bundles: checkBundles([bundle], name) };
  }
  // Formats whose files can be large are read as a stream, whatever their size.
  const headText = new TextDecoder('utf-8').decode(await bytesOf(file.slice(0, SNIFF_BYTES))).replace(/^\uFEFF/, '');
  const streamer = pickImporter({ name, ...(file.type ? { type: file.type } : {}), head: headText }, opts.importers);
  if (streamer?.parseFile && !headText.includes('\u0000')) {
    const bundles = await streamer.parseFile(file, { name, ...(file.type ? { type: file.type } : {}) }, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (f) => opts.onProgress?.(f, name),
    });
    return { kind: 'bundles', label: name, bundles: checkBundles(bundles, name) };
  }
  assertSize(file.size, MAX_TEXT_CHARS, name);
  const bytes = await bytesOf(file);
  if (bytes.subarray(0, 8192).includes(0)) throw new ImportError(t('importBinary'), name);
  const text = decodeUtf8(bytes, name).replace(/^\uFEFF/, '');
  return readText(text, name, { ...opts, ...(file.type ? { type: file.type } : {}) });
}

const pathOf = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

/** Reads everything the user picked or dropped; each input succeeds or fails on its own. */
export async function readFiles(files: File[], opts: ReadOptions = {}): Promise<ReadResult> {
  const items: ReadItem[] = [];
  const failures: ReadFailure[] = [];
  const attempt = async (label: string, run: () => Promise<ReadItem>) => {
    try {
      cancelled(opts.signal);
      items.push(await run());
    } catch (e) {
      if (opts.signal?.aborted) throw new ImportError(CANCELLED);
      failures.push({ label, message: messageOf(e) });
    }
  };
  // A picked pyvideo folder: its files carry their paths.
  const folder = files.filter((f) => pathOf(f).includes('/') && pyvideoRole(pathOf(f)));
  const csv = files.filter((f) => !folder.includes(f) && /\.csv$/i.test(f.name));
  const rest = files.filter((f) => !folder.includes(f) && !(csv.length === 2 && csv.includes(f)));
  if (folder.length) {
    await attempt(pathOf(folder[0]!).split('/')[0]!, async () => {
      const texts = await Promise.all(folder.map(async (f) => ({ path: pathOf(f), text: decodeUtf8(await bytesOf(f), pathOf(f)) })));
      return { kind: 'bundles', label: t('importPyvideoFolder'), bundles: await pyvideoFolderBundles(texts, { name: pathOf(folder[0]!).split('/')[0]! }) };
    });
  }
  if (csv.length === 2) {
    await attempt(csv.map((f) => f.name).join(' + '), async () => {
      const inputs = await Promise.all(csv.map(async (f) => ({ name: f.name, text: decodeUtf8(await bytesOf(f), f.name) })));
      const bundle = sessionizeCsvToBundle(inputs);
      return { kind: 'bundles', label: inputs.map((i) => i.name).join(' + '), bundles: checkBundles([bundle], inputs[0]!.name) };
    });
  }
  let done = 0;
  for (const f of rest) {
    await attempt(f.name, () =>
      readFile(f, { ...opts, onProgress: (x, l) => opts.onProgress?.((done + x) / rest.length, l) }),
    );
    done++;
    opts.onProgress?.(done / rest.length, f.name);
  }
  return { items, failures };
}

/** What an injected function returns from the tab being imported. */
export interface PageCapture {
  html: string;
  url: string;
  title: string;
}

/** Runs in the tab (scripting.executeScript); plain function, no closures. */
export function capturePage(): PageCapture {
  return { html: document.documentElement.outerHTML, url: location.href, title: document.title };
}

/** Reads a captured page: structured data first, then the talk-page reader. */
export function readPage(page: PageCapture): BundleItem {
  const label = page.title || page.url;
  if (page.html.length > MAX_TEXT_CHARS) throw new ImportError(t('importPageTooLarge'), label);
  const doc = new DOMParser().parseFromString(page.html, 'text/html');
  let bundle: ImportBundle;
  try {
    bundle = parseTalkDocument(doc, label, page.url);
  } catch (e) {
    if (e instanceof ImportError) throw new ImportError(t('importPageNothing', e.message), label);
    throw e;
  }
  bundle.source.kind = 'page';
  return { kind: 'bundles', label, bundles: checkBundles([bundle], label) };
}
