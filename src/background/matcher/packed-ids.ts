/**
 * Speaker ids stored as one block of UTF-8 bytes with their lengths: the
 * database copies 150,000 ids given as strings one by one (60–110 ms in
 * Chromium, a stretch the worker cannot answer in), as bytes in one go.
 */

export interface PackedIds {
  bytes: Uint8Array;
  /** Each id's length in UTF-16 code units, in order. */
  lengths: Uint32Array;
}

/** The ids as bytes, or `undefined` for ids with surrogates (kept as strings: a lone one would not survive UTF-8). */
export function packIds(ids: readonly string[]): PackedIds | undefined {
  const text = ids.join('');
  if (/[\uD800-\uDFFF]/.test(text)) return undefined;
  return { bytes: new TextEncoder().encode(text), lengths: Uint32Array.from(ids, (id) => id.length) };
}

export function unpackIds(p: PackedIds): string[] {
  const text = new TextDecoder().decode(p.bytes);
  const ids = new Array<string>(p.lengths.length);
  let at = 0;
  for (let i = 0; i < ids.length; i++) ids[i] = text.slice(at, (at += p.lengths[i]!));
  return ids;
}
