/**
 * Saving what the user reviewed: every bundle goes through one import
 * session (src/background/import/session.ts): the worker stages what is
 * sent and merges it all at the commit, so a cancel or a failure at bundle
 * 300 of 540 leaves the archive as it was. Requests stay small: small
 * bundles travel together, up to about {@link BATCH_TALKS} talks; a big one
 * (a 40 MB schedule) travels in parts of at most {@link PART_TALKS} talks
 * that the worker joins again. A large pyvideo archive is streamed a second
 * time here, one event at a time, with one batch in flight to the worker
 * while the next is parsed: the page holds at most two batches. A large
 * import was usually sent already, while the user read the review
 * (send-ahead.ts): Save then sends only what is left.
 */
import type { ImportResult } from '../shared/archive-format';
import { pyvideoArchiveBundles } from '../shared/importers/platforms';
import type { ImportSessionSummary } from '../shared/messages';
import { t, tn } from '../shared/i18n';
import { callBackground } from '../shared/messaging';
import { callBulk } from './bulk-call';
import type { ImportBundle } from '../shared/types';
import type { ArchiveItem, ReadItem } from './reader';
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

/**
 * One import session as the page feeds it: bundles in order, small ones
 * batched, a big one in parts; one request on its way while the next is
 * serialised (the worker stages them in order), never more than two
 * outstanding. `bundles` counts what was sent as the worker counts it.
 */
export class SessionSender {
  bundles = 0;
  private inflight: Promise<void> | undefined;

  constructor(
    readonly sessionId: string,
    /** Sent ahead of Save: the worker must not write any of it yet (see `stageOnly` in session.ts). */
    public stageOnly = false,
  ) {}

  /** Starts a session; throws {@link Stop} with the worker's sentence when it cannot. */
  static async start(label: string, stageOnly = false): Promise<SessionSender> {
    const started = await callBackground('importSessionStart', { label });
    if (!started.ok) throw new Stop(started.error);
    return new SessionSender(started.value.sessionId, stageOnly);
  }

  private async send(bundles: ImportBundle[], continues: boolean): Promise<void> {
    const what = bundles.length === 1 ? bundles[0]!.source.name : `${bundles[0]!.source.name} … ${bundles[bundles.length - 1]!.source.name}`;
    const only = this.stageOnly ? { stageOnly: true } : {};
    const r = await callBulk('importSessionAdd', bundles.length === 1 ? { sessionId: this.sessionId, bundle: bundles[0]!, continues, ...only } : { sessionId: this.sessionId, bundles, ...only });
    if (!r.ok) throw new Stop(`${what}: ${r.error}`);
  }

  private async pipe(bundles: ImportBundle[], continues = false): Promise<void> {
    const sent = this.send(bundles, continues);
    sent.catch(() => {}); // awaited below or by the next call; avoid an unhandled rejection meanwhile
    if (this.inflight) await this.inflight;
    this.inflight = sent;
  }

  /** Waits for the request still on its way. */
  async drain(): Promise<void> {
    const last = this.inflight;
    this.inflight = undefined;
    await last;
  }

  /** Sends one input's bundles, then waits for the last; `onSent` gets the talks sent so far. */
  async sendBundles(list: readonly ImportBundle[], signal?: AbortSignal, onSent?: (talks: number) => void): Promise<void> {
    let batch: ImportBundle[] = [];
    let talks = 0;
    let sent = 0;
    const flush = async () => {
      if (batch.length) await this.pipe(batch);
      sent += talks;
      batch = [];
      talks = 0;
      onSent?.(sent);
    };
    try {
      for (const b of list) {
        if (signal?.aborted) throw new Stop(CANCELLED);
        this.bundles++;
        if (b.talks.length > PART_TALKS) {
          await flush();
          for (const [i, part] of partsOf(b).entries()) {
            if (signal?.aborted) throw new Stop(CANCELLED);
            await this.pipe([part], i > 0);
            sent += part.talks.length;
            onSent?.(sent);
          }
          continue;
        }
        batch.push(b);
        talks += Math.max(1, b.talks.length);
        if (talks >= BATCH_TALKS || batch.length >= 200) await flush();
      }
      await flush();
    } finally {
      await this.drain();
    }
  }

  /** Streams a large pyvideo archive a second time, one batch on its way while the next is parsed: the page holds at most two. */
  async sendArchive(item: ArchiveItem, signal: AbortSignal | undefined, progress: (f: number) => void): Promise<void> {
    let batch: ImportBundle[] = [];
    let talks = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const full = batch;
      batch = [];
      talks = 0;
      await this.drain();
      await this.pipe(full);
    };
    try {
      for await (const b of pyvideoArchiveBundles(item.file, { name: item.label, ...(signal ? { signal } : {}), onProgress: progress })) {
        batch.push(b);
        this.bundles++;
        talks += b.talks.length;
        if (talks >= BATCH_TALKS || batch.length >= 200) await flush();
      }
      if (signal?.aborted) throw new Stop(CANCELLED);
      await flush();
    } finally {
      await this.drain();
    }
  }
}

/** Talks of an input, as progress weighs it. */
export const weightOf = (i: ReadItem) => (i.kind === 'archive' ? Math.max(1, i.summary.talks) : i.bundles.reduce((n, b) => n + Math.max(1, b.talks.length), 0));

/**
 * Saves every item in one session; on cancel or any failure the session is
 * rolled back. With `ahead`, the inputs it already sent while the user read
 * the review are not sent again (send-ahead.ts).
 */
export async function saveItems(items: ReadItem[], label: string, opts: SaveOptions & { ahead?: SentAhead } = {}): Promise<SaveOutcome> {
  const weights = items.map(weightOf);
  const whole = weights.reduce((a, b) => a + b, 0) || 1;
  // Sending is the quick part; the worker's merge at the commit is most of the time.
  const SENDING = 0.3;
  const ahead = await opts.ahead?.take(items, opts.signal, (talks) => opts.onProgress?.((SENDING * talks) / whole, items[0]!.label));
  let s: SessionSender;
  try {
    s = ahead?.sender ?? (await SessionSender.start(label));
  } catch (e) {
    return { ok: false, error: (e as Error).message, cancelled: false };
  }
  const from = ahead?.items ?? 0;
  let before = weights.slice(0, from).reduce((a, b) => a + b, 0);
  try {
    for (let n = from; n < items.length; n++) {
      const item = items[n]!;
      if (opts.signal?.aborted) throw new Stop(CANCELLED);
      const progress = (f: number) => opts.onProgress?.((SENDING * (before + f * weights[n]!)) / whole, item.label);
      if (item.kind === 'bundles') await s.sendBundles(item.bundles, opts.signal, (talks) => progress(talks / weights[n]!));
      else await s.sendArchive(item, opts.signal, progress);
      before += weights[n]!;
    }
    if (opts.signal?.aborted) throw new Stop(CANCELLED);
  } catch (e) {
    return rollBack(s.sessionId, e, !!opts.signal?.aborted);
  }
  // The merge: one transaction in the worker, which cannot be cancelled half-way (NaN: no fraction to show).
  const talks = weights.reduce((a, b) => a + b, 0);
  opts.onProgress?.(NaN, tn('importWriting', talks));
  const committed = await callBackground('importSessionCommit', { sessionId: s.sessionId });
  if (!committed.ok) return rollBack(s.sessionId, new Error(committed.error), false);
  opts.onProgress?.(1, label);
  const totals = emptyTotals();
  if (committed.value.totals) add(totals, committed.value.totals);
  totals.bundles = s.bundles;
  return { ok: true, totals, summary: committed.value };
}

/** What saveItems asks of inputs sent ahead: the session holding them and how many inputs, or nothing to build on. */
export interface SentAhead {
  /** Never throws: anything amiss (an edit since, a failed request, a restarted worker) is `undefined`, and the session is dropped. */
  take(items: readonly ReadItem[], signal: AbortSignal | undefined, onSent: (talks: number) => void): Promise<{ sender: SessionSender; items: number } | undefined>;
}

/** Aborts the session after a cancel or a failure, and says what happened to the archive. */
async function rollBack(sessionId: string, e: unknown, wasCancelled: boolean): Promise<SaveOutcome> {
  const aborted = await callBackground('importSessionAbort', { sessionId });
  const reason = wasCancelled ? CANCELLED : e instanceof Error ? e.message : String(e);
  const rolled = ` ${aborted.ok ? t('importRolledBack') : t('importRollbackFailed', aborted.error)}`;
  return { ok: false, error: wasCancelled ? `${reason}${aborted.ok ? '' : rolled}` : `${reason.replace(/\.$/, '')}.${rolled}`, cancelled: wasCancelled };
}
