/**
 * Bulk calls from the import page straight to Chrome's service worker: the
 * worker's side (the router's checks, the answer on the MessagePort) and the
 * page's (a stopped worker fails the call; no service worker: the port).
 */
import type { PodiumDb } from '../../src/background/db';
import { createHandlerTable } from '../../src/background/handler-table';
import { type ClientMessage, createClientListener, createRouter, type Handlers } from '../../src/background/router';
import { callBulk } from '../../src/import/bulk-call';
import browser, { setMessageHandler } from '../mocks/browser';
import { bundle, freshDb } from '../background/helpers';
import { extensionOpts, type FakeWorker, installWorker, uninstallWorker } from '../mocks/service-worker';

const PAGE = 'chrome-extension://podium-test/import.html';
const opts = extensionOpts;

let db: PodiumDb;
let handlers: Handlers;
let worker: FakeWorker;

beforeEach(() => {
  db = freshDb();
  handlers = createHandlerTable(db);
  worker = installWorker(handlers, PAGE);
});

afterEach(async () => {
  uninstallWorker();
  setMessageHandler(undefined);
  await db.delete();
});

const talk = bundle({ name: 'democon.xml', speakers: [{ ref: 'a', name: 'Ann Example' }], talks: [{ title: 'Bulk calls', speakerRefs: ['a'] }] });

describe('callBulk', () => {
  it('posts the request to the service worker, which answers through the router on the channel', async () => {
    const r = await callBulk('previewBundle', { bundle: talk });
    expect(worker.posted).toHaveLength(1);
    expect(r.ok && r.value.result.talks.created).toBe(1);
    // Parameters are checked as on the port.
    const bad = await callBulk('previewBundle', { bundle: { ...talk, talks: 'many' } } as never);
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^Bad request for “previewBundle”/) });
    // The watch port is closed once nothing is out.
    expect(worker.ports.every((p) => p.disconnected)).toBe(true);
  });

  it('fails a call the worker never answers when the worker stops', async () => {
    worker.onPost = () => undefined; // the worker stopped before it answered
    const waiting = callBulk('previewBundle', { bundle: talk });
    await new Promise((r) => setTimeout(r, 0));
    expect(worker.ports).toHaveLength(1);
    worker.ports[0]!.stop();
    expect(await waiting).toEqual({ ok: false, error: 'Podium’s background worker stopped.' });
  });

  it('goes through the request port where there is no service worker (Firefox)', async () => {
    (browser.runtime as unknown as Record<string, unknown>)['getManifest'] = () => ({ version: '0.0.0-test', name: 'Podium', background: { scripts: ['background.js'] } });
    delete (browser.runtime as unknown as Record<string, unknown>)['connect']; // the test browser's messages, not a port
    const router = createRouter(handlers, opts);
    setMessageHandler((m) => router(m, { id: 'podium@test', url: PAGE }));
    const r = await callBulk('previewBundle', { bundle: talk });
    expect(worker.posted).toHaveLength(0);
    expect(r.ok && r.value.result.speakers.created).toBe(1);
  });
});

describe('the worker’s client listener', () => {
  /** The answer on the request's port; `waitMs`: give up after that long, with 'no answer'. */
  const ask = (source: ClientMessage['source'], data: unknown, waitMs = 5000) =>
    new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => resolve('no answer'), waitMs);
      const reply = { postMessage: (m: unknown) => (clearTimeout(timer), resolve(m)) };
      createClientListener(handlers, opts)({ data, source, ports: [reply], waitUntil: () => undefined });
    });

  it('refuses a client that is not one of this extension’s pages', async () => {
    expect(await ask({ url: 'https://evil.example/' }, { podium: 1, method: 'counts', params: {} })).toEqual({ ok: false, error: 'This sender may not talk to Podium.' });
    expect(await ask(null, { podium: 1, method: 'counts', params: {} })).toEqual({ ok: false, error: 'This sender may not talk to Podium.' });
  });

  it('leaves alone messages that are not requests, and answers requests from its pages', async () => {
    expect(await ask({ url: PAGE }, { hello: 1 }, 100)).toBe('no answer');
    expect(await ask({ url: PAGE }, { podium: 1, method: 'counts', params: {} })).toEqual({ ok: true, value: expect.objectContaining({ talks: 0 }) });
  });
});
