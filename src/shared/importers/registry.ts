/**
 * Every importer Podium has, and the choice among them for one input.
 * Add new importers to {@link IMPORTERS}; order breaks ties (earlier wins).
 */
import { cvTextImporter } from './documents/cv-text';
import { structuredDataImporter } from './documents/structured-data';
import { talkPageImporter } from './documents/talk-page';
import type { ImportBundle } from '../types';
import type { ImportInput, ImportOptions, Importer } from './importer';
import { platformImporters } from './platforms';

/** All importers, most specific first. */
export const IMPORTERS: Importer[] = [...platformImporters, structuredDataImporter, talkPageImporter, cvTextImporter];

/** How many characters of the input `sniff` sees. */
export const SNIFF_BYTES = 8_192;

/** Below this score no importer is chosen: the user is asked what the file is. */
export const MIN_SNIFF_SCORE = 0.15;

/**
 * The importer most confident it can read `input`, or undefined when none
 * scores at least {@link MIN_SNIFF_SCORE}.
 * @param importers - defaults to {@link IMPORTERS}; tests pass their own
 */
export function pickImporter(
  input: Pick<ImportInput, 'name' | 'type'> & { text?: string; head?: string },
  importers: Importer[] = IMPORTERS,
): Importer | undefined {
  const head = input.head ?? (input.text ?? '').slice(0, SNIFF_BYTES);
  let best: { importer: Importer; score: number } | undefined;
  for (const importer of importers) {
    let score = 0;
    try {
      score = importer.sniff({ name: input.name, type: input.type, head });
    } catch {
      score = 0; // a sniffer that throws on odd input simply does not claim it
    }
    if (score >= MIN_SNIFF_SCORE && (!best || score > best.score)) best = { importer, score };
  }
  return best?.importer;
}

/**
 * Reads decoded text with the best-matching of `importers`; undefined when
 * none claims it. The import page and the subscriptions' refresh both read
 * this way, each with its own errors.
 */
export async function readWithBest(
  input: { name: string; text: string; type?: string | undefined; url?: string | undefined },
  importers: Importer[] = IMPORTERS,
  options: ImportOptions = {},
): Promise<ImportBundle[] | undefined> {
  const { name, text, type, url } = input;
  const importer = pickImporter({ name, text, ...(type ? { type } : {}) }, importers);
  return importer?.parse({ name, text, ...(type ? { type } : {}), ...(url ? { url } : {}) }, options);
}
