import { useEffect, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import { StatusLine, useStorageChange } from './StatusLine';
import { formatDateTime, formatRelative, lang, t, tn } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import { SYNC_ENABLED_KEY, type SyncConflict, type SyncStatus } from '../../shared/sync';

const hostOf = (pattern: string) => pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '');

const kilobytes = (bytes: number) => new Intl.NumberFormat(lang(), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(bytes / 1024);

function itemLabel(c: SyncConflict): string {
  switch (c.kind) {
    case 'settings':
      return t('syncKindSettings');
    case 'theme':
      return t('syncKindTheme');
    case 'site':
      return t('syncKindSite', c.label);
    case 'subscription':
      return t('syncKindSubscription', c.label);
    default:
      return t('syncKindEdit', c.label, c.field ?? '');
  }
}

/** Settings → Sync: what follows the user to their other browsers, how full it is, conflicts, and sites to enable here. */
export function SyncSettings() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    const reply = await callBackground('syncStatus', {});
    if (reply.ok) setStatus(reply.value);
    else setMessage(reply.error);
  };
  useEffect(() => void refresh(), []);
  // Another browser's push, or this one's, changes what there is to show.
  useStorageChange('sync', undefined, () => void refresh());

  const syncNow = async () => {
    setBusy(true);
    const reply = await callBackground('syncNow', {});
    setBusy(false);
    if (!reply.ok) return setMessage(reply.error);
    setStatus(reply.value);
    setMessage(t('syncDone'));
  };

  /** On or off: the worker's next cycle (run now) pushes everything, or removes Podium's data from the account. */
  const setEnabled = async (on: boolean) => {
    setBusy(true);
    await browser.storage.local.set({ [SYNC_ENABLED_KEY]: on });
    const reply = await callBackground('syncNow', {});
    setBusy(false);
    if (!reply.ok) return setMessage(reply.error);
    setStatus(reply.value);
    setMessage(on ? t('syncTurnedOn') : t('syncTurnedOff'));
  };

  const enableHere = (pattern: string) => {
    // No await before request: browsers honour it only inside the user's click.
    void browser.permissions.request({ origins: [pattern] }).then(async (granted) => {
      if (!granted) return setMessage(t('syncDenied', hostOf(pattern)));
      const reply = await callBackground('enableSite', { pattern });
      if (!reply.ok) return setMessage(reply.error);
      setMessage(t('syncEnabled', hostOf(pattern)));
      await refresh();
    });
  };

  if (!status) return null;
  const off = status.off;
  return (
    <section aria-labelledby="sync-title" class="settings__section">
      <h3 id="sync-title" class="section-title">
        {t('syncTitle')}
      </h3>
      <p class="muted">{t('syncWhat')}</p>
      <label class="check">
        <input type="checkbox" data-testid="sync-enabled" checked={off?.reason !== 'user'} disabled={busy} onChange={(e) => void setEnabled((e.target as HTMLInputElement).checked)} />{' '}
        {t('syncEnabledLabel')}
      </label>
      <p class="muted">{t('syncPrivacy')}</p>
      {off ? (
        <p class="muted" role="status">
          {off.reason === 'user' ? t('syncOffUser') : off.reason === 'unavailable' ? t('syncOffUnavailable') : t('syncOffError', off.detail ?? '')}
        </p>
      ) : (
        <p class="muted" data-testid="sync-last">
          {status.lastSync ? t('syncLast', formatRelative(status.lastSync)) : t('syncNever')}
        </p>
      )}
      <p class="muted">
        {t(
          'syncCounts',
          tn('syncSites', status.synced.sites),
          tn('syncSubscriptions', status.synced.subscriptions),
          tn('syncEdits', status.synced.edits),
        )}
      </p>
      <label class="field field--inline">
        <span>{t('syncUsage', kilobytes(status.bytesUsed), kilobytes(status.quotaBytes))}</span>
        <meter min={0} max={status.quotaBytes} high={status.quotaBytes * 0.9} value={status.bytesUsed} />
      </label>
      {status.localOnlyEdits > 0 && (
        <p class="app__error" role="alert">
          {tn('syncFull', status.localOnlyEdits)}
        </p>
      )}
      {status.tooLargeEdits > 0 && <p class="muted">{tn('syncTooLarge', status.tooLargeEdits)}</p>}
      {status.pendingUntil && <p class="muted">{t('syncPending', formatRelative(status.pendingUntil))}</p>}
      <div class="row">
        <button type="button" class="button button--quiet" onClick={syncNow} disabled={busy}>
          {t('syncNow')}
        </button>
      </div>
      {status.suggestedSites.length > 0 && (
        <div role="group" aria-labelledby="sync-sites-title">
          <h4 id="sync-sites-title" class="section-title">
            {t('syncSuggested')}
          </h4>
          <p class="muted">{t('syncSuggestedHint')}</p>
          <ul class="site-list" aria-labelledby="sync-sites-title">
            {status.suggestedSites.map((p) => (
              <li key={p} class="row">
                <span>{hostOf(p)}</span>
                <button type="button" class="button" onClick={() => enableHere(p)} aria-label={t('syncEnableHereLabel', hostOf(p))}>
                  {t('syncEnableHere')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.conflicts.length > 0 && (
        <div role="group" aria-labelledby="sync-conflicts-title">
          <h4 id="sync-conflicts-title" class="section-title">
            {t('syncConflicts')}
          </h4>
          <p class="muted">{t('syncConflictsHint')}</p>
          <ul aria-labelledby="sync-conflicts-title">
            {status.conflicts.map((c, i) => (
              <li key={`${c.at}-${i}`}>{t(c.winner === 'here' ? 'syncConflictHere' : 'syncConflictOther', itemLabel(c), formatDateTime(c.at))}</li>
            ))}
          </ul>
        </div>
      )}
      <StatusLine message={message} />
    </section>
  );
}
