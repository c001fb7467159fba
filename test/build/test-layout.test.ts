/**
 * Tests mirror `src` folder for folder, so a module's tests are found one
 * hop from it: every folder of unit tests names a folder of `src`. Only the
 * end-to-end tests, these build checks, fixtures and mocks stand apart.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const APART = new Set(['e2e', 'build', 'fixtures', 'mocks']);

function folders(dir: string, rel = ''): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (!statSync(p).isDirectory() || (!rel && APART.has(n))) return [];
    const r = path.join(rel, n);
    return [r, ...folders(p, r)];
  });
}

it('every folder of unit tests mirrors a folder of src', () => {
  const tests = folders(path.join(ROOT, 'test'));
  expect(tests.length).toBeGreaterThan(10);
  expect(tests.filter((f) => !statSync(path.join(ROOT, 'src', f), { throwIfNoEntry: false })?.isDirectory())).toEqual([]);
});
