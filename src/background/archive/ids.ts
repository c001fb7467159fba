/** Record ids and timestamps for the archive. */

/** Random bytes drawn for 512 ids at a time: a big import makes 150,000 ids, and one `getRandomValues` call each took half a second of it. */
const pool = new Uint8Array(4096);
let used = pool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A fresh record id such as `sp_3f9a0c…`: a prefix naming the table, then 16 random hex digits. */
export function newId(prefix: 'sp' | 'tk' | 'ev' | 'src' | 'undo'): string {
  if (used + 8 > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  let hex = '';
  for (let i = used; i < used + 8; i++) hex += HEX[pool[i]!];
  used += 8;
  return `${prefix}_${hex}`;
}

let lastMs = 0;

/**
 * The current instant as ISO text, strictly increasing within this worker:
 * undo compares `updatedAt` to know whether a record changed since, so two
 * writes in one millisecond must not share a stamp.
 */
export function stamp(now: Date = new Date()): string {
  lastMs = Math.max(now.getTime(), lastMs + 1);
  return new Date(lastMs).toISOString();
}
