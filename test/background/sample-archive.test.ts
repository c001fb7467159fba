/**
 * The committed sample archive (src/background/sample-archive.json) is what
 * the importers make of the seeds, facts only. Regenerate it with
 * `npx tsx scripts/make-sample-archive.ts`. Skipped when the seeds are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sampleBundlesFromSeeds } from '../fixtures/sample-from-seeds';
import { SEEDS } from '../shared/importers/documents/accuracy';

const committed = path.resolve(__dirname, '../../src/background/sample-archive.json');
const have = existsSync(path.join(SEEDS, '000_728296b6ea8a234a.txt'));

(have ? describe : describe.skip)('sample archive', () => {
  const read = (f: string) => readFileSync(path.join(SEEDS, f), 'utf8');
  const bundles = () =>
    sampleBundlesFromSeeds({
      cvA: read('000_728296b6ea8a234a.txt'),
      cvB: read('001_a06cb9bf7c902ca5.txt'),
      talkPage: read('002_9b28cc7217529ce7.txt'),
    });

  it('equals the committed JSON', () => {
    expect(JSON.parse(JSON.stringify(bundles()))).toEqual(JSON.parse(readFileSync(committed, 'utf8')));
  });

  it('carries facts, not the seeds’ prose', () => {
    const json = JSON.stringify(bundles());
    expect(json).not.toMatch(/"(?:summary|abstract|description|skills|projects|publications|links|identifiers)"/);
    // No sentence of any seed (40+ characters of running text) appears in the sample.
    for (const f of ['000_728296b6ea8a234a.txt', '001_a06cb9bf7c902ca5.txt', '002_9b28cc7217529ce7.txt']) {
      for (const sentence of read(f).split(/(?<=[.!?])\s+/).filter((s) => s.length >= 60)) {
        expect(json).not.toContain(sentence.slice(0, 60));
      }
    }
  });

  it('holds the three speakers and eight talks', () => {
    const b = bundles();
    expect(b.flatMap((x) => x.speakers.map((s) => s.name))).toEqual(['Angelo Failla', 'Giuseppe Lavagetto', 'Rok Papež']);
    expect(b.flatMap((x) => x.talks)).toHaveLength(8);
    expect(b.every((x) => x.source.kind === 'sample')).toBe(true);
  });
});
