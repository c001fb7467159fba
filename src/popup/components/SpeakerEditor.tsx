import { t } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { Speaker, SpeakerWithTalks } from '../../shared/types';
import { EditForm, type ViewProps } from './common';
import { MergePicker } from './MergePicker';
import { SplitForm } from './SplitForm';

/** Which editor of the speaker view is open ('view': none). */
export type SpeakerMode = 'view' | 'edit' | 'add-talk' | 'merge' | 'split';

/** What each editor gets: `onDone` reports the change (with its undo id), closes the editor and reloads. */
interface EditorProps {
  onDone: (text: string, undoId?: string) => Promise<void>;
  onCancel: () => void;
  notify: ViewProps['notify'];
}

/** The editor the toolbar opened, if any. */
export function SpeakerEditor({ data, mode, ...editor }: EditorProps & { data: SpeakerWithTalks; mode: SpeakerMode }) {
  const s = data.speaker;
  // One slot per mode, so switching editors mounts a fresh form rather than reusing the last one's state.
  return (
    <>
      {mode === 'edit' && <SpeakerEditForm speaker={s} {...editor} />}
      {mode === 'add-talk' && <AddTalkForm speakerName={s.name} {...editor} />}
      {mode === 'merge' && <MergePicker keepId={s.id} name={s.name} {...editor} />}
      {mode === 'split' && <SplitForm data={data} {...editor} />}
    </>
  );
}

/** Edits the name, other names, headline and summary; a blank name keeps the old one, other blanks clear. */
function SpeakerEditForm({ speaker: s, onDone, onCancel, notify }: EditorProps & { speaker: Speaker }) {
  const save = async (v: Record<string, string>) => {
    const aliases = v['aliases']!.split(',').map((a) => a.trim()).filter(Boolean);
    const r = await callBackground('updateSpeaker', {
      id: s.id,
      changes: {
        name: v['name']!.trim() || s.name,
        headline: v['headline']!.trim() || null,
        summary: v['summary']!.trim() || null,
        aliases,
      },
    });
    if (!r.ok) return notify(r.error);
    await onDone(t('commonSaved'), r.value.undoId);
  };
  return (
    <EditForm
      fields={[
        { name: 'name', label: t('popupSpeakerFieldName'), value: s.name },
        { name: 'aliases', label: t('popupSpeakerFieldAliases'), value: s.aliases.map((a) => a.value).join(', '), hint: t('commonCommaHint') },
        { name: 'headline', label: t('popupSpeakerFieldHeadline'), value: s.headline[0]?.value ?? '' },
        { name: 'summary', label: t('popupSpeakerFieldSummary'), value: s.summary[0]?.value ?? '', multiline: true },
      ]}
      onSave={save}
      onCancel={onCancel}
    />
  );
}

/** Adds a talk by hand: sent as a one-talk bundle from a manual source, the same path as any import. */
function AddTalkForm({ speakerName, onDone, onCancel, notify }: EditorProps & { speakerName: string }) {
  const addTalk = async (v: Record<string, string>) => {
    const title = v['title']!.trim();
    if (!title) return notify(t('popupSpeakerTalkNeedsTitle'));
    const date = v['date']!.trim();
    if (date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return notify(t('commonDateFormat'));
    const eventName = v['event']!.trim();
    const r = await callBackground('importBundle', {
      bundle: {
        source: { kind: 'manual', name: t('popupSpeakerAddedByHand'), format: 'manual' },
        speakers: [{ ref: 's', name: speakerName }],
        talks: [{ title, speakerRefs: ['s'], ...(date ? { date } : {}), ...(eventName ? { eventRef: 'e' } : {}) }],
        events: eventName ? [{ ref: 'e', name: eventName, ...(date ? { year: Number(date.slice(0, 4)) } : {}) }] : [],
        warnings: [],
      },
    });
    if (!r.ok) return notify(r.error);
    await onDone(t('popupSpeakerTalkAdded', title));
  };
  return (
    <EditForm
      submit={t('popupSpeakerAddTalk')}
      fields={[
        { name: 'title', label: t('popupSpeakerFieldTitle'), value: '' },
        { name: 'event', label: t('popupSpeakerFieldEvent'), value: '', hint: t('popupSpeakerEventHint') },
        { name: 'date', label: t('popupSpeakerFieldDate'), value: '', hint: t('commonDateHint') },
      ]}
      onSave={addTalk}
      onCancel={onCancel}
    />
  );
}
