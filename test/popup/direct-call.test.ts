/**
 * The popup's searches on its own channel to Chrome's service worker: one
 * channel for every keystroke, answered through the router; a foreign page
 * gets no channel; a stopped worker's unanswered search is sent again on the
 * runtime port; Firefox uses the port.
 */
import type { PodiumDb } from '../../src/background/db';
import { createHandlerTable } from '../../src/background/handler-table';
import { importBundle } from '../../src/background/archive/merge';
import { createClientListener, createRouter, type Handlers } from '../../src/background/router';
import { SAMPLE_BUNDLES } from '../../src/background/sample-archive';
import { callDirect } from '../../src/popup/direct-call';
import browser, { setMessageHandler } from '../mocks/browser';
import { freshDb } from '../background/helpers';
import { extensionOpts, FakeChannel, type FakeWorker, installWorker, uninstallWorker } from '../mocks/service-worker';

const POPUP = 'chrome-extension://podium-test/popup.html';
let db: PodiumDb;
let handlers: Handlers;
let worker: FakeWorker;
/** Requests that went the runtime way (messages, not the channel). */
let viaRuntime: string[];
let stops: (() => void)[];

beforeEach(async () => {
  db = freshDb();
  for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
  handlers = createHandlerTable(db);
  worker = installWorker(handlers, POPUP);
  // Runtime ports through the router (the request port, and the watch beside the channel); stopped
  // after each test as a stopped worker's, which drops the channel.
  const router = createRouter(handlers, extensionOpts);
  viaRuntime = [];
  stops = [];
  (browser.runtime as unknown as Record<string, unknown>)['connect'] = () => {
    const heard: ((m: unknown) => void)[] = [];
    const gone: (() => void)[] = [];
    stops.push(() => gone.forEach((fn) => fn()));
    return {
      onMessage: { addListener: (fn: (m: unknown) => void) => heard.push(fn) },
      onDisconnect: { addListener: (fn: () => void) => gone.push(fn) },
      postMessage: (m: { id: number; method: string }) => {
        viaRuntime.push(m.method);
        void Promise.resolve(router(structuredClone(m), { id: 'podium@test', url: POPUP })).then((reply) => heard.forEach((fn) => fn({ podium: 1, id: m.id, reply })));
      },
      disconnect: () => undefined,
    };
  };
});

afterEach(async () => {
  // The next test starts without a channel.
  for (const stop of stops) stop();
  uninstallWorker();
  setMessageHandler(undefined);
  await db.delete();
});

describe('callDirect', () => {
  it('opens one channel and asks every search on it, answered by the router', async () => {
    const first = await callDirect('search', { query: 'papez', limit: 5, interactive: true });
    const second = await callDirect('search', { query: 'lavagetto', limit: 5, interactive: true });
    expect(first.ok && first.value.speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    expect(second.ok && second.value.speakers.map((s) => s.name)).toEqual(['Giuseppe Lavagetto']);
    expect(worker.posted).toEqual([{ podium: 1, channel: 'podium-channel' }]);
    // Only the keep-alive ping went the runtime way.
    expect(viaRuntime).toEqual(['ping']);
    // Parameters are checked as on the port.
    const bad = await callDirect('search', { query: 'x'.repeat(500) });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^Bad request for “search”/) });
  });

  it('sends a search again on the runtime port when the worker stops before answering, and opens a new channel next time', async () => {
    const serve = worker.onPost;
    worker.onPost = () => undefined; // the worker stopped: the channel is never served
    const waiting = callDirect('search', { query: 'papez', limit: 5 });
    await new Promise((r) => setTimeout(r, 10));
    for (const stop of stops.splice(0)) stop();
    const r = await waiting;
    expect(r.ok && r.value.speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    const searches = () => viaRuntime.filter((m) => m === 'search');
    expect(searches()).toEqual(['search']);
    worker.onPost = serve;
    const again = await callDirect('search', { query: 'lavagetto', limit: 5 });
    expect(again.ok && again.value.speakers.map((s) => s.name)).toEqual(['Giuseppe Lavagetto']);
    expect(worker.posted).toHaveLength(2);
    expect(searches()).toEqual(['search']);
  });

  it('the worker serves no channel to a page that is not this extension’s', async () => {
    const listener = createClientListener(handlers, extensionOpts);
    const { port1, port2 } = new FakeChannel();
    const answers: unknown[] = [];
    port1.onmessage = (e) => answers.push(e.data);
    listener({ data: { podium: 1, channel: 'podium-channel' }, source: { url: 'https://evil.example/' }, ports: [port2], waitUntil: () => undefined });
    port1.postMessage({ podium: 1, id: 1, method: 'search', params: { query: 'papez' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(answers).toEqual([{ ok: false, error: 'This sender may not talk to Podium.' }]);
  });

  it('goes the runtime way where there is no service worker (Firefox)', async () => {
    (browser.runtime as unknown as Record<string, unknown>)['getManifest'] = () => ({ version: '0.0.0-test', name: 'Podium', background: { scripts: ['background.js'] } });
    const r = await callDirect('search', { query: 'papez', limit: 5 });
    expect(r.ok && r.value.speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    expect(worker.posted).toHaveLength(0);
    expect(viaRuntime).toEqual(['search']);
  });
});
