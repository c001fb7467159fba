/**
 * Dev tool: what a `::highlight()` rule alone costs a page's style passes in
 * Chromium, with no extension at work: the 1 MB schedule served plain, with
 * a universal `::highlight(podium-speaker)` rule, and with the rule on
 * `:root` only (descendants inherit highlight styles). Median of 3 loads each.
 */
import { launchChromium, UNLISTED_HOST } from '../../test/e2e/browsers';
import { startServer } from '../../test/e2e/server';
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { schedulePage } from './detection';
import { median } from './harness';
import { rendererCost } from './page-cost';

const RULE = 'background-color:rgba(245,176,0,.22);text-decoration:underline dotted rgba(190,120,0,.9)';

void (async () => {
  const server = await startServer();
  const eb = await launchChromium();
  try {
    const names = syntheticBundle({ talks: 1, speakers: 50_000 }).speakers.map((s) => s.name);
    const html = schedulePage(Number(process.argv[2] ?? 1_000_000), names).html;
    const variants: [string, string][] = [
      ['plain', ''],
      ['universal ::highlight rule', `<style>::highlight(podium-speaker){${RULE}}</style>`],
      [':root::highlight rule', `<style>:root::highlight(podium-speaker){${RULE}}</style>`],
    ];
    for (const [label, css] of variants) server.serve(`/ab/${label.length}.html`, html.replace('</head>', `${css}</head>`));
    const results = new Map<string, { recalc: number[]; main: number[] }>();
    for (let i = 0; i < 4; i++) {
      for (const [label] of variants) {
        const page = await eb.browser.newPage();
        const pathname = `/ab/${label.length}.html`;
        await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
        await page.goto(server.url(UNLISTED_HOST, pathname), { waitUntil: 'load' });
        await new Promise((r) => setTimeout(r, 2500));
        const buffer = await page.tracing.stop();
        await page.close();
        if (i === 0) continue;
        const c = rendererCost(JSON.parse(Buffer.from(buffer!).toString('utf8')).traceEvents, pathname);
        const r = results.get(label) ?? { recalc: [], main: [] };
        r.recalc.push(c.recalcMs);
        r.main.push(c.mainThreadCpu);
        results.set(label, r);
      }
    }
    for (const [label, r] of results) console.log(`${label}: UpdateLayoutTree ${median(r.recalc).toFixed(1)} ms, main-thread CPU ${median(r.main).toFixed(1)} ms (runs ${r.recalc.map((x) => x.toFixed(0)).join('/')})`);
  } finally {
    await eb.close();
    await server.close();
  }
})();
