/**
 * The sample archive offered on first run: the three people of the project's
 * seed documents, as facts only (names, roles, employers, talk titles, dates,
 * events, venues). The JSON is generated from the seeds by the importers
 * (`npx tsx scripts/make-sample-archive.ts`) and a test checks it against them.
 */
import type { ImportBundle } from '../shared/types';
import sample from './sample-archive.json';

export const SAMPLE_BUNDLES = sample as ImportBundle[];
