/** Turning storage failures into sentences a person can act on. */
import { t } from '../../shared/i18n';

/**
 * What the router answers for any storage-full failure (router.ts `errorMessage`). Looked up when
 * needed: the first message looked up loads the catalogue, some 8 ms of every worker start in Chrome.
 */
export const quotaMessage = (): string => t('commonStorageFull');

/** True for a quota error however Dexie wrapped it (`inner`, a BulkError's `failures`, `cause`). */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError' || (typeof err.message === 'string' && /QuotaExceeded/i.test(err.message))) return true;
  const failures = Array.isArray(err.failures) ? err.failures : err.failures && typeof err.failures === 'object' ? Object.values(err.failures) : [];
  return [err.inner, err.cause, ...failures.slice(0, 3)].some((x) => isQuotaError(x, depth + 1));
}
