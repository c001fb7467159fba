/**
 * Fills the worker's archive with the deterministic synthetic archive
 * (test/fixtures/synthetic.ts) through the real import path: one
 * `importBundle` request from an extension page, as an import would send it.
 */
import { syntheticBundle } from '../../test/fixtures/synthetic';
import { type ExtensionBrowser, openExtensionPage } from '../../test/e2e/browsers';

export interface LoadResult {
  /** Wall time of the request in the extension page, in ms. */
  ms: number;
  talks: number;
  speakers: number;
}

export async function loadSyntheticArchive(
  eb: ExtensionBrowser,
  { talks = 100_000, speakers = 50_000, seed = 1 }: { talks?: number; speakers?: number; seed?: number } = {},
): Promise<LoadResult> {
  const bundle = syntheticBundle({ talks, speakers, seed });
  const page = await openExtensionPage(eb, 'popup.html');
  const result = await page.evaluate(async (json: string) => {
    const b = JSON.parse(json);
    const t0 = performance.now();
    const reply = await ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage({ podium: 1, method: 'importBundle', params: { bundle: b } });
    return { ms: performance.now() - t0, ok: reply?.ok as boolean, error: reply?.error as string | undefined };
  }, JSON.stringify(bundle));
  await page.close();
  if (!result.ok) throw new Error(`Synthetic import failed: ${result.error}`);
  return { ms: result.ms, talks: bundle.talks.length, speakers: bundle.speakers.length };
}
