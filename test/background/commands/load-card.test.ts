/**
 * `loadCard` through the worker's router: the card's code goes into the
 * asking page's own document (its isolated world), only for a page.
 */
import browser from '../../../src/shared/browser';
import { createHandlerTable } from '../../../src/background/handler-table';
import { type CallContext, classifySender, dispatch } from '../../../src/background/router';
import type { Runtime } from '../../../src/shared/browser';
import { freshDb } from '../helpers';

const opts = { extensionId: 'podium@test', extensionBase: 'chrome-extension://podium-test/' };
const fake = browser as unknown as Record<string, Record<string, unknown>>;
const injected: unknown[] = [];
let fail: Error | undefined;

beforeAll(() => {
  fake['scripting'] = {
    executeScript: async (injection: unknown) => {
      if (fail) throw fail;
      injected.push(injection);
      return [];
    },
  };
});
beforeEach(() => {
  injected.length = 0;
  fail = undefined;
});

const ctx = (sender: Partial<Runtime.MessageSender> & { documentId?: string }): CallContext =>
  classifySender({ id: 'podium@test', ...sender } as Runtime.MessageSender, opts)!;

describe('loadCard', () => {
  const handlers = createHandlerTable(freshDb());

  it('injects card.js into the asking document, where the browser names it', async () => {
    const from = ctx({ url: 'https://pretalx.com/conf/talk/1', tab: { id: 7 } as Runtime.MessageSender['tab'], frameId: 0, documentId: 'doc-1' });
    expect(await dispatch(handlers, 'loadCard', {}, from)).toEqual({ ok: true, value: null });
    expect(injected).toEqual([{ target: { tabId: 7, documentIds: ['doc-1'] }, files: ['card.js'], injectImmediately: true }]);
  });

  it('injects into the asking frame where the browser names no document (Firefox)', async () => {
    const from = ctx({ url: 'https://pretalx.com/conf/talk/1', tab: { id: 7 } as Runtime.MessageSender['tab'], frameId: 3 });
    expect((await dispatch(handlers, 'loadCard', {}, from)).ok).toBe(true);
    expect(injected).toEqual([{ target: { tabId: 7, frameIds: [3] }, files: ['card.js'], injectImmediately: true }]);
  });

  it('refuses parameters, and reports a failed injection as an error', async () => {
    const from = ctx({ url: 'https://pretalx.com/conf/talk/1', tab: { id: 7 } as Runtime.MessageSender['tab'], frameId: 0 });
    const bad = await dispatch(handlers, 'loadCard', { file: 'evil.js' }, from);
    expect(bad.ok).toBe(false);
    expect(injected).toEqual([]);
    fail = new Error('Cannot access contents of the page.');
    expect(await dispatch(handlers, 'loadCard', {}, from)).toEqual({ ok: false, error: 'Cannot access contents of the page.' });
  });

  it('injects nothing for an extension page, which has no tab to inject into', async () => {
    const page = ctx({ url: 'chrome-extension://podium-test/popup.html' });
    expect((await dispatch(handlers, 'loadCard', {}, page)).ok).toBe(false);
    expect(injected).toEqual([]);
  });
});
