/**
 * Phase profile of the 100k-talk import in real Chromium: prints the
 * worker's `[phase]` console lines (from a build instrumented by hand) and the
 * page-side wall time. Not part of `npm run bench`.
 *
 *   PODIUM_DIST=/tmp/podium-prof npx tsx scripts/bench/archive-profile.ts
 */
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { launchChromium, openExtensionPage } from '../../test/e2e/browsers';

async function main(): Promise<void> {
  const talks = Number(process.env.TALKS ?? 100_000);
  const speakers = Number(process.env.SPEAKERS ?? 50_000);
  const eb = await launchChromium();
  try {
    const worker = await eb.worker();
    worker.on('console', (m) => console.log('  worker:', m.text()));
    const page = await openExtensionPage(eb, 'popup.html');
    const json = JSON.stringify(syntheticBundle({ talks, speakers }));
    for (const round of ['first', 'again']) {
      const r = await page.evaluate(async (j: string) => {
        const b = JSON.parse(j);
        const t0 = performance.now();
        console.log('send', performance.timeOrigin + t0);
        const reply = await (globalThis as any).chrome.runtime.sendMessage({ podium: 1, method: 'importBundle', params: { bundle: b } });
        return { ms: performance.now() - t0, sent: performance.timeOrigin + t0, end: performance.timeOrigin + performance.now(), ok: reply?.ok, error: reply?.error, value: reply?.value };
      }, json);
      console.log(`${round}: ${r.ms.toFixed(0)} ms ok=${r.ok} sent=${r.sent.toFixed(1)} end=${r.end.toFixed(1)} ${r.error ?? JSON.stringify({ sp: r.value?.speakers, tk: r.value?.talks })}`);
      await new Promise((res) => setTimeout(res, 3000));
    }
  } finally {
    await eb.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
