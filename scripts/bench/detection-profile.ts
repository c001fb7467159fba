/**
 * Where detection spends its time, function by function: loads the synthetic
 * archive's 50,000 speakers, opens generated schedules on a listed host and
 * prints the CPU profile's self time of every frame under content.js. Build
 * unminified for readable names. Not part of `npm run bench`.
 *
 *   npx webpack --mode production --env browser=chrome --no-optimization-minimize --output-path /tmp/podium-det/chrome
 *   PODIUM_DIST=/tmp/podium-det npx tsx scripts/bench/detection-profile.ts [chars…]
 */
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { LISTED_HOST, callFromPage, launchChromium, openExtensionPage } from '../../test/e2e/browsers';
import { startServer } from '../../test/e2e/server';
import { marksSettled, schedulePage } from './detection';
import { loadSyntheticArchive } from './synthetic-archive';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber: number };
  children?: number[];
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  const server = await startServer();
  const eb = await launchChromium();
  try {
    await loadSyntheticArchive(eb, { talks: 2000, speakers: 50_000 });
    const ext = await openExtensionPage(eb, 'popup.html');
    await callFromPage(ext, 'matcherIndex');
    await ext.close();
    const names = syntheticBundle({ talks: 1, speakers: 50_000 }).speakers.map((s) => s.name);
    for (const chars of sizes.length ? sizes : [80_000, 1_000_000]) {
      const gen = schedulePage(chars, names);
      const pathname = `/prof/schedule-${chars}.html`;
      server.serve(pathname, gen.html);
      for (let run = 0; run < 2; run++) {
        const page = await eb.browser.newPage();
        const session = await page.createCDPSession();
        await session.send('Profiler.enable');
        await session.send('Profiler.setSamplingInterval', { interval: Number(process.env.PROF_INTERVAL ?? 100) });
        await session.send('Profiler.start');
        await page.goto(server.url(LISTED_HOST, pathname), { waitUntil: 'load' });
        const last = await marksSettled(page);
        const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
        await page.close();
        const parent = new Map<number, number>();
        for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        const ours = (id: number): boolean => {
          for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) if (byId.get(x)!.callFrame.url.endsWith('content.js')) return true;
          return false;
        };
        const self = new Map<string, number>();
        const incl = new Map<string, number>();
        let total = 0;
        // Bursts: runs of our samples without a gap over 1 ms (roughly one task each).
        const bursts: { start: number; ms: number; fns: Map<string, number> }[] = [];
        let t = 0;
        let lastOurs = -1e9;
        for (let i = 0; i < profile.samples.length; i++) {
          const id = profile.samples[i]!;
          const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
          t += (profile.timeDeltas[i] ?? 0) / 1000;
          if (!ours(id)) continue;
          if (t - lastOurs > 1) bursts.push({ start: t, ms: 0, fns: new Map() });
          lastOurs = t + dt;
          const b = bursts[bursts.length - 1]!;
          b.ms += dt;
          const f = byId.get(id)!.callFrame;
          const fk = `${f.functionName || '(anon)'}:${f.lineNumber}`;
          b.fns.set(fk, (b.fns.get(fk) ?? 0) + dt);
          total += dt;
          const n = byId.get(id)!;
          const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}${n.callFrame.url.endsWith('content.js') ? '' : ` [${n.callFrame.url.split('/').pop() || 'native'}]`}`;
          self.set(key, (self.get(key) ?? 0) + dt);
          const seen = new Set<string>();
          for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
            const f = byId.get(x)!.callFrame;
            if (!f.url.endsWith('content.js')) continue;
            const k = `${f.functionName || '(anon)'}:${f.lineNumber}`;
            if (seen.has(k)) continue;
            seen.add(k);
            incl.set(k, (incl.get(k) ?? 0) + dt);
          }
        }
        console.log(`\n== ${chars} chars, ${gen.textNodes} text nodes, run ${run}: ${total.toFixed(1)} ms under content.js, ${last} marks`);
        const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, ms]) => `  ${ms.toFixed(1).padStart(7)}  ${f}`).join('\n');
        console.log(' self:\n' + top(self, Number(process.env.PROF_TOP ?? 22)));
        const longest = [...bursts].sort((a, b) => b.ms - a.ms).slice(0, 4);
        for (const b of longest) console.log(` burst at ${b.start.toFixed(0)} ms: ${b.ms.toFixed(1)} ms — ${[...b.fns].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
        console.log(' inclusive:\n' + top(incl, Number(process.env.PROF_TOP ?? 22)));
      }
    }
  } finally {
    await eb.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
