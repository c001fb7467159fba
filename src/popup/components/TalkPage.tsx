import { useState } from 'preact/hooks';
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
        if (!data) return <p class="muted">This talk is no longer in your archive.</p>;
        return <Talk data={data} editing={editing} setEditing={setEditing} reload={reload} go={go} back={back} notify={notify} />;
      }}
    </Loading>
  );
}

function Talk({ data, editing, setEditing, reload, go, back, notify }: ViewProps & { data: TalkDetail; editing: boolean; setEditing: (b: boolean) => void; reload: () => Promise<void> }) {
  const t = data.talk;
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const save = async (v: Record<string, string>) => {
    const date = v['date']!.trim();
    if (date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return notify('Write the date as YYYY, YYYY-MM or YYYY-MM-DD.');
    const r = await callBackground('updateTalk', {
      id: t.id,
      changes: {
        title: v['title']!.trim() || t.title,
        abstract: v['abstract']!.trim() || null,
        date: date || null,
        tags: v['tags']!.split(',').map((x) => x.trim()).filter(Boolean),
      },
    });
    if (!r.ok) return notify(r.error);
    notify('Saved.', r.value.undoId);
    setEditing(false);
    await reload();
  };
  const remove = async () => {
    const r = await callBackground('deleteTalk', { id: t.id });
    if (!r.ok) return notify(r.error);
    notify(`Deleted “${t.title}”.`, r.value.undoId);
    back();
  };
  const when = [t.date, t.start && `${t.start}${t.end ? `–${t.end}` : ''}`, t.room].filter(Boolean).join(' · ');
  return (
    <article class="view" aria-labelledby="view-title">
      <h2 id="view-title" class="view__title">
        {t.title}
      </h2>
      <p>
        {t.speakers.map((s, i) => (
          <>
            {i > 0 && ', '}
            <button key={s.id} type="button" class="link" onClick={() => go({ view: 'speaker', id: s.id })}>
              {s.name || 'Unknown speaker'}
            </button>
          </>
        ))}
      </p>
      {t.event && (
        <p>
          <button type="button" class="link" onClick={() => go({ view: 'event', id: t.event!.id })}>
            {t.event.name}
          </button>
          {place(t.event) && <span class="muted-inline"> · {place(t.event)}</span>}
        </p>
      )}
      {when && <p class="muted">{when}</p>}
      {t.abstract[0] && (
        <p class="abstract">
          {t.abstract[0].value} <Cites ids={t.abstract[0].sources} sources={sources} />
        </p>
      )}
      {t.tags.length > 0 && (
        <ul class="chips" aria-label="Tags">
          {t.tags.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
      {t.links.length > 0 && (
        <ul class="plain">
          {t.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} target="_blank" rel="noreferrer">
                {l.label ?? (l.kind === 'video' ? 'Video' : l.kind === 'slides' ? 'Slides' : l.url)}
              </a>{' '}
              <Cites ids={l.sources} sources={sources} />
            </li>
          ))}
        </ul>
      )}
      <div class="row actions">
        <button type="button" class="button button--quiet" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          Edit
        </button>
        <button type="button" class="button button--danger" onClick={remove}>
          Delete
        </button>
      </div>
      {editing && (
        <EditForm
          fields={[
            { name: 'title', label: 'Title', value: t.title },
            { name: 'date', label: 'Date', value: t.date ?? '', hint: 'YYYY, YYYY-MM or YYYY-MM-DD' },
            { name: 'tags', label: 'Tags', value: t.tags.join(', '), hint: 'Separated by commas' },
            { name: 'abstract', label: 'Abstract', value: t.abstract[0]?.value ?? '', multiline: true },
          ]}
          onSave={save}
          onCancel={() => setEditing(false)}
        />
      )}
      <SourceList sources={data.sources} notify={notify} onChange={() => void reload()} />
    </article>
  );
}
