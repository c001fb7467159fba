import { useState } from 'preact/hooks';
import { t, tn } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { SpeakerWithTalks } from '../../shared/types';
import { FormActions, type ViewProps } from './common';

/** Moves the chosen talks (and aliases) to a new speaker. */
export function SplitForm({ data, onDone, onCancel, notify }: { data: SpeakerWithTalks; onDone: (t: string, undo?: string) => Promise<void>; onCancel: () => void; notify: ViewProps['notify'] }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [name, setName] = useState(data.speaker.name);
  const toggle = (id: string) => setChosen((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set([...c, id])));
  const split = async (e: Event) => {
    e.preventDefault();
    if (chosen.size === 0) return notify(t('popupSpeakerSplitNone'));
    const r = await callBackground('splitSpeaker', { id: data.speaker.id, talkIds: [...chosen], name: name.trim() || data.speaker.name });
    if (!r.ok) return notify(r.error);
    await onDone(tn('popupSpeakerSplitDone', chosen.size, r.value.speaker.name), r.value.undoId);
  };
  return (
    <form class="edit" onSubmit={split}>
      <fieldset>
        <legend>{t('popupSpeakerSplitLegend')}</legend>
        {data.talks.map((talk) => (
          <label key={talk.id} class="check">
            <input type="checkbox" checked={chosen.has(talk.id)} onChange={() => toggle(talk.id)} /> {talk.title}
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t('popupSpeakerSplitName')}</span>
        <input type="text" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      </label>
      <FormActions submit={t('popupSpeakerSplitButton')} onCancel={onCancel} />
    </form>
  );
}
