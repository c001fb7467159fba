/**
 * A stable merge sort that yields every few thousand comparisons, for the
 * worker's time slices: a native sort of 100,000 strings is one stretch of
 * 50–150 ms that a keystroke would wait for.
 */

const STEP = 2048;

/** Sorts `a` in place by `cmp` (stable, like `Array.prototype.sort`), yielding between steps of work. */
export function* sortInSteps<T>(a: T[], cmp: (x: T, y: T) => number): Generator<void> {
  const n = a.length;
  // Short runs sorted natively (each a small step), then merged pairwise.
  let width = 256;
  for (let from = 0; from < n; from += width) {
    const run = a.slice(from, from + width).sort(cmp);
    for (let i = 0; i < run.length; i++) a[from + i] = run[i]!;
    yield;
  }
  let src = a;
  let dst: T[] = new Array<T>(n);
  for (; width < n; width *= 2) {
    let work = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        dst[k++] = cmp(src[j]!, src[i]!) < 0 ? src[j++]! : src[i++]!;
        if (++work === STEP) {
          work = 0;
          yield;
        }
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    [src, dst] = [dst, src];
  }
  if (src !== a) for (let i = 0; i < n; i++) a[i] = src[i]!;
}
