import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import type { ContentSettings, MarkStyle } from '../../shared/content-settings';
import type { ImportMode } from '../../shared/archive-format';
import { formatNumber, t, tn } from '../../shared/i18n';
import { callBackground, callOrThrow } from '../../shared/messaging';
import { loadContentSettings, loadTheme, saveContentSettings, saveTheme, type Theme } from '../preferences';
import { isFullPage, searchFor } from '../route';
import { SitesSettings } from './SitesSettings';
import { SyncSettings } from './SyncSettings';
import { SubscriptionsSettings } from './SubscriptionsSettings';
import type { ViewProps } from './common';
import { download } from '../../shared/download';
import { exportArchiveParts, importArchiveInSlices } from '../../shared/archive-transfer';

/** Settings: sites, hover card, theme, and the archive (export, import, sample, delete everything). */
export function Settings({ notify, onArchiveChanged }: ViewProps & { onArchiveChanged: () => void }) {
  const [content, setContent] = useState<ContentSettings | null>(null);
  const [theme, setTheme] = useState<Theme>('system');
  const [confirming, setConfirming] = useState(false);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const full = isFullPage();

  useEffect(() => {
    void loadContentSettings().then(setContent);
    void loadTheme().then(setTheme);
  }, []);

  const update = (patch: Partial<ContentSettings>) => {
    if (!content) return;
    const next = { ...content, ...patch };
    setContent(next);
    void saveContentSettings(next);
  };

  const exportArchive = async () => {
    // In slices: a large archive is more JSON than one message may carry.
    let records = 0;
    try {
      const parts = await exportArchiveParts(callOrThrow, (_done, total) => (records = total));
      download(`podium-archive-${new Date().toISOString().slice(0, 10)}.json`, parts);
      notify(t('settingsExported', formatNumber(records)));
    } catch (e) {
      notify((e as Error).message);
    }
  };

  const importFile = async () => {
    const f = file.current?.files?.[0];
    if (!f) return;
    setBusy(true);
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(await f.text());
      } catch {
        return notify(t('settingsNotJson', f.name));
      }
      let result: Awaited<ReturnType<typeof importArchiveInSlices>>;
      try {
        result = await importArchiveInSlices(callOrThrow, doc, mode);
      } catch (e) {
        return notify((e as Error).message);
      }
      notify(t('settingsImported', tn('settingsSpeakers', result.speakers), tn('settingsTalks', result.talks), f.name));
      onArchiveChanged();
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };

  // Firefox closes the popup when a file dialog opens: the import happens in a tab.
  const openImportTab = () => void browser.tabs.create({ url: browser.runtime.getURL(`popup.html${searchFor({ view: 'settings' })}`) });
  const openImporter = () => void browser.tabs.create({ url: browser.runtime.getURL('import.html') });

  const loadSample = async () => {
    const r = await callBackground('loadSample', {});
    if (!r.ok) return notify(r.error);
    notify(t('settingsSampleLoaded', tn('settingsSpeakers', r.value.speakers), tn('settingsTalks', r.value.talks)));
    onArchiveChanged();
  };

  const clearAll = async () => {
    setConfirming(false);
    const r = await callBackground('clearArchive', {});
    if (!r.ok) return notify(r.error);
    notify(t('settingsArchiveEmptied'));
    onArchiveChanged();
  };

  return (
    <div class="view settings">
      <h2 class="view__title">{t('settingsTitle')}</h2>
      <section aria-labelledby="look-title" class="settings__section">
        <h3 id="look-title" class="section-title">{t('settingsAppearance')}</h3>
        <label class="field field--inline">
          <span>{t('settingsTheme')}</span>
          <select
            value={theme}
            onChange={(e) => {
              const t = (e.target as HTMLSelectElement).value as Theme;
              setTheme(t);
              void saveTheme(t);
            }}
          >
            <option value="system">{t('settingsThemeSystem')}</option>
            <option value="light">{t('settingsThemeLight')}</option>
            <option value="dark">{t('settingsThemeDark')}</option>
          </select>
        </label>
      </section>
      {content && (
        <section aria-labelledby="card-title" class="settings__section">
          <h3 id="card-title" class="section-title">{t('settingsOnPages')}</h3>
          <label class="check">
            <input type="checkbox" checked={content.marks} onChange={(e) => update({ marks: (e.target as HTMLInputElement).checked })} />{' '}
            {t('settingsMarks')}
          </label>
          <label class="field field--inline">
            <span>{t('settingsMarkStyle')}</span>
            <select
              value={content.markStyle}
              disabled={!content.marks || content.privacy}
              onChange={(e) => update({ markStyle: (e.target as HTMLSelectElement).value as MarkStyle })}
            >
              <option value="tint">{t('settingsMarkTint')}</option>
              <option value="underline">{t('settingsMarkUnderline')}</option>
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={content.privacy} onChange={(e) => update({ privacy: (e.target as HTMLInputElement).checked })} />{' '}
            {t('settingsPrivacy')}
          </label>
          <label class="field field--inline">
            <span>{t('settingsHoverDelay')}</span>
            <input
              type="number"
              min={0}
              max={2000}
              step={50}
              value={content.intentDelayMs}
              onChange={(e) => update({ intentDelayMs: Number((e.target as HTMLInputElement).value) })}
            />
          </label>
        </section>
      )}
      <SitesSettings />
      <SubscriptionsSettings />
      <SyncSettings />
      <section aria-labelledby="archive-title" class="settings__section">
        <h3 id="archive-title" class="section-title">{t('settingsArchive')}</h3>
        <div class="row">
          <button type="button" class="button button--quiet" onClick={exportArchive}>
            {t('settingsExport')}
          </button>
          <button type="button" class="button button--quiet" onClick={openImporter}>
            {t('settingsImport')}
          </button>
          <button type="button" class="button button--quiet" onClick={loadSample}>
            {t('popupLoadSample')}
          </button>
        </div>
        {full ? (
          <div class="row">
            <label class="field field--inline">
              <span>{t('settingsImportFile')}</span>
              <input ref={file} id="archive-file" type="file" accept=".json,application/json" onChange={importFile} disabled={busy} />
            </label>
            <label class="field field--inline">
              <span>{t('settingsImportMode')}</span>
              <select id="import-mode" value={mode} onChange={(e) => setMode((e.target as HTMLSelectElement).value as ImportMode)}>
                <option value="merge">{t('settingsModeMerge')}</option>
                <option value="replace">{t('settingsModeReplace')}</option>
              </select>
            </label>
          </div>
        ) : (
          <button type="button" class="button button--quiet" onClick={openImportTab}>
            {t('settingsImportFileTab')}
          </button>
        )}
        {confirming ? (
          <div class="row confirm" role="group" aria-label={t('settingsConfirmDelete')}>
            <span>{t('settingsDeleteQuestion')}</span>
            <button type="button" class="button button--danger" onClick={clearAll}>
              {t('settingsDeleteYes')}
            </button>
            <button type="button" class="button button--quiet" onClick={() => setConfirming(false)}>
              {t('settingsDeleteNo')}
            </button>
          </div>
        ) : (
          <button type="button" class="button button--danger" onClick={() => setConfirming(true)}>
            {t('settingsDeleteAll')}
          </button>
        )}
      </section>
    </div>
  );
}
