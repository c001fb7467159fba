/**
 * The page side of exporting and importing a whole archive in slices
 * (docs/archive-format.md): an archive of 100,000 talks is some 60 MB of
 * JSON, too close to Chrome's 64 MiB limit for one `runtime.sendMessage`.
 * The file is the same document either way.
 */
import { ARCHIVE_TABLES, type ArchiveImportResult, type ImportMode, SLICE_RECORDS } from './archive-format';
import type { Method, Params, Reply } from './messages';

/** Sends one request and returns its value, throwing the worker's sentence on failure (e.g. `callBackground` unwrapped). */
export type Call = <M extends Method>(method: M, params: Params<M>) => Promise<Reply<M>>;

/**
 * The archive as JSON text in pieces, ready for `new Blob(parts, { type: 'application/json' })`.
 * Joined, the pieces are exactly `JSON.stringify` of the document {@link exportArchive} gives.
 */
export async function exportArchiveParts(call: Call, onProgress?: (done: number, total: number) => void): Promise<string[]> {
  const { head, counts, cursor: first } = await call('exportArchiveBegin', {});
  const total = ARCHIVE_TABLES.reduce((n, t) => n + counts[t], 0);
  const parts: string[] = [JSON.stringify(head).slice(0, -1)];
  let done = 0;
  let table: string | undefined;
  let cursor: typeof first | null = first;
  while (cursor) {
    const slice: Reply<'exportArchiveSlice'> = await call('exportArchiveSlice', { cursor });
    if (slice.table !== table) {
      parts.push(`${table === undefined ? '' : ']'},${JSON.stringify(slice.table)}:[`);
      table = slice.table;
    } else if (slice.records.length > 0) {
      parts.push(',');
    }
    if (slice.records.length > 0) parts.push(slice.records.map((r) => JSON.stringify(r)).join(','));
    done += slice.records.length;
    onProgress?.(done, total);
    cursor = slice.next;
  }
  parts.push(']}');
  return parts;
}

/**
 * Imports a parsed archive document in slices, all or nothing: nothing is
 * written until the worker has the whole document and has checked it. Errors
 * are the same sentences a one-message `importArchive` gives.
 */
export async function importArchiveInSlices(
  call: Call,
  document: unknown,
  mode: ImportMode,
  onProgress?: (done: number, total: number) => void,
): Promise<ArchiveImportResult> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    // The worker words the error.
    return call('importArchive', { document, mode });
  }
  const doc = document as Record<string, unknown>;
  const head = Object.fromEntries(Object.entries(doc).filter(([k]) => !(ARCHIVE_TABLES as readonly string[]).includes(k)));
  const lists = ARCHIVE_TABLES.map((t) => [t, doc[t]] as const);
  // A table that is not a list is sent as it is, in the head, for the worker's checker to name.
  for (const [t, v] of lists) if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(doc, t)) head[t] = v;
  const { importId } = await call('importArchiveBegin', { mode, head });
  try {
    const total = lists.reduce((n, [, v]) => n + (Array.isArray(v) ? v.length : 0), 0);
    let done = 0;
    for (const [table, records] of lists) {
      if (!Array.isArray(records)) continue;
      for (let i = 0; i < records.length || (i === 0 && records.length === 0); i += SLICE_RECORDS) {
        await call('importArchiveSlice', { importId, table, records: records.slice(i, i + SLICE_RECORDS) });
        done += Math.min(SLICE_RECORDS, records.length - i);
        onProgress?.(done, total);
      }
    }
    return await call('importArchiveCommit', { importId });
  } catch (e) {
    await call('importArchiveAbort', { importId }).catch(() => null);
    throw e;
  }
}
