import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import type { ContentSettings, MarkStyle } from '../../shared/content-settings';
import type { ImportMode } from '../../shared/archive-format';
import { callBackground, callOrThrow } from '../../shared/messaging';
import { loadContentSettings, loadTheme, saveContentSettings, saveTheme, type Theme } from '../preferences';
import { isFullPage, searchFor } from '../route';
import { SitesSettings } from './SitesSettings';
import type { ViewProps } from './common';
import { download } from '../download';
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
      notify(`Exported the archive (${records.toLocaleString()} records).`);
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
        return notify(`${f.name} is not a JSON file.`);
      }
      let result: Awaited<ReturnType<typeof importArchiveInSlices>>;
      try {
        result = await importArchiveInSlices(callOrThrow, doc, mode);
      } catch (e) {
        return notify((e as Error).message);
      }
      notify(`Imported ${result.speakers} speakers and ${result.talks} talks from ${f.name}.`);
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
    notify(`Sample loaded: ${r.value.speakers} speakers, ${r.value.talks} talks.`);
    onArchiveChanged();
  };

  const clearAll = async () => {
    setConfirming(false);
    const r = await callBackground('clearArchive', {});
    if (!r.ok) return notify(r.error);
    notify('Your archive is empty.');
    onArchiveChanged();
  };

  return (
    <div class="view settings">
      <h2 class="view__title">Settings</h2>
      <section aria-labelledby="look-title" class="settings__section">
        <h3 id="look-title" class="section-title">Appearance</h3>
        <label class="field field--inline">
          <span>Theme</span>
          <select
            value={theme}
            onChange={(e) => {
              const t = (e.target as HTMLSelectElement).value as Theme;
              setTheme(t);
              void saveTheme(t);
            }}
          >
            <option value="system">Same as the browser</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </section>
      {content && (
        <section aria-labelledby="card-title" class="settings__section">
          <h3 id="card-title" class="section-title">On event pages</h3>
          <label class="check">
            <input type="checkbox" checked={content.marks} onChange={(e) => update({ marks: (e.target as HTMLInputElement).checked })} /> Highlight names
            of speakers in your archive
          </label>
          <label class="field field--inline">
            <span>Highlight style</span>
            <select
              value={content.markStyle}
              disabled={!content.marks || content.privacy}
              onChange={(e) => update({ markStyle: (e.target as HTMLSelectElement).value as MarkStyle })}
            >
              <option value="tint">Amber tint</option>
              <option value="underline">Dotted underline</option>
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={content.privacy} onChange={(e) => update({ privacy: (e.target as HTMLInputElement).checked })} /> Private mode:
            mark nothing, show a card only for the name under the pointer
          </label>
          <label class="field field--inline">
            <span>Hover delay (ms)</span>
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
      <section aria-labelledby="archive-title" class="settings__section">
        <h3 id="archive-title" class="section-title">Archive</h3>
        <div class="row">
          <button type="button" class="button button--quiet" onClick={exportArchive}>
            Export archive
          </button>
          <button type="button" class="button button--quiet" onClick={openImporter}>
            Import…
          </button>
          <button type="button" class="button button--quiet" onClick={loadSample}>
            Load sample archive
          </button>
        </div>
        {full ? (
          <div class="row">
            <label class="field field--inline">
              <span>Import an archive file</span>
              <input ref={file} id="archive-file" type="file" accept=".json,application/json" onChange={importFile} disabled={busy} />
            </label>
            <label class="field field--inline">
              <span>Mode</span>
              <select id="import-mode" value={mode} onChange={(e) => setMode((e.target as HTMLSelectElement).value as ImportMode)}>
                <option value="merge">Merge into my archive</option>
                <option value="replace">Replace my archive</option>
              </select>
            </label>
          </div>
        ) : (
          <button type="button" class="button button--quiet" onClick={openImportTab}>
            Import an archive file…
          </button>
        )}
        {confirming ? (
          <div class="row confirm" role="group" aria-label="Confirm deleting everything">
            <span>Delete every speaker, talk and event? This cannot be undone.</span>
            <button type="button" class="button button--danger" onClick={clearAll}>
              Yes, delete everything
            </button>
            <button type="button" class="button button--quiet" onClick={() => setConfirming(false)}>
              Keep my archive
            </button>
          </div>
        ) : (
          <button type="button" class="button button--danger" onClick={() => setConfirming(true)}>
            Delete everything…
          </button>
        )}
      </section>
    </div>
  );
}
