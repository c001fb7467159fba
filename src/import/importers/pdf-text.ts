/**
 * PDF → text for the CV importer, through pdf.js (`pdfjs-dist`).
 *
 * pdf.js is large (≈0.5 MB + a 1.3 MB worker), so it is loaded with a
 * dynamic `import()` only when a PDF is imported. Import this module only
 * from the import page (an extension page), never from the content script
 * or the service worker. The bundle must ship pdf.js's worker file
 * (`pdfjs-dist/build/pdf.worker.min.mjs`) and pass its URL as `workerSrc`.
 */
import { t } from '../../shared/i18n';
import type { ImportBundle } from '../../shared/types';
import { ImportError } from '../../shared/importers/importer';
import { parseCvText } from '../../shared/importers/documents/cv-text';
import { MAX_DOCUMENT_CHARS, throwIfAborted } from '../../shared/importers/documents/input-limits';
import { pageText, type PdfTextItem } from './pdf-layout';

/** Largest PDF accepted, in bytes: CVs are well under 5 MB. */
export const MAX_PDF_BYTES = 20_000_000;
/** Pages read at most: a CV has a few; a 300-page book is the wrong file. */
export const MAX_PDF_PAGES = 40;

/** Options for {@link extractPdfText}. */
export interface PdfTextOptions {
  /** URL of `pdf.worker.min.mjs` inside the extension (e.g. `browser.runtime.getURL(...)`). */
  workerSrc?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

interface PdfJsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/**
 * Extracts a PDF's text in reading order (see {@link pageText}), pages
 * separated by blank lines.
 * @throws ImportError for files that are not PDFs, are encrypted, too large, or hold no text (scans)
 */
export async function extractPdfText(bytes: Uint8Array, name: string, options: PdfTextOptions = {}): Promise<string> {
  if (bytes.length > MAX_PDF_BYTES) {
    throw new ImportError(t('importErrPdfTooLarge', (bytes.length / 1_000_000).toFixed(1), MAX_PDF_BYTES / 1_000_000), name);
  }
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
    throw new ImportError(t('importErrNotPdf'), name);
  }
  const pdfjs = await import('pdfjs-dist');
  if (options.workerSrc) pdfjs.GlobalWorkerOptions.workerSrc = options.workerSrc;
  // pdf.js takes ownership of the buffer; hand it a copy so the caller's bytes stay usable.
  const task = pdfjs.getDocument({ data: bytes.slice() });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const msg = (e as Error).name === 'PasswordException' ? t('importErrPdfPassword') : t('importErrPdfUnreadable');
    throw new ImportError(msg, name);
  }
  try {
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    const texts: string[] = [];
    let total = 0;
    for (let n = 1; n <= pages; n++) {
      throwIfAborted(options.signal);
      const page = await doc.getPage(n);
      const { width } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PdfTextItem[] = (content.items as PdfJsTextItem[])
        .filter((i) => typeof i.str === 'string' && Array.isArray(i.transform))
        .map((i) => ({ str: i.str!, x: i.transform![4]!, y: i.transform![5]!, width: i.width ?? 0, height: i.height ?? 0 }));
      const text = pageText(items, width);
      total += text.length;
      if (total > MAX_DOCUMENT_CHARS) throw new ImportError(t('importErrPdfTooMuchText'), name);
      texts.push(text);
      options.onProgress?.(n / pages);
    }
    const all = texts.join('\n\n');
    if (all.trim().length < 20) {
      throw new ImportError(t('importErrPdfNoText'), name);
    }
    return all;
  } finally {
    await task.destroy();
  }
}

/** Reads a CV PDF: extracts its text, then runs the CV importer on it. */
export async function importCvPdf(bytes: Uint8Array, name: string, options: PdfTextOptions = {}): Promise<ImportBundle> {
  const text = await extractPdfText(bytes, name, options);
  const bundle = parseCvText(text, name);
  bundle.source.format = 'cv-pdf';
  return bundle;
}
