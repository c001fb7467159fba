/**
 * The import view (import.html): pick or drop files, pick a pyvideo folder,
 * paste text, import the tab the popup was opened on, or fetch a schedule
 * URL; review what was read and what it merges with; fix names, headlines,
 * titles and dates; then save, all or nothing, with progress and cancel.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TabConference } from '../../shared/messages';
import { t } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import { useImportQueue } from '../use-import-queue';
import { ExportPanel } from './ExportPanel';
import { ReadFailures } from './ReadFailures';
import { ReviewList } from './ReviewList';
import { SaveResult } from './SaveResult';
import { SourcePicker } from './SourcePicker';
import { TaskProgress } from './TaskProgress';

export interface ImportAppProps {
  /** The tab to offer "Import this page" for (`?tab=` from the popup). */
  tabId?: number;
}

export function ImportApp({ tabId }: ImportAppProps) {
  const q = useImportQueue();
  const [conference, setConference] = useState<TabConference | null>(null);

  useEffect(() => {
    document.body.dataset.ready = '1';
    if (tabId !== undefined) {
      void callBackground('tabConference', { tabId }).then((r) => r.ok && setConference(r.value));
    }
  }, [tabId]);

  return (
    <main class="import">
      <h1>{t('importTitle')}</h1>
      <SourcePicker tabId={tabId} conference={conference} busy={q.busy} onFiles={q.addFiles} onText={q.addText} onPage={q.addPage} onUrl={q.addUrl} />
      {q.progress && <TaskProgress progress={q.progress} onCancel={q.cancel} />}
      {q.failures.length > 0 && <ReadFailures failures={q.failures} />}
      {q.outcome && <SaveResult outcome={q.outcome} />}
      {q.entries.length > 0 && (
        <ReviewList
          entries={q.entries}
          previews={q.previews}
          busy={q.busy}
          unconfirmed={q.unconfirmed}
          isConfirmed={q.isConfirmed}
          onConfirm={q.confirm}
          onConfirmAll={q.confirmAll}
          onEdit={q.edit}
          onSave={() => void q.save()}
          onDiscard={q.discard}
        />
      )}
      <ExportPanel />
    </main>
  );
}
