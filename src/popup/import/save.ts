/**
 * Saving what the user reviewed: every bundle goes through one import
 * session (src/background/import/session.ts), so a cancel or a failure at
 * bundle 300 of 540 rolls back bundles 1–299 too and the archive is as it
 * was. A large pyvideo archive is streamed a second time here, one event at
 * a time; events are sent in batches of about {@link BATCH_TALKS} talks (one
 * request, one worker transaction each), with one batch in flight to the
 * worker while the next is parsed: the page holds at most two batches.
 */
import type { ImportResult } from '../../shared/archive-format';
import { pyvideoArchiveBundles } from '../../shared/importers/platforms';
import type { ImportSessionSummary } from '../../shared/messages';
import { callBackground } from '../../shared/messaging';
import type { ImportBundle } from '../../shared/types';
import type { ReadItem } from './reader';
import { CANCELLED } from './reader';

export interface SaveTotals {
  bundles: number;
  speakers: { created: number; merged: number };
  talks: { created: number; merged: number };
  events: { created: number; merged: number };
  warnings: string[];
}

export type SaveOutcome =
  | { ok: true; totals: SaveTotals; summary: ImportSessionSummary }
  | { ok: false; error: string; cancelled: boolean };

export interface SaveOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, label: string) => void;
}

const emptyTotals = (): SaveTotals => ({
  bundles: 0,
  speakers: { created: 0, merged: 0 },
  talks: { created: 0, merged: 0 },
  events: { created: 0, merged: 0 },
  warnings: [],
});

/** Talks per `importSessionAdd` when streaming an archive: fewer requests and transactions, memory still bounded. */
export const BATCH_TALKS = 5000;

function add(t: SaveTotals, r: ImportResult, bundles = 1): void {
  t.bundles += bundles;
  for (const k of ['speakers', 'talks', 'events'] as const) {
    t[k].created += r[k].created;
    t[k].merged += r[k].merged;
  }
  for (const w of r.warnings) if (t.warnings.length < 200) t.warnings.push(w);
}

class Stop extends Error {}

/** Saves every item in one session; on cancel or any failure the session is rolled back. */
export async function saveItems(items: ReadItem[], label: string, opts: SaveOptions = {}): Promise<SaveOutcome> {
  const started = await callBackground('importSessionStart', { label });
  if (!started.ok) return { ok: false, error: started.error, cancelled: false };
  const { sessionId } = started.value;
  const totals = emptyTotals();
  const send = async (bundle: ImportBundle) => {
    const r = await callBackground('importSessionAdd', { sessionId, bundle });
    if (!r.ok) throw new Stop(`${bundle.source.name}: ${r.error}`);
    add(totals, r.value);
  };
  const sendBatch = async (bundles: ImportBundle[]) => {
    if (bundles.length === 1) return send(bundles[0]!);
    const r = await callBackground('importSessionAdd', { sessionId, bundles });
    if (!r.ok) throw new Stop(`${bundles[0]!.source.name} … ${bundles[bundles.length - 1]!.source.name}: ${r.error}`);
    add(totals, r.value, bundles.length);
  };
  const weights = items.map((i) => (i.kind === 'archive' ? Math.max(1, i.summary.talks) : i.bundles.reduce((n, b) => n + Math.max(1, b.talks.length), 0)));
  const whole = weights.reduce((a, b) => a + b, 0) || 1;
  let before = 0;
  try {
    for (const [n, item] of items.entries()) {
      const progress = (f: number) => opts.onProgress?.((before + f * weights[n]!) / whole, item.label);
      if (item.kind === 'bundles') {
        for (const [i, b] of item.bundles.entries()) {
          if (opts.signal?.aborted) throw new Stop(CANCELLED);
          await send(b);
          progress((i + 1) / item.bundles.length);
        }
      } else {
        let inflight: Promise<void> | undefined;
        let batch: ImportBundle[] = [];
        let talks = 0;
        const flush = async () => {
          if (inflight) await inflight;
          if (batch.length === 0) return;
          inflight = sendBatch(batch);
          inflight.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
          batch = [];
          talks = 0;
        };
        try {
          for await (const b of pyvideoArchiveBundles(item.file, { name: item.label, ...(opts.signal ? { signal: opts.signal } : {}), onProgress: progress })) {
            batch.push(b);
            talks += b.talks.length;
            if (talks >= BATCH_TALKS || batch.length >= 200) await flush();
          }
          if (opts.signal?.aborted) throw new Stop(CANCELLED);
          await flush();
        } finally {
          if (inflight) await inflight;
        }
      }
      before += weights[n]!;
    }
    if (opts.signal?.aborted) throw new Stop(CANCELLED);
  } catch (e) {
    const wasCancelled = !!opts.signal?.aborted;
    const aborted = await callBackground('importSessionAbort', { sessionId });
    const reason = wasCancelled ? CANCELLED : e instanceof Error ? e.message : String(e);
    const rolled = aborted.ok ? ' Nothing was changed: what this import had saved so far was removed again.' : ` Rolling back failed too (${aborted.error}).`;
    return { ok: false, error: wasCancelled ? `${reason}${aborted.ok ? '' : rolled}` : `${reason}.${rolled}`, cancelled: wasCancelled };
  }
  const committed = await callBackground('importSessionCommit', { sessionId });
  if (!committed.ok) return { ok: false, error: committed.error, cancelled: false };
  opts.onProgress?.(1, label);
  return { ok: true, totals, summary: committed.value };
}
