import { FoundNames } from '../../src/content/found-names';
import { Scanner } from '../../src/content/scanner';
import { SEED_PEOPLE, fakeVerify, tablesFor } from './helpers';

const tables = tablesFor(SEED_PEOPLE);
const texts = (found: FoundNames) => found.all().map((f) => f.range.toString().replace(/\s+/g, ' '));

describe('Scanner rescans', () => {
  it('confirms names in subtrees queued one after another (as a mutation batch delivers them)', async () => {
    document.body.innerHTML = '<main id="app"><div class="talk"><span>Giuseppe Lavagetto</span></div></main>';
    const found = new FoundNames();
    const scanner = new Scanner({ tables, found, verify: fakeVerify(SEED_PEOPLE, []), yieldFn: () => Promise.resolve() });
    await scanner.scan(document);
    expect(texts(found)).toEqual(['Giuseppe Lavagetto']);
    const app = document.getElementById('app')!;
    app.innerHTML = '<div class="talk"><span>Angelo Failla</span></div><div class="talk"><span>Papež, Rok</span></div>';
    found.prune();
    const roots = Array.from(app.children);
    const done = roots.map((r) => {
      found.removeWithin(r);
      return scanner.scan(r);
    });
    await Promise.all(done);
    expect(texts(found).sort()).toEqual(['Angelo Failla', 'Papež, Rok']);
  });

  it('scans a root queued right after a scan that finished at once (nothing to confirm)', async () => {
    // Regression: a heading without names was scanned synchronously, and the talks queued after it were never walked.
    document.body.innerHTML = '<main id="app"></main>';
    const found = new FoundNames();
    const scanner = new Scanner({ tables, found, verify: fakeVerify(SEED_PEOPLE, []), yieldFn: () => Promise.resolve() });
    await scanner.scan(document);
    const app = document.getElementById('app')!;
    app.innerHTML = '<h1>Day 2</h1><div class="talk"><span>Angelo Failla</span></div>';
    await Promise.all(Array.from(app.children).map((r) => scanner.scan(r)));
    expect(texts(found)).toEqual(['Angelo Failla']);
  });
});
