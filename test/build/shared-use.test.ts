/**
 * `src/shared` holds only what two or more execution contexts use (the
 * worker, the content script, the popup, the import page): a file one
 * context alone uses belongs in that context's folder. Use is what each
 * context's entry reaches through relative imports, dynamic ones included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');
const ENTRIES = { worker: 'background/index.ts', content: 'content/index.ts', popup: 'popup/index.tsx', import: 'import/index.tsx' };

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(existsSync);
}

function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [path.join(SRC, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?)'(\.[^']+)'/g)) {
      const target = resolve(file, m[1]!);
      if (target) todo.push(target);
    }
  }
  return seen;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

it('every file of src/shared is used by two or more contexts', () => {
  const use = Object.entries(ENTRIES).map(([name, entry]) => [name, reached(entry)] as const);
  const lonely = files(path.join(SRC, 'shared'))
    .map((f) => ({ file: path.relative(SRC, f), by: use.filter(([, set]) => set.has(f)).map(([name]) => name) }))
    .filter((x) => x.by.length < 2);
  expect(lonely).toEqual([]);
  // The walk does reach things: each context more than its entry.
  for (const [, set] of use) expect(set.size).toBeGreaterThan(3);
});
