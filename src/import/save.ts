/**
 * Saving what the user reviewed: every bundle goes through one import
 * session (src/background/import/session.ts): the worker stages what is
 * sent and merges it all at the commit, so a cancel or a failure at bundle
 * 300 of 540 leaves the archive as it was. Requests stay small: small
 * bundles travel together, up to about {@link BATCH_TALKS} talks; a big one
 * (a 40 MB schedule) travels in parts of at most {@link PART_TALKS} talks
 * that the worker joins again. A large pyvideo archive is streamed a second
 * time here, one event at a time, with one batch in flight to the worker
 * while the next is parsed: the page holds at most two batches.
 */
import type { ImportResult } from '../shared/archive-format';
import { pyvideoArchiveBundles } from '../shared/importers/platforms';
import type { ImportSessionSummary } from '../shared/messages';
import { t, tn } from '../shared/i18n';
import { callBackground } from '../shared/messaging';
import { callBulk } from './bulk-call';
import type { ImportBundle } from '../shared/types';
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

/** Talks per `importSessionAdd` when batching small bundles: fewer requests, memory still bounded. */
export const BATCH_TALKS = 5000;

/** Most talks of one big bundle per request (a message of a few MB; Chrome refuses messages over 64 MB). */
export const PART_TALKS = 10_000;

/** The bundle cut into parts of at most `size` talks, each with the people and events its talks name (the first keeps the rest). */
export function partsOf(b: ImportBundle, size = PART_TALKS): ImportBundle[] {
  if (b.talks.length <= size) return [b];
  const parts: ImportBundle[] = [];
  for (let i = 0; i < b.talks.length; i += size) {
    const talks = b.talks.slice(i, i + size);
    if (i === 0) {
      parts.push({ ...b, talks });
      continue;
    }
    const speakers = new Set(talks.flatMap((t) => t.speakerRefs));
    const events = new Set(talks.map((t) => t.eventRef));
    parts.push({ source: b.source, talks, speakers: b.speakers.filter((s) => speakers.has(s.ref)), events: b.events.filter((e) => events.has(e.ref)), warnings: [] });
  }
  return parts;
}

function add(t: SaveTotals, r: ImportResult): void {
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
  // What was written comes back from the commit (`totals`, batches written on the way included), not from each request.
  const sendBatch = async (bundles: ImportBundle[], continues = false) => {
    const what = bundles.length === 1 ? bundles[0]!.source.name : `${bundles[0]!.source.name} … ${bundles[bundles.length - 1]!.source.name}`;
    const r = await callBulk('importSessionAdd', bundles.length === 1 ? { sessionId, bundle: bundles[0]!, continues } : { sessionId, bundles });
    if (!r.ok) throw new Stop(`${what}: ${r.error}`);
  };
  // One request on its way while the next is sent (the worker stages them in order): the page's
  // serialising of one overlaps the worker's reading of the other. At most two outstanding.
  let inflight: Promise<void> | undefined;
  const pipe = async (bundles: ImportBundle[], continues = false) => {
    const sent = sendBatch(bundles, continues);
    sent.catch(() => {}); // awaited below or by the next call; avoid an unhandled rejection meanwhile
    if (inflight) await inflight;
    inflight = sent;
  };
  const drain = async () => {
    const last = inflight;
    inflight = undefined;
    await last;
  };
  const weights = items.map((i) => (i.kind === 'archive' ? Math.max(1, i.summary.talks) : i.bundles.reduce((n, b) => n + Math.max(1, b.talks.length), 0)));
  const whole = weights.reduce((a, b) => a + b, 0) || 1;
  // Sending is the quick part; the worker's merge at the commit is most of the time.
  const SENDING = 0.3;
  let before = 0;
  let bundles = 0;
  try {
    for (const [n, item] of items.entries()) {
      const progress = (f: number) => opts.onProgress?.((SENDING * (before + f * weights[n]!)) / whole, item.label);
      if (item.kind === 'bundles') {
        let batch: ImportBundle[] = [];
        let talks = 0;
        let sent = 0;
        const flush = async () => {
          if (batch.length) await pipe(batch);
          sent += talks;
          batch = [];
          talks = 0;
          progress(sent / weights[n]!);
        };
        for (const b of item.bundles) {
          if (opts.signal?.aborted) throw new Stop(CANCELLED);
          bundles++;
          if (b.talks.length > PART_TALKS) {
            await flush();
            for (const [i, part] of partsOf(b).entries()) {
              if (opts.signal?.aborted) throw new Stop(CANCELLED);
              await pipe([part], i > 0);
              sent += part.talks.length;
              progress(sent / weights[n]!);
            }
            continue;
          }
          batch.push(b);
          talks += Math.max(1, b.talks.length);
          if (talks >= BATCH_TALKS || batch.length >= 200) await flush();
        }
        await flush();
        await drain();
      } else {
        let batch: ImportBundle[] = [];
        let talks = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          const full = batch;
          batch = [];
          talks = 0;
          // One batch on its way while the next is parsed, never two: the page holds at most two batches.
          await drain();
          await pipe(full);
        };
        try {
          for await (const b of pyvideoArchiveBundles(item.file, { name: item.label, ...(opts.signal ? { signal: opts.signal } : {}), onProgress: progress })) {
            batch.push(b);
            bundles++;
            talks += b.talks.length;
            if (talks >= BATCH_TALKS || batch.length >= 200) await flush();
          }
          if (opts.signal?.aborted) throw new Stop(CANCELLED);
          await flush();
        } finally {
          await drain();
        }
      }
      before += weights[n]!;
    }
    if (opts.signal?.aborted) throw new Stop(CANCELLED);
  } catch (e) {
    return rollBack(sessionId, e, !!opts.signal?.aborted);
  }
  // The merge: one transaction in the worker, which cannot be cancelled half-way (NaN: no fraction to show).
  const talks = weights.reduce((a, b) => a + b, 0);
  opts.onProgress?.(NaN, tn('importWriting', talks));
  const committed = await callBackground('importSessionCommit', { sessionId });
  if (!committed.ok) return rollBack(sessionId, new Error(committed.error), false);
  opts.onProgress?.(1, label);
  const totals = emptyTotals();
  if (committed.value.totals) add(totals, committed.value.totals);
  totals.bundles = bundles;
  return { ok: true, totals, summary: committed.value };
}

/** Aborts the session after a cancel or a failure, and says what happened to the archive. */
async function rollBack(sessionId: string, e: unknown, wasCancelled: boolean): Promise<SaveOutcome> {
  const aborted = await callBackground('importSessionAbort', { sessionId });
  const reason = wasCancelled ? CANCELLED : e instanceof Error ? e.message : String(e);
  const rolled = ` ${aborted.ok ? t('importRolledBack') : t('importRollbackFailed', aborted.error)}`;
  return { ok: false, error: wasCancelled ? `${reason}${aborted.ok ? '' : rolled}` : `${reason.replace(/\.$/, '')}.${rolled}`, cancelled: wasCancelled };
}
