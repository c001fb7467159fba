/**
 * Sending a large import to the worker before the user presses Save.
 *
 * Handing four schedule files (100,000 talks) to the worker takes 5–11 s of
 * serialising, copying, checking and making records, and it used to start
 * at Save. Now it starts as the review shows, while the user reads it, into
 * an import session whose batches the worker only stages (`stageOnly`:
 * nothing is written before Save, and a batch that would fill the staging is
 * refused). Save then sends what is left, if anything, and commits. Sending
 * while the files were still parsed was tried: on two cores it slowed the
 * parse by as much as it saved.
 *
 * Whatever makes the inputs sent differ from those saved (an edit, a
 * discard, a failed request, a worker that restarted and lost its staging)
 * drops the session, and Save sends everything as before. A session held
 * past {@link HOLD_MS} is dropped too: the worker's memory is not kept for
 * a review left open. Small imports (under {@link AHEAD_FROM_TALKS} talks)
 * are not sent ahead: they take milliseconds at Save.
 */
import { callBackground } from '../shared/messaging';
import type { BundleItem, ReadItem } from './reader';
import { type SentAhead, SessionSender, weightOf } from './save';

/** Inputs worth sending ahead: this many talks or more. */
export const AHEAD_FROM_TALKS = 2000;
/** How long a session sent ahead waits for Save before it is dropped. */
export const HOLD_MS = 5 * 60_000;
/** Chrome stops an idle service worker after 30 s, and its staging with it. */
const KEEP_ALIVE_MS = 20_000;

const isPrefix = (a: readonly ReadItem[], b: readonly ReadItem[]) => a.length <= b.length && a.every((x, i) => x === b[i]);

/** One session sent ahead, with what was handed to it. */
interface Run {
  sender: Promise<SessionSender>;
  /** Inputs handed to the session (sent, or queued to be), in order. */
  offered: ReadItem[];
  chain: Promise<void>;
  failed: boolean;
  sentTalks: number;
  onSent: ((talks: number) => void) | undefined;
  ctl: AbortController;
  hold: ReturnType<typeof setTimeout> | undefined;
  alive: ReturnType<typeof setInterval>;
}

export class SendAhead implements SentAhead {
  private run: Run | undefined;

  /** The inputs the page would save now, in order: those not sent yet go, once the whole is worth it. */
  want(items: readonly ReadItem[]): void {
    if (this.run && !isPrefix(this.run.offered, items)) this.drop();
    // A large pyvideo archive is streamed again at Save: nothing from it on goes ahead.
    const end = items.findIndex((i) => i.kind !== 'bundles');
    const sendable = (end < 0 ? items : items.slice(0, end)) as BundleItem[];
    const r = this.run ?? (sendable.reduce((n, i) => n + weightOf(i), 0) >= AHEAD_FROM_TALKS ? this.start(items) : undefined);
    if (!r) return;
    clearTimeout(r.hold);
    r.hold = setTimeout(() => this.run === r && this.drop(), HOLD_MS);
    for (const item of sendable.slice(r.offered.length)) {
      r.offered.push(item);
      r.chain = r.chain.then(async () => {
        if (r.failed || r.ctl.signal.aborted) return;
        try {
          const s = await r.sender;
          const base = r.sentTalks;
          await s.sendBundles(item.bundles, r.ctl.signal, (talks) => r.onSent?.(base + talks));
          r.sentTalks = base + weightOf(item);
        } catch {
          r.failed = true;
        }
      });
    }
  }

  /** Opens the session the inputs are sent ahead into, kept awake while it waits. */
  private start(items: readonly ReadItem[]): Run {
    const sender = SessionSender.start(items.map((i) => i.label).join(', ').slice(0, 200), true);
    const r: Run = {
      sender,
      offered: [],
      chain: Promise.resolve(),
      failed: false,
      sentTalks: 0,
      onSent: undefined,
      ctl: new AbortController(),
      hold: undefined,
      alive: setInterval(() => void callBackground('ping', {}), KEEP_ALIVE_MS),
    };
    sender.catch(() => (r.failed = true));
    return (this.run = r);
  }

  /** Hands the session to Save when it holds exactly the first inputs of `items`; otherwise drops it. */
  async take(items: readonly ReadItem[], signal: AbortSignal | undefined, onSent: (talks: number) => void): Promise<{ sender: SessionSender; items: number } | undefined> {
    const r = this.run;
    if (!r || !isPrefix(r.offered, items)) return void this.drop();
    r.onSent = onSent;
    onSent(r.sentTalks);
    const stop = () => r.ctl.abort();
    signal?.addEventListener('abort', stop, { once: true });
    await r.chain;
    signal?.removeEventListener('abort', stop);
    if (r.failed || r.ctl.signal.aborted || this.run !== r) return void this.drop(r);
    const sender = await r.sender;
    // The worker may have been stopped since (its staging is gone), or hold something else.
    const staged = await callBackground('importSessionStaged', { sessionId: sender.sessionId });
    if (!staged.ok || staged.value.bundles !== sender.bundles || this.run !== r) return void this.drop(r);
    this.end(r);
    sender.stageOnly = false;
    return { sender, items: r.offered.length };
  }

  /** Drops the session sent ahead (the worker forgets its staging), if any. */
  drop(run = this.run): void {
    if (!run) return;
    run.ctl.abort();
    this.end(run);
    void run.sender.then((s) => callBackground('importSessionAbort', { sessionId: s.sessionId })).catch(() => undefined);
  }

  private end(run: Run): void {
    clearTimeout(run.hold);
    clearInterval(run.alive);
    if (this.run === run) this.run = undefined;
  }
}
