import { useState } from 'preact/hooks';
import { formatNumber, t } from '../../shared/i18n';
import type { SpeakerWithTalks } from '../../shared/types';
import { Loading, SourceList, useWorker, type ViewProps } from './common';
import { SpeakerBackground } from './SpeakerBackground';
import { SpeakerEditor, type SpeakerMode } from './SpeakerEditor';
import { SpeakerHeader } from './SpeakerHeader';
import { SpeakerTalks } from './SpeakerTalks';
import { SpeakerToolbar } from './SpeakerToolbar';
import { TitledList } from './TitledSection';

/** One speaker: headline, background, skills, links, every talk by year, sources; edit, add a talk, delete, merge, split. */
export function SpeakerView({ id, go, back, notify }: ViewProps & { id: string }) {
  const [state, reload] = useWorker('getSpeaker', { id }, [id]);
  const [mode, setMode] = useState<SpeakerMode>('view');
  return (
    <Loading state={state}>
      {() => {
        const data = state.status === 'ready' ? state.value : null;
        if (!data) return <p class="muted">{t('popupSpeakerGone')}</p>;
        return <Speaker data={data} mode={mode} setMode={setMode} reload={reload} go={go} back={back} notify={notify} />;
      }}
    </Loading>
  );
}

/** The loaded speaker's page, part by part in reading order. */
function Speaker({ data, mode, setMode, reload, go, back, notify }: ViewProps & { data: SpeakerWithTalks; mode: SpeakerMode; setMode: (m: SpeakerMode) => void; reload: () => Promise<void> }) {
  const { speaker: s, talks } = data;
  const sources = new Map(data.sources.map((x) => [x.id, x]));
  // Every edit ends alike: say what changed (with its undo), close the editor, show the record as it now is.
  const done = async (text: string, undoId?: string) => {
    notify(text, undoId);
    setMode('view');
    await reload();
  };
  return (
    <article class="view" aria-labelledby="view-title">
      <SpeakerHeader speaker={s} sources={sources} />
      <SpeakerToolbar speaker={s} canSplit={talks.length > 0} mode={mode} setMode={setMode} notify={notify} back={back} />
      <SpeakerEditor data={data} mode={mode} onDone={done} onCancel={() => setMode('view')} notify={notify} />
      <SpeakerBackground speaker={s} sources={sources} />
      <SpeakerTalks speakerId={s.id} talks={talks} sources={sources} go={go} />
      <CoSpeakers coSpeakers={data.coSpeakers} go={go} />
      <SourceList sources={data.sources} notify={notify} onChange={() => void reload()} />
    </article>
  );
}

/** The people this speaker shared a talk with, and how many talks, each a link to their page. */
function CoSpeakers({ coSpeakers, go }: { coSpeakers: SpeakerWithTalks['coSpeakers']; go: ViewProps['go'] }) {
  return (
    <TitledList id="co-title" title={t('popupSpeakerSharedStage')} listClass="plain" items={coSpeakers}>
      {(c) => (
        <li key={c.id}>
          <button type="button" class="link" onClick={() => go({ view: 'speaker', id: c.id })}>
            {c.name}
          </button>{' '}
          <span class="muted-inline">({formatNumber(c.talks)})</span>
        </li>
      )}
    </TitledList>
  );
}
