/**
 * "Import from a URL" on the import page: any schedule document the import
 * page can read (src/shared/importers/fetch-schedule.ts does the fetching).
 * The caller asks for the origin's permission inside the click handler
 * ({@link originPatterns}).
 */
import { fetchSchedule as fetchAny, type FetchScheduleOptions, originPatterns } from '../shared/importers/fetch-schedule';
import type { ImportBundle } from '../shared/types';
import { readText } from './reader';

export { originPatterns };

/** Fetches and reads a schedule URL into bundles. */
export async function fetchSchedule(raw: string, opts: Omit<FetchScheduleOptions, 'validators'> = {}): Promise<ImportBundle[]> {
  const read = async (text: string, file: string, o: { type?: string; url: string; signal?: AbortSignal }) =>
    (await readText(text, file, { ...(opts.onProgress ? { onProgress: opts.onProgress } : {}), ...o })).bundles;
  const got = await fetchAny(raw, read, opts);
  return got.notModified ? [] : got.bundles;
}
