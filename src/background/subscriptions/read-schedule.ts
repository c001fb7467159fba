/**
 * Reads a fetched schedule with the importers of conference platforms: the
 * worker's biggest code (the YAML, TOML, iCalendar and XML parsers: 317 KB of 609), loaded only
 * when a subscription is read (../lazy-chunk.ts).
 */
import { FetchError, type ReadDocument } from '../../shared/importers/fetch-schedule';
import { platformImporters } from '../../shared/importers/platforms';
import { readWithBest } from '../../shared/importers/registry';

/** Reads a fetched document with the importers of conference platforms (the formats a schedule URL serves). */
export const readSchedule: ReadDocument = async (text, file, opts) => {
  const bundles = await readWithBest({ name: file, text, type: opts.type, url: opts.url }, platformImporters, opts.signal ? { signal: opts.signal } : {});
  if (!bundles) throw new FetchError('unreadable', 'this address does not serve a schedule Podium can read (pretalx, frab, c3voc, Sessionize, iCalendar or pyvideo)', opts.url);
  if (!bundles.some((b) => b.talks.length > 0)) throw new FetchError('noTalks', 'the schedule lists no talks', opts.url);
  return bundles;
};
