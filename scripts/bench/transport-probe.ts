/**
 * How fast a big request travels from an extension page to Chrome's service
 * worker, by each way there is: a runtime port (what `callBackground` uses),
 * `ServiceWorker.postMessage` (what src/import/bulk-call.ts uses), the same
 * with the JSON in a transferred ArrayBuffer, and a BroadcastChannel. 25,000
 * talk-shaped drafts, round trip to a listener the probe adds to the worker.
 * A diagnosis tool, not part of `npm run bench`:
 *
 *   npx tsx scripts/bench/transport-probe.ts
 */
import { launchChromium, openExtensionPage } from '../../test/e2e/browsers';

async function main() {
  const eb = await launchChromium();
  try {
    const page = await openExtensionPage(eb, 'import.html');
    const w = await eb.worker();
    await w.evaluate(`self.addEventListener('message', (e) => { const t = performance.now(); const n = e.data.talks.length; e.source.postMessage({ n, t }); });
      self.__bc = new BroadcastChannel('probe'); self.__bc.onmessage = (e) => self.__bc.postMessage({ n: e.data.talks.length });`);
    const r = await page.evaluate(`(async () => {
      const api = globalThis.chrome;
      const talks = [];
      for (let i = 0; i < 25000; i++) talks.push({ ref: 't' + i, title: 'A talk about things number ' + i, abstract: 'Lorem ipsum dolor sit amet '.repeat(12) + i, speakerRefs: ['s' + (i % 12500), 's' + ((i * 7) % 12500)], eventRef: 'e1', date: '2024-05-0' + (i % 9 + 1), start: '10:00', end: '10:30', room: 'Room ' + (i % 20), kind: 'talk', links: [{ kind: 'slides', url: 'https://example.org/s/' + i }] });
      const data = { talks };
      const out = {};
      // extension port
      const port = api.runtime.connect({ name: 'podium-requests' });
      let t0 = performance.now();
      await new Promise((res) => { port.onMessage.addListener(function l(m) { res(m); }); port.postMessage({ podium: 1, id: 1, method: 'nosuch', params: { bundle: data } }); out.portSync = performance.now() - t0; });
      out.port = performance.now() - t0;
      // SW postMessage
      const reg = await navigator.serviceWorker.ready;
      out.controlled = !!navigator.serviceWorker.controller;
      t0 = performance.now();
      await new Promise((res) => { navigator.serviceWorker.addEventListener('message', res, { once: true }); reg.active.postMessage(data); out.swSync = performance.now() - t0; });
      out.sw = performance.now() - t0;
      // JSON in an ArrayBuffer, transferred
      t0 = performance.now();
      const buf = new TextEncoder().encode(JSON.stringify(data)).buffer;
      out.mb = buf.byteLength / 1048576;
      await new Promise((res) => { navigator.serviceWorker.addEventListener('message', res, { once: true }); reg.active.postMessage({ talks: [] , buf }, [buf]); });
      out.swBuf = performance.now() - t0;
      const bc = new BroadcastChannel('probe');
      t0 = performance.now();
      await new Promise((res) => { bc.onmessage = res; bc.postMessage(data); });
      out.bc = performance.now() - t0;
      return out;
    })()`);
    console.log(r);
  } finally {
    await eb.close();
  }
}
main();
