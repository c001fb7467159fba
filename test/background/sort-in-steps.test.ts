import { sortInSteps } from '../../src/background/sort-in-steps';

function sorted<T>(a: T[], cmp: (x: T, y: T) => number): { out: T[]; steps: number } {
  const out = a.slice();
  let steps = 0;
  for (const _ of sortInSteps(out, cmp)) steps++;
  return { out, steps };
}

describe('sortInSteps', () => {
  it('sorts like Array.prototype.sort, stably, at every size around its run and merge widths', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [0, 1, 2, 255, 256, 257, 511, 1000, 5000, 70_001]) {
      const a = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rand() * 50), i }));
      const cmp = (x: { key: number }, y: { key: number }) => x.key - y.key;
      expect(sorted(a, cmp).out).toEqual(a.slice().sort(cmp));
    }
  });

  it('sorts strings by a comparator of their tails', () => {
    const words = ['kubernetes', 'rust', 'ebpf', 'wasm', 'go', 'zig', 'a', 'ab', 'ba'];
    const cmp = (x: string, y: string) => (x.slice(1) < y.slice(1) ? -1 : x.slice(1) > y.slice(1) ? 1 : 0);
    expect(sorted(words, cmp).out).toEqual(words.slice().sort(cmp));
  });

  it('gives the caller a step every few thousand comparisons, not one long stretch', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_003);
    const { out, steps } = sorted(a, (x, y) => x - y);
    expect(out).toEqual(a.slice().sort((x, y) => x - y));
    // 100,000 items: ~390 native runs, then ~9 merge passes of 100,000 comparisons at most 2048 a step.
    expect(steps).toBeGreaterThan(390 + 9 * 40);
  });
});
