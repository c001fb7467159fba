/**
 * The import queue: what is being read, what waits for review (with the
 * worker's previews and the confirmed guesses), and what the last save did;
 * with the actions that read, edit, confirm, save, discard and cancel.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import type { ImportPreview } from '../shared/messages';
import { t } from '../shared/i18n';
import { callBulk } from './bulk-call';
import type { ImportBundle } from '../shared/types';
import { fetchErrorText } from '../shared/fetch-problems';
import { fetchSchedule, originPatterns } from './fetch-url';
import { capturePage, messageOf, readFiles, readPage, readText, REVIEW_TALKS, type PageCapture, type ReadFailure, type ReadItem, type ReadResult } from './reader';
import { saveItems, type SaveOutcome } from './save';
import { SendAhead } from './send-ahead';

/** One read input in the queue; the id keys its bundles' previews and confirmations. */
export interface Entry {
  id: number;
  item: ReadItem;
}

export interface Progress {
  /** NaN while the worker's final merge runs: it cannot be cancelled half-way. */
  fraction: number;
  label: string;
}

type Phase = 'idle' | 'reading' | 'review' | 'saving' | 'done';
type OnProgress = (fraction: number, label: string) => void;

let nextId = 1;
/** Names one bundle of one entry (previews, edit debounce, confirmations). */
export const key = (entry: number, bundle: number) => `${entry}:${bundle}`;
const confirmKey = (entry: number, bundle: number, ref: string) => `${key(entry, bundle)}:${ref}`;

/** Bundles whose review gets a per-record preview (not a 540-event archive). */
const reviewable = (entries: Entry[]) =>
  entries.flatMap((e) => (e.item.kind === 'bundles' ? e.item.bundles.map((b, i) => ({ k: key(e.id, i), b })) : []));

export function useImportQueue() {
  const [phase, setPhase] = useState<Phase>('idle');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [failures, setFailures] = useState<ReadFailure[]>([]);
  const [previews, setPreviews] = useState<Record<string, ImportPreview | string>>({});
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  // A large import goes to the worker while the user reviews it (send-ahead.ts); closing the page drops it.
  const [ahead] = useState(() => new SendAhead());
  const items = useRef<ReadItem[]>([]);
  items.current = entries.map((e) => e.item);
  useEffect(() => {
    const drop = () => ahead.drop();
    addEventListener('pagehide', drop);
    return () => {
      removeEventListener('pagehide', drop);
      drop();
    };
  }, []);

  const busy = phase === 'reading' || phase === 'saving';

  async function preview(k: string, bundle: ImportBundle) {
    const r = await callBulk('previewBundle', { bundle });
    setPreviews((p) => ({ ...p, [k]: r.ok ? r.value : r.error }));
  }

  /** Runs one reading task with progress and cancel, then shows the review. */
  async function read(task: (signal: AbortSignal, onProgress: OnProgress) => Promise<ReadResult>) {
    const ctl = new AbortController();
    abort.current = ctl;
    setPhase('reading');
    setOutcome(null);
    setProgress({ fraction: 0, label: t('importReading') });
    let result: ReadResult;
    try {
      result = await task(ctl.signal, (fraction, label) => setProgress({ fraction, label }));
    } catch (e) {
      result = { items: [], failures: [{ label: t('importFailureLabel'), message: messageOf(e) }] };
    }
    abort.current = null;
    setProgress(null);
    const added = result.items.map((item) => ({ id: nextId++, item }));
    const all = [...entries, ...added];
    setEntries(all);
    setFailures(result.failures);
    setPhase(all.length ? 'review' : 'idle');
    // While the user reads the review: sent during reading, it slowed the parse as much as it saved (two cores).
    ahead.want(all.map((e) => e.item));
    const toPreview = reviewable(added);
    if (toPreview.reduce((n, x) => n + x.b.talks.length, 0) <= REVIEW_TALKS * 2) for (const { k, b } of toPreview) void preview(k, b);
  }

  /** Reads one input; its error becomes a failure under `label`. */
  const single = (label: string, run: (signal: AbortSignal, onProgress: OnProgress) => Promise<ReadItem>) =>
    read(async (signal, onProgress) => {
      try {
        return { items: [await run(signal, onProgress)], failures: [] };
      } catch (e) {
        return { items: [], failures: [{ label, message: fetchErrorText(e, label) ?? messageOf(e) }] };
      }
    });

  const addFiles = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length) void read((signal, onProgress) => readFiles(files, { signal, onProgress }));
  };

  /** Resolves once the text is read, so the caller can clear its field. */
  const addText = (text: string) => {
    const name = t('importPastedText');
    return single(name, (signal, onProgress) => readText(text, name, { signal, onProgress }));
  };

  const addPage = (tabId: number) => {
    void single(t('importThisPageLabel'), async () => {
      let res: { result?: unknown }[];
      try {
        res = await browser.scripting.executeScript({ target: { tabId }, func: capturePage });
      } catch (e) {
        throw new Error(t('importTabDenied', (e as Error).message));
      }
      const page = res[0]?.result as PageCapture | undefined;
      if (!page) throw new Error(t('importPageEmpty'));
      return readPage(page);
    });
  };

  /** Must stay synchronous up to permissions.request: browsers grant it only inside the click. */
  const addUrl = (target: string) => {
    let patterns: string[];
    try {
      patterns = originPatterns(target);
    } catch (e) {
      setFailures([{ label: target, message: fetchErrorText(e, target) ?? messageOf(e) }]);
      return;
    }
    const asked = browser.permissions.request({ origins: patterns });
    void single(target, async (signal, onProgress) => {
      if (!(await asked)) throw new Error(t('importFetchDenied', new URL(patterns[0]!.slice(0, -1)).host));
      const bundles = await fetchSchedule(target, { signal, onProgress });
      return { kind: 'bundles', label: target, bundles };
    });
  };

  /** Applies an edit now; the worker's preview follows once typing pauses. */
  const edit = (entryId: number, index: number, change: (b: ImportBundle) => ImportBundle) => {
    let changed: ImportBundle | undefined;
    setEntries((all) =>
      all.map((e) => {
        if (e.id !== entryId || e.item.kind !== 'bundles') return e;
        const bundles = e.item.bundles.map((b, i) => (i === index ? (changed = change(b)) : b));
        return { ...e, item: { ...e.item, bundles } };
      }),
    );
    const k = key(entryId, index);
    clearTimeout(timers.current.get(k));
    timers.current.set(
      k,
      setTimeout(() => {
        if (changed) void preview(k, changed);
        // An edit to a bundle sent ahead drops that session: the inputs go again, edit included.
        ahead.want(items.current);
      }, 400),
    );
  };

  /** Names of people with guessed fields nobody has confirmed yet: they hold the save back. */
  const unconfirmed = entries.flatMap((e) =>
    e.item.kind === 'bundles'
      ? e.item.bundles.flatMap((b, bi) => b.speakers.filter((s) => s.inferred?.length && !confirmed.has(confirmKey(e.id, bi, s.ref))).map((s) => s.name))
      : [],
  );

  const isConfirmed = (entryId: number, index: number, ref: string) => confirmed.has(confirmKey(entryId, index, ref));

  const confirm = (entryId: number, index: number, ref: string, yes: boolean) =>
    setConfirmed((c) => {
      const n = new Set(c);
      if (yes) n.add(confirmKey(entryId, index, ref));
      else n.delete(confirmKey(entryId, index, ref));
      return n;
    });

  const confirmAll = () =>
    setConfirmed((c) => {
      const n = new Set(c);
      for (const e of entries) if (e.item.kind === 'bundles') e.item.bundles.forEach((b, bi) => b.speakers.forEach((s) => s.inferred?.length && n.add(confirmKey(e.id, bi, s.ref))));
      return n;
    });

  const save = async () => {
    const ctl = new AbortController();
    abort.current = ctl;
    setPhase('saving');
    setOutcome(null); // a message from the last try does not stand beside this one
    setProgress({ fraction: 0, label: t('importSaving') });
    const label = entries.map((e) => e.item.label).join(', ').slice(0, 200);
    const result = await saveItems(
      entries.map((e) => e.item),
      label,
      { signal: ctl.signal, onProgress: (fraction, l) => setProgress({ fraction, label: l }), ahead },
    );
    abort.current = null;
    setProgress(null);
    setOutcome(result);
    if (result.ok) {
      setEntries([]);
      setPreviews({});
      setConfirmed(new Set());
      setPhase('done');
    } else setPhase('review');
  };

  const discard = () => {
    ahead.drop();
    setEntries([]);
    setPreviews({});
    setConfirmed(new Set());
    setFailures([]);
    setOutcome(null);
    setPhase('idle');
  };

  const cancel = () => abort.current?.abort();

  return { busy, entries, failures, previews, progress, outcome, unconfirmed, addFiles, addText, addPage, addUrl, edit, isConfirmed, confirm, confirmAll, save, discard, cancel };
}
