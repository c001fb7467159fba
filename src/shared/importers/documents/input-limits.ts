/**
 * Guards every document importer runs before parsing: size, emptiness and
 * binary content. They run first so a 50 MB paste or a mislabelled image is
 * refused in constant time, before any heuristic or regex sees it.
 */
import { t } from '../../i18n';
import { ImportError } from '../importer';

/**
 * Largest text a document importer accepts, in UTF-16 code units (~2 MB).
 * CVs and talk pages are a few KB; anything this large is a wrong file, and
 * refusing it keeps the line heuristics fast on a shared extension page.
 */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/**
 * Longest line the heuristics look at. Longer lines are cut before any regex
 * runs, so even a pattern with a bounded backtrack stays linear overall.
 */
export const MAX_LINE_CHARS = 2_000;

/** How many U+FFFD replacement characters mean "this was not UTF-8 text". */
const MAX_REPLACEMENT_CHARS = 8;

/**
 * Throws an {@link ImportError} the user can read when `text` is empty, too
 * large, or binary (NUL bytes, or many U+FFFD from invalid UTF-8).
 * @param text - the decoded input
 * @param name - file name or URL, for the message
 */
export function assertReadableText(text: string, name: string): void {
  if (text.length > MAX_DOCUMENT_CHARS) {
    const mb = (text.length / 1_000_000).toFixed(1);
    throw new ImportError(
      t('importErrDocTooLargeChars', mb, MAX_DOCUMENT_CHARS / 1_000_000),
      name,
    );
  }
  if (text.trim() === '') throw new ImportError(t('importErrDocEmpty'), name);
  if (text.startsWith('%PDF-')) {
    throw new ImportError(t('importErrDocIsPdf'), name);
  }
  if (text.includes('\u0000')) {
    throw new ImportError(t('importErrDocBinary'), name);
  }
  let bad = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    if (++bad > MAX_REPLACEMENT_CHARS) {
      throw new ImportError(t('importErrDocNotUtf8'), name);
    }
  }
}

/**
 * Decodes file bytes as UTF-8 for the importers: drops a BOM, and throws a
 * clear {@link ImportError} for PDFs, oversized files and invalid UTF-8.
 * @param bytes - the file's contents
 * @param name - file name, for the message
 */
export function decodeDocumentBytes(bytes: Uint8Array, name: string): string {
  if (bytes.length > MAX_DOCUMENT_CHARS * 3) {
    throw new ImportError(
      t('importErrDocTooLargeBytes', (bytes.length / 1_000_000).toFixed(1)),
      name,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) text = '%PDF-';
    else throw new ImportError(t('importErrDocNotUtf8'), name);
  }
  assertReadableText(text, name);
  return text;
}

/**
 * Splits text into trimmed-right lines, normalising line ends and cutting
 * each line to {@link MAX_LINE_CHARS}.
 */
export function toLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l).trimEnd());
}

/** Throws an `AbortError`-named ImportError when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const e = new ImportError(t('importErrDocCancelled'));
    e.name = 'AbortError';
    throw e;
  }
}
