import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { SearchHit } from '../../shared/messages';
import type { ViewProps } from './common';

/** Finds another speaker by name and merges them into this one. */
export function MergePicker({ keepId, name, onDone, onCancel, notify }: { keepId: string; name: string; onDone: (t: string, undo?: string) => Promise<void>; onCancel: () => void; notify: ViewProps['notify'] }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const find = async (value: string) => {
    setQ(value);
    const r = await callBackground('search', { query: value, limit: 8, interactive: true });
    if (r.ok) setHits((r.value.groups.find((g) => g.kind === 'speaker')?.hits ?? []).filter((h) => h.id !== keepId));
  };
  const merge = async (h: SearchHit) => {
    const r = await callBackground('mergeSpeakers', { keepId, otherId: h.id });
    if (!r.ok) return notify(r.error);
    await onDone(t('popupSpeakerMerged', h.label, name), r.value.undoId);
  };
  return (
    <div class="edit" role="group" aria-label={t('popupSpeakerMergeGroup')}>
      <label class="field">
        <span>{t('popupSpeakerMergeInto', name)}</span>
        <input type="search" value={q} onInput={(e) => void find((e.target as HTMLInputElement).value)} autoFocus />
      </label>
      <ul class="plain">
        {hits.map((h) => (
          <li key={h.id} class="row">
            <span>
              {h.label} <span class="muted-inline">{h.detail}</span>
            </span>
            <button type="button" class="button button--small" onClick={() => merge(h)} aria-label={t('popupSpeakerMergeLabel', h.label, name)}>
              {t('popupSpeakerMergeButton')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="button button--quiet" onClick={onCancel}>
        {t('commonCancel')}
      </button>
    </div>
  );
}
