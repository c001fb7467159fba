/**
 * Requests over the content script's long-lived port: the worker's side
 * (same checks as the router's) and the page's side (replies matched by id,
 * a port the worker dropped opened again, closed when idle).
 */
import type { PodiumDb } from '../../src/background/db';
import { createHandlerTable } from '../../src/background/handler-table';
import { type Handlers, createPortListener } from '../../src/background/router';
import { SAMPLE_BUNDLES } from '../../src/background/sample-archive';
import { importBundle } from '../../src/background/archive/merge';
import type { Runtime } from '../../src/shared/browser';
import { REQUEST_PORT, type PortReply } from '../../src/shared/messages';
import type { ExtensionApi } from '../../src/content/runtime';
import { PortCaller, type PortLike } from '../../src/shared/port-caller';
import { freshDb } from './helpers';

const opts = { extensionId: 'podium@test', extensionBase: 'chrome-extension://podium-test/' };
const contentSender = { id: 'podium@test', url: 'https://pretalx.com/democon/schedule/', tab: { id: 4 } } as Runtime.MessageSender;

/** Both ends of a port, wired to each other the way the browser wires them (asynchronously). */
function portPair(name: string, sender?: Runtime.MessageSender) {
  const listeners = { worker: [] as ((m: unknown) => void)[], page: [] as ((m: unknown) => void)[], pageGone: [] as (() => void)[] };
  let open = true;
  const disconnectPage = () => {
    if (!open) return;
    open = false;
    for (const fn of listeners.pageGone) fn();
  };
  const worker = {
    name,
    sender,
    postMessage: (m: unknown) => {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      setTimeout(() => listeners.page.forEach((fn) => fn(structuredClone(m))), 0);
    },
    disconnect: disconnectPage,
    onMessage: { addListener: (fn: (m: unknown) => void) => listeners.worker.push(fn) },
    onDisconnect: { addListener: () => undefined },
  } as unknown as Runtime.Port;
  const page: PortLike & { open: () => boolean } = {
    postMessage: (m) => {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      setTimeout(() => listeners.worker.forEach((fn) => fn(structuredClone(m))), 0);
    },
    disconnect: () => {
      open = false;
    },
    onMessage: { addListener: (fn) => listeners.page.push(fn) },
    onDisconnect: { addListener: (fn) => listeners.pageGone.push(fn) },
    open: () => open,
  };
  return { worker, page, workerStops: disconnectPage };
}

let db: PodiumDb;
let handlers: Handlers;
beforeEach(async () => {
  db = freshDb();
  handlers = createHandlerTable(db);
  for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
});
afterEach(async () => {
  await db.delete();
});

/** A content script's API whose ports reach this test's worker listener. */
function pageApi(sender = contentSender) {
  const listener = createPortListener(handlers, opts);
  const pairs: ReturnType<typeof portPair>[] = [];
  const api: ExtensionApi = {
    runtime: {
      id: 'podium@test',
      sendMessage: async () => ({ ok: false, error: 'sendMessage is not used here' }),
      connect: ({ name }) => {
        const pair = portPair(name, sender);
        pairs.push(pair);
        listener(pair.worker);
        return pair.page;
      },
      onMessage: { addListener: () => undefined, removeListener: () => undefined },
    },
  };
  return { api, pairs };
}

describe('request port', () => {
  it('answers each request with its own id, through the router’s checks', async () => {
    const { api, pairs } = pageApi();
    const caller = new PortCaller(api);
    const [names, refused, lookup] = await Promise.all([
      caller.call('findNames', { parts: ['Talk by Angelo Failla and Giuseppe Lavagetto'] }),
      caller.call('clearArchive' as never, {} as never),
      caller.call('getSpeaker', { id: 'sp_none' }),
    ]);
    expect(pairs).toHaveLength(1); // one port for all three
    expect(names.ok && names.value.names.map((n) => n.name).sort()).toEqual(['Angelo Failla', 'Giuseppe Lavagetto']);
    expect(refused).toEqual({ ok: false, error: 'Web pages may not ask for “clearArchive”.' });
    expect(lookup).toEqual({ ok: true, value: null });
    expect(await db.speakers.count()).toBeGreaterThan(0);
    caller.close();
  });

  it('refuses a port from a sender that is not this extension’s content script or page', () => {
    const listener = createPortListener(handlers, opts);
    const stranger = portPair(REQUEST_PORT, { id: 'evil@ext', url: 'https://evil.example/', tab: { id: 1 } } as Runtime.MessageSender);
    listener(stranger.worker);
    expect(stranger.page.open()).toBe(false);
    // Another name is someone else's port: left alone.
    const other = portPair('something-else', contentSender);
    listener(other.worker);
    expect(other.page.open()).toBe(true);
  });

  it('ignores malformed requests and replies', async () => {
    const { api, pairs } = pageApi();
    const caller = new PortCaller(api);
    await caller.call('getSpeaker', { id: 'sp_none' });
    const seen: unknown[] = [];
    pairs[0]!.page.onMessage.addListener((m) => seen.push(m));
    for (const bad of [null, 'ping', { podium: 1, method: 'ping' }, { podium: 1, id: 'x', method: 'ping' }, { podium: 2, id: 1, method: 'ping' }]) pairs[0]!.page.postMessage(bad);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
    // A reply the page did not ask for changes nothing.
    (pairs[0]!.worker as unknown as { postMessage(m: PortReply): void }).postMessage({ podium: 1, id: 999, reply: { ok: true, value: 1 } });
    expect((await caller.call('getSpeaker', { id: 'sp_none' })).ok).toBe(true);
    caller.close();
  });

  it('opens a new port after the worker stopped, and fails the calls it left unanswered', async () => {
    const { api, pairs } = pageApi();
    const caller = new PortCaller(api);
    expect((await caller.call('getSpeaker', { id: 'sp_none' })).ok).toBe(true);
    const waiting = caller.call('findNames', { parts: ['Rok Papež'] });
    pairs[0]!.workerStops();
    expect(await waiting).toEqual({ ok: false, error: 'Podium’s background worker stopped.' });
    const again = await caller.call('findNames', { parts: ['Rok Papež'] });
    expect(again.ok && again.value.names.map((n) => n.name)).toEqual(['Rok Papež']);
    expect(pairs).toHaveLength(2);
    caller.close();
  });

  it('closes the port after a quiet spell and opens one again when needed', async () => {
    const { api, pairs } = pageApi();
    const caller = new PortCaller(api, 30);
    await caller.call('getSpeaker', { id: 'sp_none' });
    expect(pairs[0]!.page.open()).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(pairs[0]!.page.open()).toBe(false);
    expect((await caller.call('getSpeaker', { id: 'sp_none' })).ok).toBe(true);
    expect(pairs).toHaveLength(2);
    caller.close();
  });

  it('keeps a busy port open past the quiet spell, and closes it once calls stop', async () => {
    const { api, pairs } = pageApi();
    const caller = new PortCaller(api, 40);
    for (let i = 0; i < 8; i++) {
      expect((await caller.call('getSpeaker', { id: 'sp_none' })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 15));
    }
    // 120 ms of calls 15 ms apart: the first idle timer fired meanwhile and looked again.
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.page.open()).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(pairs[0]!.page.open()).toBe(false);
    caller.close();
  });

  it('falls back to sendMessage where the API has no connect', async () => {
    const sent: unknown[] = [];
    const api: ExtensionApi = {
      runtime: {
        id: 'podium@test',
        sendMessage: async (m) => {
          sent.push(m);
          return { ok: true, value: 'pong' };
        },
        onMessage: { addListener: () => undefined, removeListener: () => undefined },
      },
    };
    expect(await new PortCaller(api).call('ping', {})).toEqual({ ok: true, value: 'pong' });
    expect(sent).toEqual([{ podium: 1, method: 'ping', params: {} }]);
  });
});
