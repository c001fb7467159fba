import { t, tn } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { Speaker } from '../../shared/types';
import type { ViewProps } from './common';
import type { SpeakerMode } from './SpeakerEditor';

/** The speaker's action buttons: each opener marks whether its editor is open; Delete offers undo and leaves the view. */
export function SpeakerToolbar({ speaker: s, canSplit, mode, setMode, notify, back }: Pick<ViewProps, 'notify' | 'back'> & { speaker: Speaker; canSplit: boolean; mode: SpeakerMode; setMode: (m: SpeakerMode) => void }) {
  const remove = async () => {
    const r = await callBackground('deleteSpeaker', { id: s.id });
    if (!r.ok) return notify(r.error);
    const n = r.value.talksDeleted;
    notify(n ? tn('popupSpeakerDeletedWithTalks', n, s.name) : t('popupSpeakerDeleted', s.name), r.value.undoId);
    back();
  };
  const opener = { current: mode, setMode };
  return (
    <div class="row actions">
      <EditorOpener {...opener} mode="edit" label={t('commonEdit')} />
      <EditorOpener {...opener} mode="add-talk" label={t('popupSpeakerAddTalk')} />
      <EditorOpener {...opener} mode="merge" label={t('popupSpeakerMerge')} />
      <EditorOpener {...opener} mode="split" label={t('popupSpeakerSplit')} disabled={!canSplit} />
      <button type="button" class="button button--danger" onClick={remove}>
        {t('commonDelete')}
      </button>
    </div>
  );
}

/** A button that opens one editor; `aria-expanded` tells whether that editor is the open one. */
function EditorOpener({ mode, current, setMode, label, disabled }: { mode: SpeakerMode; current: SpeakerMode; setMode: (m: SpeakerMode) => void; label: string; disabled?: boolean }) {
  return (
    <button type="button" class="button button--quiet" onClick={() => setMode(mode)} aria-expanded={current === mode} disabled={disabled}>
      {label}
    </button>
  );
}
