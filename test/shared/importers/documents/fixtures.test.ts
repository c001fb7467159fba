/**
 * Every fixture (and seed, when present) against its expected facts, and the
 * overall precision/recall, so heuristics tuned for one layout do not break
 * another.
 */
import { FIELDS, evaluate, loadCases, precision, recall, runCase, scoreBundle } from './accuracy';

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('document importer fixtures', () => {
  it('has at least six CV and six talk-page fixtures of its own', () => {
    const cases = loadCases().filter((c) => !c.expected.seed);
    expect(cases.filter((c) => c.kind === 'cv').length).toBeGreaterThanOrEqual(6);
    expect(cases.filter((c) => c.kind !== 'cv').length).toBeGreaterThanOrEqual(6);
  });

  it.each(loadCases().map((c) => [c.id, c] as const))('%s: every expected fact, nothing extra', (_id, c) => {
    const counts = scoreBundle(runCase(c, parseHtml), c.expected);
    const misses = FIELDS.filter((f) => counts[f].fp || counts[f].fn).map((f) => `${f} fp=${counts[f].fp} fn=${counts[f].fn}`);
    expect(misses).toEqual([]);
  });

  it('keeps field-level precision and recall at or above 0.9 overall', () => {
    const { totals, perCase } = evaluate(parseHtml);
    expect(perCase.filter((c) => c.error)).toEqual([]);
    for (const f of FIELDS) {
      expect([f, precision(totals[f]) >= 0.9]).toEqual([f, true]);
      expect([f, recall(totals[f]) >= 0.9]).toEqual([f, true]);
    }
  });
});
