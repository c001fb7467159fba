import { useState } from 'preact/hooks';
import { formatDate, formatTime, t } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { TalkDetail } from '../../shared/messages';
import { Cites, EditForm, Loading, place, SourceList, useWorker, type ViewProps } from './common';

/** One talk: speakers, event, date and place, abstract, tags, links, sources; edit and delete. */
export function TalkPage({ id, go, back, notify }: ViewProps & { id: string }) {
  const [state, reload] = useWorker('getTalk', { id }, [id]);
  const [editing, setEditing] = useState(false);
  return (
    <Loading state={state}>
      {() => {
        const data = state.status === 'ready' ? state.value : null;
        if (!data) return <p class="muted">{t('popupTalkGone')}</p>;
        return <Talk data={data} editing={editing} setEditing={setEditing} reload={reload} go={go} back={back} notify={notify} />;
      }}
    </Loading>
  );
}

function Talk({ data, editing, setEditing, reload, go, back, notify }: ViewProps & { data: TalkDetail; editing: boolean; setEditing: (b: boolean) => void; reload: () => Promise<void> }) {
  const talk = data.talk;
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const save = async (v: Record<string, string>) => {
    const date = v['date']!.trim();
    if (date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return notify(t('commonDateFormat'));
    const r = await callBackground('updateTalk', {
      id: talk.id,
      changes: {
        title: v['title']!.trim() || talk.title,
        abstract: v['abstract']!.trim() || null,
        date: date || null,
        tags: v['tags']!.split(',').map((x) => x.trim()).filter(Boolean),
      },
    });
    if (!r.ok) return notify(r.error);
    notify(t('commonSaved'), r.value.undoId);
    setEditing(false);
    await reload();
  };
  const remove = async () => {
    const r = await callBackground('deleteTalk', { id: talk.id });
    if (!r.ok) return notify(r.error);
    notify(t('popupTalkDeleted', talk.title), r.value.undoId);
    back();
  };
  const when = [
    talk.date && formatDate(talk.date),
    talk.start && `${formatTime(talk.start)}${talk.end ? `–${formatTime(talk.end)}` : ''}`,
    talk.room,
  ].filter(Boolean).join(' · ');
  return (
    <article class="view" aria-labelledby="view-title">
      <h2 id="view-title" class="view__title">
        {talk.title}
        {talk.withdrawn && <span class="pill pill--withdrawn">{t('subsWithdrawnBadge')}</span>}
      </h2>
      {talk.withdrawn && (
        <p class="muted" data-testid="talk-withdrawn">
          {t('subsWithdrawnOn', formatDate(talk.withdrawn))}
        </p>
      )}
      <p>
        {talk.speakers.map((s, i) => (
          <>
            {i > 0 && ', '}
            <button key={s.id} type="button" class="link" onClick={() => go({ view: 'speaker', id: s.id })}>
              {s.name || t('popupTalkUnknownSpeaker')}
            </button>
          </>
        ))}
      </p>
      {talk.event && (
        <p>
          <button type="button" class="link" onClick={() => go({ view: 'event', id: talk.event!.id })}>
            {talk.event.name}
          </button>
          {place(talk.event) && <span class="muted-inline"> · {place(talk.event)}</span>}
        </p>
      )}
      {when && <p class="muted">{when}</p>}
      {talk.abstract[0] && (
        <p class="abstract">
          {talk.abstract[0].value} <Cites ids={talk.abstract[0].sources} sources={sources} />
        </p>
      )}
      {talk.tags.length > 0 && (
        <ul class="chips" aria-label={t('popupTalkTags')}>
          {talk.tags.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
      {talk.links.length > 0 && (
        <ul class="plain">
          {talk.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} target="_blank" rel="noreferrer">
                {l.label ?? (l.kind === 'video' ? t('commonVideo') : l.kind === 'slides' ? t('commonSlides') : l.url)}
              </a>{' '}
              <Cites ids={l.sources} sources={sources} />
            </li>
          ))}
        </ul>
      )}
      <div class="row actions">
        <button type="button" class="button button--quiet" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {t('commonEdit')}
        </button>
        <button type="button" class="button button--danger" onClick={remove}>
          {t('commonDelete')}
        </button>
      </div>
      {editing && (
        <EditForm
          fields={[
            { name: 'title', label: t('popupSpeakerFieldTitle'), value: talk.title },
            { name: 'date', label: t('popupSpeakerFieldDate'), value: talk.date ?? '', hint: t('commonDateHint') },
            { name: 'tags', label: t('popupTalkTags'), value: talk.tags.join(', '), hint: t('commonCommaHint') },
            { name: 'abstract', label: t('popupTalkAbstract'), value: talk.abstract[0]?.value ?? '', multiline: true },
          ]}
          onSave={save}
          onCancel={() => setEditing(false)}
        />
      )}
      <SourceList sources={data.sources} notify={notify} onChange={() => void reload()} />
    </article>
  );
}
