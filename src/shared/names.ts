/**
 * Name normalisation shared by the worker and the content script.
 * (Foundation version; the archive issue extends it with the full set of traps.)
 */

/** Folds case, diacritics and whitespace: "Rok  Papež" → "rok papez". */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
