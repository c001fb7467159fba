/**
 * Streaming archive readers: `.tar.gz` (fflate's streaming gunzip + a small
 * tar reader written here) and `.zip` (fflate's streaming unzip). Entries come
 * out one at a time, in archive order, so a whole repository is never held
 * in memory; only entries the caller `want`s are copied out.
 *
 * A cut-off archive is an {@link ImportError} (never a silent short read).
 */
import { Gunzip, Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { t } from '../../i18n';
import { ImportError } from '../importer';
import { assertSize, MAX_ARCHIVE_BYTES, MAX_ARCHIVE_ENTRY_BYTES } from './input';

/** One file read from an archive. */
export interface ArchiveEntry {
  /** Path inside the archive, `/`-separated, without a leading `./`. */
  path: string;
  data: Uint8Array;
}

/** Where archive bytes come from. */
export type ArchiveSource = Blob | Uint8Array | AsyncIterable<Uint8Array>;

/** Options for the readers. */
export interface ArchiveOptions {
  /** Which entries to copy out (others are skipped without copying). */
  want?: (path: string) => boolean;
  signal?: AbortSignal;
  /** Fraction of compressed input consumed, when the size is known. */
  onProgress?: (fraction: number) => void;
  /** Name for messages. */
  name?: string;
}

const CHUNK = 1 << 20;

/** Compressed input as chunks, refusing anything over {@link MAX_ARCHIVE_BYTES}. */
async function* chunksOf(src: ArchiveSource, name: string, onSize: (n: number) => void): AsyncGenerator<Uint8Array> {
  if (src instanceof Uint8Array) {
    assertSize(src.byteLength, MAX_ARCHIVE_BYTES, name);
    onSize(src.byteLength);
    for (let i = 0; i < src.byteLength; i += CHUNK) yield src.subarray(i, i + CHUNK);
    return;
  }
  if (typeof Blob !== 'undefined' && src instanceof Blob) {
    assertSize(src.size, MAX_ARCHIVE_BYTES, name);
    onSize(src.size);
    for (let i = 0; i < src.size; i += CHUNK) yield new Uint8Array(await src.slice(i, i + CHUNK).arrayBuffer());
    return;
  }
  let total = 0;
  for await (const c of src as AsyncIterable<Uint8Array>) {
    total += c.byteLength;
    assertSize(total, MAX_ARCHIVE_BYTES, name);
    yield c;
  }
}

/** Is this the start of a gzip stream? */
export const isGzip = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b;
/** Is this the start of a zip file? */
export const isZip = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);

const cleanPath = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');

/** Decompresses a gzip stream chunk by chunk. */
async function* gunzip(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let ended = false;
  const g = new Gunzip((data, final) => {
    if (data.byteLength) out.push(data);
    if (final) ended = true;
  });
  let read = 0;
  try {
    let pending: Uint8Array | undefined;
    for await (const c of chunks) {
      if (pending) g.push(pending, false);
      pending = c;
      read += c.byteLength;
      while (out.length) yield out.shift() as Uint8Array;
    }
    g.push(pending ?? new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(t('importErrArchiveDamagedOrCut', 'gzip', e instanceof Error ? e.message : String(e)), `${name}, ${t('importWhereAfterBytes', read)}`);
  }
  while (out.length) yield out.shift() as Uint8Array;
  if (!ended) throw new ImportError(t('importErrArchiveGzipEnds'), `${name}, ${t('importWhereAfterBytes', read)}`);
}

function octal(block: Uint8Array, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) {
    const c = block[i] as number;
    if (c === 0 || c === 0x20) {
      if (n) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return NaN;
    n = n * 8 + (c - 0x30);
  }
  return n;
}

const ascii = new TextDecoder('utf-8');
function cstr(block: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && block[end] !== 0) end++;
  return ascii.decode(block.subarray(start, end));
}

/** Reads pax extended header records ("len key=value\n"). */
function paxPath(data: Uint8Array): string | undefined {
  const text = ascii.decode(data);
  for (const line of text.split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * A streaming tar reader (POSIX ustar, pax `path`, GNU long names): yields
 * regular files in order. Tar is 512-byte blocks: a header (name, octal size,
 * type), then the data padded to a block.
 */
export async function* tarEntries(bytes: AsyncIterable<Uint8Array>, opts: ArchiveOptions = {}): AsyncGenerator<ArchiveEntry> {
  const name = opts.name ?? 'archive';
  let buf = new Uint8Array(0);
  let offset = 0;
  let sawEnd = false;
  let longName: string | undefined;
  let entry: { path: string; size: number; keep: boolean; type: string } | undefined;
  let got = 0;
  let parts: Uint8Array[] = [];
  let position = 0;

  const append = (c: Uint8Array) => {
    const rest = buf.subarray(offset);
    const next = new Uint8Array(rest.byteLength + c.byteLength);
    next.set(rest, 0);
    next.set(c, rest.byteLength);
    buf = next;
    offset = 0;
  };

  for await (const chunk of bytes) {
    if (opts.signal?.aborted) throw new ImportError(t('importErrCancelled'), name);
    append(chunk);
    for (;;) {
      if (sawEnd) break;
      if (!entry) {
        if (buf.byteLength - offset < 512) break;
        const block = buf.subarray(offset, offset + 512);
        offset += 512;
        position += 512;
        if (block.every((b) => b === 0)) {
          sawEnd = true;
          break;
        }
        const size = octal(block, 124, 12);
        if (!Number.isFinite(size)) throw new ImportError(t('importErrTarBadHeader'), `${name}, ${t('importWhereByte', position - 512)}`);
        const type = String.fromCharCode(block[156] || 0x30);
        const prefix = cstr(block, 345, 155);
        const base = cstr(block, 0, 100);
        const path = cleanPath(longName ?? (prefix ? `${prefix}/${base}` : base));
        longName = undefined;
        const meta = type === 'x' || type === 'L';
        const keep = meta || ((type === '0' || type === '7') && (opts.want?.(path) ?? true));
        if (keep && !meta && size > MAX_ARCHIVE_ENTRY_BYTES) {
          throw new ImportError(t('importErrArchiveEntryTooLarge', size, MAX_ARCHIVE_ENTRY_BYTES), `${name}, ${path}`);
        }
        entry = { path, size, keep, type };
        got = 0;
        parts = [];
      }
      const padded = Math.ceil(entry.size / 512) * 512;
      const available = Math.min(buf.byteLength - offset, padded - got);
      if (available <= 0 && padded > 0) break;
      if (entry.keep && got < entry.size) parts.push(buf.slice(offset, offset + Math.min(available, entry.size - got)));
      offset += available;
      position += available;
      got += available;
      if (got < padded) break;
      const done = entry;
      entry = undefined;
      if (!done.keep) continue;
      const data = concat(parts, done.size);
      if (done.type === 'L') longName = cstr(data, 0, data.byteLength);
      else if (done.type === 'x') longName = paxPath(data) ?? longName;
      else yield { path: done.path, data };
    }
  }
  if (!sawEnd) {
    throw new ImportError(
      entry ? t('importErrArchiveNoEndInside', entry.path) : t('importErrArchiveNoEnd'),
      `${name}, ${t('importWhereByte', position)}`,
    );
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]?.byteLength === size) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p.subarray(0, size - at), at);
    at += p.byteLength;
  }
  return out;
}

/** Yields the wanted files of a zip, streaming (local headers in order). */
export async function* zipEntries(chunks: AsyncIterable<Uint8Array>, opts: ArchiveOptions = {}): AsyncGenerator<ArchiveEntry> {
  const name = opts.name ?? 'archive';
  const ready: ArchiveEntry[] = [];
  const open = new Set<string>();
  let failure: unknown;
  const unzip = new Unzip((file) => {
    const path = cleanPath(file.name);
    if (path.endsWith('/') || !(opts.want?.(path) ?? true)) return;
    if ((file.originalSize ?? 0) > MAX_ARCHIVE_ENTRY_BYTES) {
      failure = new ImportError(t('importErrArchiveEntryTooLarge', String(file.originalSize), MAX_ARCHIVE_ENTRY_BYTES), `${name}, ${path}`);
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    open.add(path);
    file.ondata = (err, data, final) => {
      if (err) {
        failure = err;
        return;
      }
      parts.push(data);
      size += data.byteLength;
      if (size > MAX_ARCHIVE_ENTRY_BYTES) failure = new ImportError(t('importErrArchiveEntryTooLargeShort'), `${name}, ${path}`);
      if (final) {
        open.delete(path);
        ready.push({ path, data: concat(parts, size) });
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  let read = 0;
  try {
    for await (const c of chunks) {
      if (opts.signal?.aborted) throw new ImportError(t('importErrCancelled'), name);
      read += c.byteLength;
      unzip.push(c, false);
      if (failure) throw failure;
      while (ready.length) yield ready.shift() as ArchiveEntry;
    }
    unzip.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(t('importErrArchiveDamagedOrCut', 'zip', e instanceof Error ? e.message : String(e)), `${name}, ${t('importWhereAfterBytes', read)}`);
  }
  if (failure) throw failure instanceof ImportError ? failure : new ImportError(t('importErrArchiveDamaged', String(failure)), name);
  while (ready.length) yield ready.shift() as ArchiveEntry;
  if (open.size) throw new ImportError(t('importErrArchiveCutInside', String([...open][0])), `${name}, ${t('importWhereAfterBytes', read)}`);
}

/**
 * Yields the wanted files of a `.tar.gz`, `.tgz`, `.tar` or `.zip`, detected
 * from the first bytes, streaming.
 *
 * @param src - the archive (a File/Blob, bytes, or a stream of chunks)
 */
export async function* archiveEntries(src: ArchiveSource, opts: ArchiveOptions = {}): AsyncGenerator<ArchiveEntry> {
  const name = opts.name ?? 'archive';
  let total = 0;
  let consumed = 0;
  const counted = async function* (): AsyncGenerator<Uint8Array> {
    for await (const c of chunksOf(src, name, (n) => (total = n))) {
      if (opts.signal?.aborted) throw new ImportError(t('importErrCancelled'), name);
      consumed += c.byteLength;
      if (total) opts.onProgress?.(Math.min(consumed / total, 1));
      yield c;
    }
  };
  const it = counted();
  const first = await it.next();
  if (first.done || !first.value.byteLength) throw new ImportError(t('importErrArchiveIsEmpty'), name);
  const head = first.value;
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    yield head;
    yield* it;
  };
  if (isZip(head)) yield* zipEntries(rest(), opts);
  else if (isGzip(head)) yield* tarEntries(gunzip(rest(), name), opts);
  else if (head.byteLength >= 262 && ascii.decode(head.subarray(257, 262)) === 'ustar') yield* tarEntries(rest(), opts);
  else throw new ImportError(t('importErrArchiveUnknown'), name);
}
