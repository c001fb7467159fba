/**
 * Input checks shared by the platform importers: size limits, UTF-8, and JSON
 * with a clear {@link ImportError} (what and where) instead of a raw
 * `SyntaxError`.
 */
import { t } from '../../i18n';
import { ImportError, type ImportInput } from '../importer';

/**
 * Largest text input (in UTF-16 code units, about bytes for ASCII-heavy
 * schedules) read whole, for formats not streamed (JSON, CSV, iCalendar,
 * documents). The largest real schedule we know (FOSDEM 2026 XML) is
 * 2.8 MB; a generated 40 MB c3voc JSON of 100,000 talks parses in well under
 * a GB of page memory, while a 1 GB file is refused before it is read.
 * frab XML files are streamed and have a limit of their own
 * (frab-xml.ts `MAX_STREAMED_BYTES`).
 */
export const MAX_TEXT_CHARS = 128 * 1024 * 1024;

/**
 * Largest compressed archive (pyvideo `.tar.gz` / `.zip`) accepted. The whole
 * pyvideo repository is 8.9 MB compressed.
 */
export const MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;

/** Largest single file inside an archive (pyvideo talk JSON are a few KB). */
export const MAX_ARCHIVE_ENTRY_BYTES = 8 * 1024 * 1024;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Refuses input larger than `limit` before any parsing.
 *
 * @param size - size in bytes (or characters for decoded text)
 * @param limit - the documented limit
 * @param where - file name for the message
 */
export function assertSize(size: number, limit: number, where: string): void {
  if (size > limit) {
    throw new ImportError(
      t('importErrTooLarge', mb(size), mb(limit)),
      where,
    );
  }
}

/**
 * Replacement characters tolerated in decoded text before it is judged "not
 * UTF-8": real exports carry a stray U+FFFD (FOSDEM 2026 has one), while a
 * Latin-1 file decoded as UTF-8 has one per accented letter.
 */
const MAX_REPLACEMENT_CHARS = 4;

/**
 * Checks decoded text: size limit, BOM, and signs of a file that was not
 * UTF-8 (decoded with replacement characters). Prefer {@link decodeUtf8} on
 * the bytes, which is exact.
 */
export function checkText(input: ImportInput): string {
  assertSize(input.text.length, MAX_TEXT_CHARS, input.name);
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  let count = 0;
  let first = -1;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    if (first < 0) first = i;
    if (++count > MAX_REPLACEMENT_CHARS) {
      throw new ImportError(
        t('importErrNotUtf8'),
        `${input.name}, ${lineCol(text, first)}`,
      );
    }
  }
  return text;
}

/**
 * Decodes bytes as strict UTF-8 (BOM removed), for callers holding a file's
 * bytes. Throws an {@link ImportError} naming the first bad byte.
 */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  assertSize(bytes.byteLength, MAX_TEXT_CHARS, name);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    throw new ImportError(
      t('importErrNotUtf8'),
      `${name}, ${lineCol(text, Math.max(bad, 0))}`,
    );
  }
}

/** "line L, column C" (1-based) of a character offset. */
export function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return t('importWhereLineColumn', line, offset - last);
}

/** Index of the first character that is not JSON whitespace. */
function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  return i;
}

/**
 * Cheap sniff helper: does the head look like a JSON object or array? A
 * leading comment is skipped, so the JSON importers still claim such a file
 * and then report the comment clearly.
 */
export function looksLikeJson(head: string): boolean {
  const t = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .replace(/^(\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)\s*/, '');
  return t[0] === '{' || t[0] === '[';
}

/**
 * `JSON.parse` with a clear error: a leading comment (JSON has none), a
 * truncated file, or the line and column of a syntax error.
 */
export function parseJson(text: string, name: string): unknown {
  const start = firstNonSpace(text);
  if (text.startsWith('//', start) || text.startsWith('/*', start)) {
    throw new ImportError(
      t('importErrJsonComment'),
      `${name}, ${lineCol(text, start)}`,
    );
  }
  if (start >= text.length) throw new ImportError(t('importErrEmpty'), name);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/end of (JSON )?input|Unterminated|Expected .* after/i.test(message) && !/position \d+/.test(message)) {
      throw new ImportError(t('importErrJsonCutOff'), `${name}, ${t('importWhereEndOfFile')}`);
    }
    const pos = /position (\d+)/.exec(message);
    const where = pos ? `${name}, ${lineCol(text, Number(pos[1]))}` : name;
    throw new ImportError(t('importErrNotJson', message), where);
  }
}

/** Throws an {@link ImportError} "cancelled" if the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted) throw new ImportError(t('importErrCancelled'), where);
}
