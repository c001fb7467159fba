/**
 * Prints field-level precision and recall of the document importers over
 * all fixtures (test/fixtures/cv, test/fixtures/talk-pages) and the seeds in
 * ../shared/seeds when present. Run: `npx tsx scripts/importer-accuracy.ts`
 * (`--cases` adds a per-case breakdown of misses).
 */
import { JSDOM } from 'jsdom';
import { FIELDS, evaluate, formatTable } from '../test/shared/importers/documents/accuracy';

const parseHtml = (html: string) => new JSDOM(html).window.document;
const { totals, perCase } = evaluate(parseHtml);
console.log(`Cases: ${perCase.length}\n`);
console.log(formatTable(totals));
const errors = perCase.filter((c) => c.error);
for (const e of errors) console.log(`\nERROR ${e.id}: ${e.error}`);
if (process.argv.includes('--cases')) {
  for (const c of perCase) {
    const misses = FIELDS.filter((f) => c.counts[f].fp || c.counts[f].fn).map((f) => `${f} fp=${c.counts[f].fp} fn=${c.counts[f].fn}`);
    if (misses.length && !c.error) console.log(`\n${c.id}: ${misses.join('; ')}`);
  }
}
