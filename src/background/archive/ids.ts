/** Record ids and timestamps for the archive. */

/** A fresh record id such as `sp_3f9a0c…`: a prefix naming the table, then 16 random hex digits. */
export function newId(prefix: 'sp' | 'tk' | 'ev' | 'src' | 'undo'): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
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
