/**
 * The one interface every importer implements: documents (CVs, talk pages,
 * structured data on pages) and conference platforms (pretalx, frab,
 * Sessionize, iCalendar, pyvideo). Importers are pure: they turn input into
 * {@link ImportBundle}s and never touch the archive; the worker merges.
 */
import type { ImportBundle } from '../types';

/** What an importer is given. Text is already decoded (UTF-8, BOM removed). */
export interface ImportInput {
  /** File name or URL, for messages and the source record. */
  name: string;
  text: string;
  /** MIME type when known. */
  type?: string;
  url?: string;
}

export interface ImportOptions {
  signal?: AbortSignal;
  /** Fraction done in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/** A failure the user should read: what went wrong and where (line, field, record). */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'ImportError';
  }
}

export interface Importer {
  /** Stable format id, stored in `Source.format`, e.g. `cv-text`. */
  id: string;
  /** What the user sees, e.g. "CV (text or Markdown)". */
  label: string;
  /**
   * How confident this importer is that it can read the input, from 0 (not at
   * all) to 1 (certain), judged on the name, type and the first few KB.
   */
  sniff(input: Pick<ImportInput, 'name' | 'type'> & { head: string }): number;
  parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]>;
  /**
   * Reads a file as a stream, for formats whose files can be large (a
   * 40 MB schedule): never holds the whole text. Importers without it get
   * the decoded text through {@link parse}.
   */
  parseFile?(file: Blob, input: Pick<ImportInput, 'name' | 'type' | 'url'>, options?: ImportOptions): Promise<ImportBundle[]>;
}
