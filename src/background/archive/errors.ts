/** Turning storage failures into sentences a person can act on. */
import { t } from '../../shared/i18n';

/** Same words as the router's fallback (router.ts `errorMessage`), whichever sees the error first. */
export const QUOTA_MESSAGE = t('commonStorageFull');

/** True for a quota error however Dexie wrapped it (`inner`, a BulkError's `failures`, `cause`). */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError' || (typeof err.message === 'string' && /QuotaExceeded/i.test(err.message))) return true;
  const failures = Array.isArray(err.failures) ? err.failures : err.failures && typeof err.failures === 'object' ? Object.values(err.failures) : [];
  return [err.inner, err.cause, ...failures.slice(0, 3)].some((x) => isQuotaError(x, depth + 1));
}

/** Runs a write; a quota failure (the transaction has aborted, nothing was written) becomes {@link QUOTA_MESSAGE}. */
export async function explainStorageErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw Object.assign(new Error(QUOTA_MESSAGE), { name: 'QuotaExceededError' });
    throw e;
  }
}
