import { saveItems } from '../../src/import/save';
import type { ImportResult } from '../../src/shared/archive-format';
import { setMessageHandler } from '../mocks/browser';
import { bundle } from '../background/helpers';

const counts = (talks: number): ImportResult => ({ sourceIds: [], speakers: { created: talks, merged: 0 }, talks: { created: talks, merged: 0 }, events: { created: 0, merged: 0 }, warnings: [] });

afterEach(() => setMessageHandler(undefined));

describe('saveItems', () => {
  it('reports what the commit says was written, once, batches the worker wrote on the way included', async () => {
    const one = (title: string) => bundle({ name: `${title}.xml`, speakers: [{ ref: 'a', name: `Ann ${title}` }], talks: [{ title, speakerRefs: ['a'] }] });
    setMessageHandler((msg) => {
      const m = msg as { method: string };
      switch (m.method) {
        case 'importSessionStart':
          return { ok: true, value: { sessionId: 'imp_1' } };
        case 'importSessionAdd':
          // As if the worker's staging was full and it wrote this request at once.
          return { ok: true, value: counts(1) };
        case 'importSessionCommit':
          return { ok: true, value: { sessionId: 'imp_1', bundles: 2, created: { speakers: 2, talks: 2, events: 0, sources: 2 }, merged: { speakers: 0, talks: 0, events: 0 }, totals: counts(2) } };
        default:
          return { ok: false, error: `unexpected ${m.method}` };
      }
    });
    const outcome = await saveItems([{ kind: 'bundles', label: 'two files', bundles: [one('First'), one('Second')] }], 'two files');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.totals.talks).toEqual({ created: 2, merged: 0 });
    expect(outcome.totals.speakers).toEqual({ created: 2, merged: 0 });
    expect(outcome.totals.bundles).toBe(2);
  });
});
