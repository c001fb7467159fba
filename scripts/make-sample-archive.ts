/**
 * Writes src/background/sample-archive.json from the seeds in
 * ../shared/seeds with the document importers (facts only; see
 * sample-from-seeds.ts). Run: `npx tsx scripts/make-sample-archive.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleBundlesFromSeeds } from '../test/fixtures/sample-from-seeds';

const root = path.resolve(__dirname, '..');
const seeds = path.resolve(root, '../shared/seeds');
const read = (f: string) => readFileSync(path.join(seeds, f), 'utf8');
const bundles = sampleBundlesFromSeeds({
  cvA: read('000_728296b6ea8a234a.txt'),
  cvB: read('001_a06cb9bf7c902ca5.txt'),
  talkPage: read('002_9b28cc7217529ce7.txt'),
});
const out = path.join(root, 'src/background/sample-archive.json');
writeFileSync(out, `${JSON.stringify(bundles, null, 2)}\n`);
console.log(`Wrote ${path.relative(root, out)}: ${bundles.reduce((n, b) => n + b.speakers.length, 0)} speakers, ${bundles.reduce((n, b) => n + b.talks.length, 0)} talks.`);
