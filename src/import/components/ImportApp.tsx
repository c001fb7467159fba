/**
 * The import view (import.html): pick or drop files, pick a pyvideo folder,
 * paste text, import the tab the popup was opened on, or fetch a schedule
 * URL; review what was read and what it merges with; fix names, headlines,
 * titles and dates; then save, all or nothing, with progress and cancel.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import type { ImportPreview, TabConference } from '../../shared/messages';
import { formatNumber, t, tn } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { ImportBundle } from '../../shared/types';
import { fetchSchedule, originPatterns } from '../fetch-url';
import { subscribedMessage, subscribeWithPermission } from '../../shared/subscribe';
import { fetchErrorText } from '../../shared/fetch-problems';
import { capturePage, messageOf, readFiles, readPage, readText, REVIEW_TALKS, type PageCapture, type ReadFailure, type ReadItem } from '../reader';
import { saveItems, type SaveOutcome } from '../save';
import { BundleReview } from './BundleReview';
import { ExportPanel } from './ExportPanel';

interface Entry {
  id: number;
  item: ReadItem;
}

type Phase = 'idle' | 'reading' | 'review' | 'saving' | 'done';

export interface ImportAppProps {
  /** The tab to offer "Import this page" for (`?tab=` from the popup). */
  tabId?: number;
}

let nextId = 1;
const key = (entry: number, bundle: number) => `${entry}:${bundle}`;

/** Bundles whose review gets a per-record preview (not a 540-event archive). */
const reviewable = (entries: Entry[]) =>
  entries.flatMap((e) => (e.item.kind === 'bundles' ? e.item.bundles.map((b, i) => ({ k: key(e.id, i), b })) : []));

export function ImportApp({ tabId }: ImportAppProps) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [failures, setFailures] = useState<ReadFailure[]>([]);
  const [previews, setPreviews] = useState<Record<string, ImportPreview | string>>({});
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<{ fraction: number; label: string } | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [paste, setPaste] = useState('');
  const [url, setUrl] = useState('');
  const [subscribing, setSubscribing] = useState(false);
  const [subscription, setSubscription] = useState('');
  const [conference, setConference] = useState<TabConference | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    document.body.dataset.ready = '1';
    if (tabId !== undefined) {
      void callBackground('tabConference', { tabId }).then((r) => r.ok && setConference(r.value));
    }
  }, [tabId]);

  const busy = phase === 'reading' || phase === 'saving';

  async function preview(k: string, bundle: ImportBundle) {
    const r = await callBackground('previewBundle', { bundle });
    setPreviews((p) => ({ ...p, [k]: r.ok ? r.value : r.error }));
  }

  /** Runs one reading task with progress and cancel, then shows the review. */
  async function read(task: (signal: AbortSignal, onProgress: (f: number, label: string) => void) => Promise<{ items: ReadItem[]; failures: ReadFailure[] }>) {
    const ctl = new AbortController();
    abort.current = ctl;
    setPhase('reading');
    setOutcome(null);
    setProgress({ fraction: 0, label: t('importReading') });
    let result: { items: ReadItem[]; failures: ReadFailure[] };
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
    const toPreview = reviewable(added);
    if (toPreview.reduce((n, x) => n + x.b.talks.length, 0) <= REVIEW_TALKS * 2) for (const { k, b } of toPreview) void preview(k, b);
  }

  const single = (label: string, run: (signal: AbortSignal, onProgress: (f: number, l: string) => void) => Promise<ReadItem>) =>
    read(async (signal, onProgress) => {
      try {
        return { items: [await run(signal, onProgress)], failures: [] };
      } catch (e) {
        return { items: [], failures: [{ label, message: fetchErrorText(e, label) ?? messageOf(e) }] };
      }
    });

  const onFiles = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length) void read((signal, onProgress) => readFiles(files, { signal, onProgress }));
  };

  const onPaste = () => {
    const text = paste;
    const name = t('importPastedText');
    void single(name, (signal, onProgress) => readText(text, name, { signal, onProgress })).then(() => setPaste(''));
  };

  const onImportPage = () => {
    if (tabId === undefined) return;
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
  const onFetch = (target: string) => {
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

  /** Subscribes: fetched and merged by the worker now and on its schedule, without a review (Settings → Subscriptions lists it). */
  const onSubscribe = (target: string) => {
    setSubscribing(true);
    setSubscription(t('subsFetching', target));
    void subscribeWithPermission(target).then((r) => {
      setSubscribing(false);
      setSubscription(subscribedMessage(r));
    });
  };

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
      setTimeout(() => changed && void preview(k, changed), 400),
    );
  };

  const unconfirmed = entries.flatMap((e) =>
    e.item.kind === 'bundles'
      ? e.item.bundles.flatMap((b, bi) => b.speakers.filter((s) => s.inferred?.length && !confirmed.has(`${key(e.id, bi)}:${s.ref}`)).map((s) => s.name))
      : [],
  );

  const confirmAll = () =>
    setConfirmed((c) => {
      const n = new Set(c);
      for (const e of entries) if (e.item.kind === 'bundles') e.item.bundles.forEach((b, bi) => b.speakers.forEach((s) => s.inferred?.length && n.add(`${key(e.id, bi)}:${s.ref}`)));
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
      { signal: ctl.signal, onProgress: (fraction, l) => setProgress({ fraction, label: l }) },
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
    setEntries([]);
    setPreviews({});
    setConfirmed(new Set());
    setFailures([]);
    setOutcome(null);
    setPhase('idle');
  };

  return (
    <main class="import">
      <h1>{t('importTitle')}</h1>

      <section
        class={`sources${dragging ? ' dragging' : ''}`}
        aria-label={t('importSources')}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!busy) onFiles(e.dataTransfer?.files ?? null);
        }}
      >
        <p>{t('importDropHint')}</p>
        <div class="row">
          <label class="button">
            {t('importChooseFiles')}
            <input type="file" multiple data-testid="file-input" disabled={busy} onChange={(e) => { onFiles(e.currentTarget.files); e.currentTarget.value = ''; }} />
          </label>
          <label class="button">
            {t('importChooseFolder')}
            <input type="file" {...{ webkitdirectory: '' }} data-testid="folder-input" disabled={busy} onChange={(e) => { onFiles(e.currentTarget.files); e.currentTarget.value = ''; }} />
          </label>
          {tabId !== undefined && (
            <button type="button" data-testid="import-page" disabled={busy} onClick={onImportPage}>
              {t('importThisPage')}
            </button>
          )}
          {conference && (
            <button type="button" data-testid="import-conference" disabled={busy} onClick={() => onFetch(conference.url)}>
              {t('importConference', conference.platform, conference.name)}
            </button>
          )}
          {conference && (
            <button type="button" data-testid="subscribe-conference" title={t('subsSubscribeHint')} disabled={busy || subscribing} onClick={() => onSubscribe(conference.url)}>
              {t('subsSubscribe')}
            </button>
          )}
        </div>
        <div class="row">
          <label for="url">{t('importUrlLabel')}</label>
          <input id="url" type="url" placeholder={t('importUrlPlaceholder')} value={url} disabled={busy} onInput={(e) => setUrl(e.currentTarget.value)} />
          <button type="button" data-testid="fetch-url" disabled={busy || !url.trim()} onClick={() => onFetch(url)}>
            {t('importFetch')}
          </button>
          <button type="button" data-testid="subscribe-url" title={t('subsSubscribeHint')} disabled={busy || subscribing || !url.trim()} onClick={() => onSubscribe(url)}>
            {t('subsSubscribe')}
          </button>
        </div>
        {subscription && (
          <p role="status" data-testid="subscribe-status">
            {subscription}
          </p>
        )}
        <div class="row">
          <label for="paste">{t('importPasteLabel')}</label>
          <textarea id="paste" rows={3} value={paste} disabled={busy} onInput={(e) => setPaste(e.currentTarget.value)} />
          <button type="button" data-testid="read-paste" disabled={busy || !paste.trim()} onClick={onPaste}>
            {t('importRead')}
          </button>
        </div>
      </section>

      {progress && (
        <section class="progress" aria-live="polite">
          {/* No fraction: the worker's final merge, one transaction that cannot be cancelled half-way. */}
          <progress data-testid="progress" max={1} value={Number.isNaN(progress.fraction) ? undefined : progress.fraction} />
          <span>{progress.label}</span>
          {!Number.isNaN(progress.fraction) && (
            <button type="button" data-testid="cancel" onClick={() => abort.current?.abort()}>
              {t('commonCancel')}
            </button>
          )}
        </section>
      )}

      {failures.length > 0 && (
        <section class="failures" role="alert" data-testid="failures">
          <h2>{t('importFailuresTitle')}</h2>
          <ul>
            {failures.map((f, i) => (
              <li key={i}>
                <strong>{f.label}</strong>: {t('importFailure', f.message)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {outcome && !outcome.ok && (
        <p role="alert" class="error" data-testid="save-error">
          {outcome.error}
        </p>
      )}

      {outcome?.ok && (
        <section class="result" data-testid="result" aria-live="polite">
          <h2>{t('importSavedTitle')}</h2>
          <p>
            {t(
              'importSavedTotals',
              ...[outcome.totals.speakers, outcome.totals.talks, outcome.totals.events].flatMap((c) => [formatNumber(c.created), formatNumber(c.merged)]),
            )}
          </p>
          {outcome.totals.warnings.length > 0 && (
            <details>
              <summary>{tn('importNotes', outcome.totals.warnings.length)}</summary>
              <ul>{outcome.totals.warnings.slice(0, 100).map((w, i) => <li key={i}>{w}</li>)}</ul>
            </details>
          )}
        </section>
      )}

      {entries.length > 0 && (
        <section class="review" data-testid="review" aria-label={t('importReviewTitle')}>
          <h2>{t('importReviewTitle')}</h2>
          <p class="hint">{t('importReviewHint')}</p>
          {entries.map((e) =>
            e.item.kind === 'archive' ? (
              <article class="bundle" key={e.id} data-testid="archive-summary">
                <h3>{e.item.label}</h3>
                <p>{t('importArchiveSummary', formatNumber(e.item.summary.events), formatNumber(e.item.summary.talks), formatNumber(e.item.summary.speakers))}</p>
                <p class="events">
                  {t('importArchiveEvents', `${e.item.summary.eventNames.join(', ')}${e.item.summary.events > e.item.summary.eventNames.length ? ', …' : ''}`)}
                </p>
                {e.item.summary.warnings.length > 0 && (
                  <details>
                    <summary>{tn('importNotes', e.item.summary.warnings.length)}</summary>
                    <ul>{e.item.summary.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
                  </details>
                )}
              </article>
            ) : (
              e.item.bundles.map((b, i) => (
                <BundleReview
                  key={key(e.id, i)}
                  bundle={b}
                  preview={previews[key(e.id, i)]}
                  editable={!busy}
                  confirmed={(ref) => confirmed.has(`${key(e.id, i)}:${ref}`)}
                  onConfirm={(ref, yes) =>
                    setConfirmed((c) => {
                      const n = new Set(c);
                      if (yes) n.add(`${key(e.id, i)}:${ref}`);
                      else n.delete(`${key(e.id, i)}:${ref}`);
                      return n;
                    })
                  }
                  onChange={(change) => edit(e.id, i, change)}
                />
              ))
            ),
          )}
          {unconfirmed.length > 0 && (
            <p class="confirm-needed" data-testid="confirm-needed">
              {t(
                'importConfirmNeeded',
                unconfirmed.slice(0, 10).join(', ') + (unconfirmed.length > 10 ? ` ${t('importMoreNames', formatNumber(unconfirmed.length - 10))}` : ''),
              )}{' '}
              {unconfirmed.length > 1 && (
                <button type="button" data-testid="confirm-all" onClick={confirmAll}>
                  {t('importConfirmAll', formatNumber(unconfirmed.length))}
                </button>
              )}
            </p>
          )}
          <div class="row">
            <button type="button" class="primary" data-testid="save" disabled={busy || unconfirmed.length > 0} onClick={() => void save()}>
              {t('importSave')}
            </button>
            <button type="button" data-testid="discard" disabled={busy} onClick={discard}>
              {t('importDiscard')}
            </button>
          </div>
        </section>
      )}

      <ExportPanel />
    </main>
  );
}
