/** Where to read from: dropped or chosen files, this tab, its conference, a schedule URL (fetch or subscribe), pasted text. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { TabConference } from '../../shared/messages';
import { t } from '../../shared/i18n';
import { subscribedMessage, subscribeWithPermission } from '../../shared/subscribe';

export interface SourcePickerProps {
  /** The tab to offer "Import this page" for. */
  tabId: number | undefined;
  /** The conference that tab shows, if the worker recognised one. */
  conference: TabConference | null;
  /** Reading or saving: no new input until it ends. */
  busy: boolean;
  onFiles(list: FileList | null): void;
  /** Resolves once read, so the field is cleared only then. */
  onText(text: string): Promise<void>;
  onPage(tabId: number): void;
  onUrl(url: string): void;
}

export function SourcePicker({ tabId, conference, busy, onFiles, onText, onPage, onUrl }: SourcePickerProps) {
  const [paste, setPaste] = useState('');
  const [url, setUrl] = useState('');
  const [subscribing, setSubscribing] = useState(false);
  const [subscription, setSubscription] = useState('');
  const [dragging, setDragging] = useState(false);

  /** Subscribes: fetched and merged by the worker now and on its schedule, without a review (Settings → Subscriptions lists it). */
  const onSubscribe = (target: string) => {
    setSubscribing(true);
    setSubscription(t('subsFetching', target));
    void subscribeWithPermission(target).then((r) => {
      setSubscribing(false);
      setSubscription(subscribedMessage(r));
    });
  };

  // The input is emptied so that choosing the same file again fires change again.
  const onChoose = (e: JSX.TargetedEvent<HTMLInputElement>) => {
    onFiles(e.currentTarget.files);
    e.currentTarget.value = '';
  };

  return (
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
          <input type="file" multiple data-testid="file-input" disabled={busy} onChange={onChoose} />
        </label>
        <label class="button">
          {t('importChooseFolder')}
          <input type="file" {...{ webkitdirectory: '' }} data-testid="folder-input" disabled={busy} onChange={onChoose} />
        </label>
        {tabId !== undefined && (
          <button type="button" data-testid="import-page" disabled={busy} onClick={() => onPage(tabId)}>
            {t('importThisPage')}
          </button>
        )}
        {conference && (
          <button type="button" data-testid="import-conference" disabled={busy} onClick={() => onUrl(conference.url)}>
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
        <button type="button" data-testid="fetch-url" disabled={busy || !url.trim()} onClick={() => onUrl(url)}>
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
        <button type="button" data-testid="read-paste" disabled={busy || !paste.trim()} onClick={() => void onText(paste).then(() => setPaste(''))}>
          {t('importRead')}
        </button>
      </div>
    </section>
  );
}
