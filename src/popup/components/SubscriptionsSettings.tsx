import { useEffect, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import { StatusLine, useStorageChange } from './StatusLine';
import { formatDateTime, formatRelative, type MessageKey, t, tn } from '../../shared/i18n';
import { originPatterns } from '../../shared/importers/fetch-schedule';
import { callBackground } from '../../shared/messaging';
import { problemText } from '../../shared/fetch-problems';
import { subscribedMessage, subscribeWithPermission } from '../../shared/subscribe';
import { type RefreshSummary, type Subscription, SUBSCRIPTIONS_KEY } from '../../shared/subscriptions';

/** How often a subscription can refresh, in hours: never more than hourly. */
const INTERVALS: [number, MessageKey][] = [
  [1, 'subsEveryHour'],
  [6, 'subsEvery6Hours'],
  [12, 'subsEvery12Hours'],
  [24, 'subsEveryDay'],
  [168, 'subsEveryWeek'],
];

/** "1 talk added, 2 updated, 1 withdrawn", or "No changes". */
export function describeChanges(s: RefreshSummary): string {
  const parts = [
    s.added && tn('subsAdded', s.added),
    s.updated && tn('subsUpdated', s.updated),
    s.withdrawn && tn('subsWithdrawn', s.withdrawn),
    s.restored && tn('subsRestored', s.restored),
  ].filter((x): x is string => !!x);
  return parts.length ? parts.join(', ') : t('subsNoChanges');
}

const hostOf = (url: string) => new URL(url).hostname;

function SubscriptionRow({ sub, onChange, onMessage }: { sub: Subscription; onChange: () => void; onMessage: (m: string) => void }) {
  const [busy, setBusy] = useState(false);
  const { state } = sub;
  const run = async (p: Promise<{ ok: boolean; error?: string }>, done?: string) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (!r.ok) onMessage(r.error ?? '');
    else if (done) onMessage(done);
    onChange();
  };
  const allow = () =>
    void browser.permissions.request({ origins: originPatterns(sub.url) }).then((granted) => {
      if (granted) void run(callBackground('refreshSubscription', { id: sub.id }));
      else onMessage(t('subsDenied', hostOf(sub.url)));
    });
  const titleId = `sub-${sub.id}`;
  return (
    <li class="subscription" aria-labelledby={titleId} data-testid="subscription">
      <div class="subscription__head">
        <a id={titleId} class="subscription__name" href={sub.url} target="_blank" rel="noreferrer noopener">
          {sub.label}
        </a>
        {sub.paused && <span class="pill">{t('subsPaused')}</span>}
      </div>
      <p class="muted subscription__status" data-testid="subscription-status">
        {state.lastChecked ? (
          <span title={formatDateTime(state.lastChecked)}>{t('subsChecked', formatRelative(state.lastChecked))}</span>
        ) : (
          <span>{t('subsNeverChecked')}</span>
        )}
        {state.lastSummary && state.lastChanged && (
          <span data-testid="subscription-changes">
            {' · '}
            {t('subsLastChange', formatRelative(state.lastChanged), describeChanges(state.lastSummary))}
          </span>
        )}
        {state.listed && (
          <span>
            {' · '}
            {tn('subsListedTalks', state.listed.talks)}
            {state.listed.withdrawn > 0 && `, ${tn('subsWithdrawnTalks', state.listed.withdrawn)}`}
          </span>
        )}
      </p>
      {state.error && (
        <p class="error subscription__error" role="alert" data-testid="subscription-error">
          {t('subsError', state.problem ? problemText(state.problem, sub.url) : state.error)}
          {state.nextAt && !sub.paused && ` ${t('subsRetry', formatRelative(state.nextAt))}`}
        </p>
      )}
      <div class="row subscription__actions">
        <label class="subscription__interval">
          <span>{t('subsInterval')}</span>
          <select
            value={String(sub.intervalHours)}
            disabled={busy}
            onChange={(e) => void run(callBackground('updateSubscription', { id: sub.id, intervalHours: Number((e.target as HTMLSelectElement).value) }))}
          >
            {!INTERVALS.some(([h]) => h === sub.intervalHours) && <option value={String(sub.intervalHours)}>{tn('subsEveryNHours', sub.intervalHours)}</option>}
            {INTERVALS.map(([h, key]) => (
              <option key={h} value={String(h)}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="button button--quiet"
          disabled={busy}
          data-testid="subscription-refresh"
          aria-label={t('subsRefreshLabel', sub.label)}
          onClick={() => void run(callBackground('refreshSubscription', { id: sub.id }))}
        >
          {busy ? t('subsRefreshing') : t('subsRefresh')}
        </button>
        {state.problem?.code === 'permission' && (
          <button type="button" class="button button--quiet" onClick={allow}>
            {t('subsAllow', hostOf(sub.url))}
          </button>
        )}
        <button
          type="button"
          class="button button--quiet"
          disabled={busy}
          aria-pressed={sub.paused}
          aria-label={t(sub.paused ? 'subsResumeLabel' : 'subsPauseLabel', sub.label)}
          onClick={() => void run(callBackground('updateSubscription', { id: sub.id, paused: !sub.paused }))}
        >
          {sub.paused ? t('subsResume') : t('subsPause')}
        </button>
        <button
          type="button"
          class="button button--quiet"
          disabled={busy}
          aria-label={t('subsRemoveLabel', sub.label)}
          onClick={() => void run(callBackground('unsubscribe', { id: sub.id }), t('subsRemoved', sub.label))}
        >
          {t('subsRemove')}
        </button>
      </div>
    </li>
  );
}

/** Settings → Subscriptions: schedules Podium keeps current by itself. */
export function SubscriptionsSettings() {
  const [subs, setSubs] = useState<Subscription[] | null>(null);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState('');
  const [adding, setAdding] = useState(false);

  const load = async () => {
    const r = await callBackground('listSubscriptions', {});
    if (r.ok) setSubs(r.value);
    else setMessage(r.error);
  };
  useEffect(() => void load(), []);
  // Refreshes happen in the worker (alarms, sync): the list follows storage.
  useStorageChange('local', SUBSCRIPTIONS_KEY, () => void load());

  const add = (e: Event) => {
    e.preventDefault();
    const url = draft.trim();
    if (!url) return;
    setAdding(true);
    setMessage(t('subsFetching', url));
    void subscribeWithPermission(url).then((r) => {
      setAdding(false);
      setMessage(subscribedMessage(r));
      if (!r.ok) return;
      setDraft('');
      void load();
    });
  };

  return (
    <section class="settings__section subscriptions" aria-labelledby="subs-title" data-testid="subscriptions">
      <h2 id="subs-title" class="section-title">
        {t('subsTitle')}
      </h2>
      <p class="muted">{t('subsIntro')}</p>
      {subs && subs.length === 0 && <p class="muted">{t('subsNone')}</p>}
      {subs && subs.length > 0 && (
        <ul class="subscription-list" aria-label={t('subsListLabel')}>
          {subs.map((s) => (
            <SubscriptionRow key={s.id} sub={s} onChange={() => void load()} onMessage={setMessage} />
          ))}
        </ul>
      )}
      <form class="row" onSubmit={add}>
        <label class="visually-hidden" for="add-subscription">
          {t('subsUrlLabel')}
        </label>
        <input
          id="add-subscription"
          class="search"
          type="url"
          inputMode="url"
          placeholder={t('subsUrlPlaceholder')}
          value={draft}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="button" disabled={adding || !draft.trim()} data-testid="subscribe-url">
          {t('subsSubscribe')}
        </button>
      </form>
      <StatusLine message={message} testid="subscriptions-message" />
    </section>
  );
}
