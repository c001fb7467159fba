/**
 * Chrome's write-rate quotas for `storage.sync`: a `set` or `remove` call is
 * one operation, whatever it writes, and a call over the limit fails. Podium
 * keeps well below both (other extensions' writes do not count against ours,
 * but a browser may count a retried call twice).
 */
import { SYNC_QUOTA } from '../../shared/sync';

export const PER_MINUTE = Math.floor(SYNC_QUOTA.MAX_WRITE_OPERATIONS_PER_MINUTE * 0.8);
export const PER_HOUR = Math.floor(SYNC_QUOTA.MAX_WRITE_OPERATIONS_PER_HOUR * 0.8);

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Write times within the last hour. */
export const recentWrites = (writes: readonly number[], now: number): number[] => writes.filter((t) => now - t < HOUR);

/** The earliest time `ops` more operations stay within both limits (`now` if at once). */
export function nextWriteAt(writes: readonly number[], now: number, ops: number): number {
  const recent = [...recentWrites(writes, now)].sort((a, b) => a - b);
  let at = now;
  const lastMinute = recent.filter((t) => now - t < MINUTE);
  if (lastMinute.length + ops > PER_MINUTE) at = Math.max(at, lastMinute[lastMinute.length + ops - PER_MINUTE - 1]! + MINUTE);
  if (recent.length + ops > PER_HOUR) at = Math.max(at, recent[recent.length + ops - PER_HOUR - 1]! + HOUR);
  return at;
}

/** Chrome's messages for a write over a quota (the whole call is refused). */
export const isRateError = (e: unknown): boolean => /MAX_WRITE_OPERATIONS_PER_(MINUTE|HOUR)/.test(String((e as Error)?.message ?? e));
export const isSizeError = (e: unknown): boolean => /QUOTA_BYTES|MAX_ITEMS|quota/i.test(String((e as Error)?.message ?? e)) && !isRateError(e);
