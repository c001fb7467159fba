import { useState } from 'preact/hooks';
import { formatDate, formatNumber, t, tn } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import type { SearchHit } from '../../shared/messages';
import type { Position, SpeakerWithTalks, TalkView } from '../../shared/types';
import { Cites, EditForm, FormActions, linkKindLabel, Loading, place, SourceList, useWorker, type ViewProps, yearOf } from './common';

type Mode = 'view' | 'edit' | 'add-talk' | 'merge' | 'split';

const span = (p: Pick<Position, 'start' | 'end' | 'current'>) =>
  p.start ? `${formatDate(p.start)}–${p.current || !p.end ? t('popupSpeakerNow') : formatDate(p.end)}` : p.end ? formatDate(p.end) : '';

/** Talks by year ('' when unknown), newest year first. */
function byYear(talks: TalkView[]): [string, TalkView[]][] {
  const groups = new Map<string, TalkView[]>();
  for (const talk of talks) {
    const y = yearOf(talk.date ?? talk.event?.startDate ?? talk.event?.year);
    groups.set(y, [...(groups.get(y) ?? []), talk]);
  }
  return [...groups];
}

/** One speaker: headline, background, skills, links, every talk by year, sources; edit, add a talk, delete, merge, split. */
export function SpeakerView({ id, go, back, notify }: ViewProps & { id: string }) {
  const [state, reload] = useWorker('getSpeaker', { id }, [id]);
  const [mode, setMode] = useState<Mode>('view');
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

function Speaker({ data, mode, setMode, reload, go, back, notify }: ViewProps & { data: SpeakerWithTalks; mode: Mode; setMode: (m: Mode) => void; reload: () => Promise<void> }) {
  const { speaker: s, talks } = data;
  const sources = new Map(data.sources.map((x) => [x.id, x]));
  const done = async (text: string, undoId?: string) => {
    notify(text, undoId);
    setMode('view');
    await reload();
  };

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
    await done(t('commonSaved'), r.value.undoId);
  };

  const addTalk = async (v: Record<string, string>) => {
    const title = v['title']!.trim();
    if (!title) return notify(t('popupSpeakerTalkNeedsTitle'));
    const date = v['date']!.trim();
    if (date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) return notify(t('commonDateFormat'));
    const eventName = v['event']!.trim();
    const r = await callBackground('importBundle', {
      bundle: {
        source: { kind: 'manual', name: t('popupSpeakerAddedByHand'), format: 'manual' },
        speakers: [{ ref: 's', name: s.name }],
        talks: [{ title, speakerRefs: ['s'], ...(date ? { date } : {}), ...(eventName ? { eventRef: 'e' } : {}) }],
        events: eventName ? [{ ref: 'e', name: eventName, ...(date ? { year: Number(date.slice(0, 4)) } : {}) }] : [],
        warnings: [],
      },
    });
    if (!r.ok) return notify(r.error);
    await done(t('popupSpeakerTalkAdded', title));
  };

  const remove = async () => {
    const r = await callBackground('deleteSpeaker', { id: s.id });
    if (!r.ok) return notify(r.error);
    const n = r.value.talksDeleted;
    notify(n ? tn('popupSpeakerDeletedWithTalks', n, s.name) : t('popupSpeakerDeleted', s.name), r.value.undoId);
    back();
  };

  return (
    <article class="view" aria-labelledby="view-title">
      <h2 id="view-title" class="view__title">
        {s.name}
      </h2>
      {s.aliases.length > 0 && <p class="muted">{t('popupSpeakerAlso', s.aliases.map((a) => a.value).join(', '))}</p>}
      {s.headline[0] && (
        <p class="headline" data-testid="headline">
          {s.headline[0].value} <Cites ids={s.headline[0].sources} sources={sources} />
        </p>
      )}
      {s.location[0] && <p class="muted">{place(s.location[0].value)}</p>}
      {s.summary[0] && <p>{s.summary[0].value}</p>}

      <div class="row actions">
        <button type="button" class="button button--quiet" onClick={() => setMode('edit')} aria-expanded={mode === 'edit'}>
          {t('commonEdit')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => setMode('add-talk')} aria-expanded={mode === 'add-talk'}>
          {t('popupSpeakerAddTalk')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => setMode('merge')} aria-expanded={mode === 'merge'}>
          {t('popupSpeakerMerge')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => setMode('split')} aria-expanded={mode === 'split'} disabled={talks.length < 1}>
          {t('popupSpeakerSplit')}
        </button>
        <button type="button" class="button button--danger" onClick={remove}>
          {t('commonDelete')}
        </button>
      </div>
      {mode === 'edit' && (
        <EditForm
          fields={[
            { name: 'name', label: t('popupSpeakerFieldName'), value: s.name },
            { name: 'aliases', label: t('popupSpeakerFieldAliases'), value: s.aliases.map((a) => a.value).join(', '), hint: t('commonCommaHint') },
            { name: 'headline', label: t('popupSpeakerFieldHeadline'), value: s.headline[0]?.value ?? '' },
            { name: 'summary', label: t('popupSpeakerFieldSummary'), value: s.summary[0]?.value ?? '', multiline: true },
          ]}
          onSave={save}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'add-talk' && (
        <EditForm
          submit={t('popupSpeakerAddTalk')}
          fields={[
            { name: 'title', label: t('popupSpeakerFieldTitle'), value: '' },
            { name: 'event', label: t('popupSpeakerFieldEvent'), value: '', hint: t('popupSpeakerEventHint') },
            { name: 'date', label: t('popupSpeakerFieldDate'), value: '', hint: t('commonDateHint') },
          ]}
          onSave={addTalk}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'merge' && <MergePicker keepId={s.id} name={s.name} onDone={done} onCancel={() => setMode('view')} notify={notify} />}
      {mode === 'split' && <SplitForm data={data} onDone={done} onCancel={() => setMode('view')} notify={notify} />}

      {s.positions.length > 0 && (
        <section aria-labelledby="bg-title">
          <h3 id="bg-title" class="section-title">{t('popupSpeakerBackground')}</h3>
          <ol class="timeline">
            {[...s.positions]
              .sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''))
              .map((p, i) => (
                <li key={i}>
                  <span class="timeline__when">{span(p)}</span>
                  <span>
                    {[p.title, p.organisation].filter(Boolean).join(', ')}
                    {p.location && place(p.location) ? ` · ${place(p.location)}` : ''} <Cites ids={p.sources} sources={sources} />
                  </span>
                </li>
              ))}
          </ol>
        </section>
      )}
      {s.education.length > 0 && (
        <section aria-labelledby="edu-title">
          <h3 id="edu-title" class="section-title">{t('popupSpeakerEducation')}</h3>
          <ul class="plain">
            {s.education.map((e, i) => (
              <li key={i}>
                {[e.degree, e.field, e.institution].filter(Boolean).join(', ')} {e.end ? `(${formatDate(e.end)})` : ''} <Cites ids={e.sources} sources={sources} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.skills.length > 0 && (
        <section aria-labelledby="skills-title">
          <h3 id="skills-title" class="section-title">{t('popupSpeakerSkills')}</h3>
          <ul class="chips">
            {s.skills.map((k) => (
              <li key={k.value} title={k.sources.map((x) => sources.get(x)?.name ?? x).join(', ')}>
                {k.value}
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.links.length > 0 && (
        <section aria-labelledby="links-title">
          <h3 id="links-title" class="section-title">{t('popupSpeakerLinks')}</h3>
          <ul class="plain">
            {s.links.map((l) => (
              <li key={l.url}>
                <a href={l.url} target="_blank" rel="noreferrer">
                  {l.label ?? l.url.replace(/^https?:\/\//, '')}
                </a>{' '}
                <span class="muted-inline">{linkKindLabel(l.kind)}</span> <Cites ids={l.sources} sources={sources} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="talks-title">
        <h3 id="talks-title" class="section-title">
          {t('popupSpeakerTalks', formatNumber(talks.length))}
        </h3>
        {byYear(talks).map(([year, list]) => (
          <div key={year} class="year">
            <h4 class="year__title">{year ? formatDate(year) : t('popupSpeakerUndated')}</h4>
            <ul class="plain talks">
              {list.map((talk) => (
                <li key={talk.id} class="talk">
                  <button type="button" class="link" onClick={() => go({ view: 'talk', id: talk.id })}>
                    {talk.title}
                  </button>
                  {talk.withdrawn && <span class="pill pill--withdrawn">{t('subsWithdrawnBadge')}</span>}
                  <span class="muted-inline">
                    {talk.event && (
                      <>
                        {' · '}
                        <button type="button" class="link link--muted" onClick={() => go({ view: 'event', id: talk.event!.id })}>
                          {talk.event.name}
                        </button>
                      </>
                    )}
                    {place(talk.event) && ` · ${place(talk.event)}`}
                    {talk.speakers.length > 1 && ` · ${t('popupSpeakerWith', talk.speakers.filter((x) => x.id !== s.id).map((x) => x.name).join(', '))}`}
                  </span>
                  {talk.links.filter((l) => l.kind === 'video' || l.kind === 'slides').map((l) => (
                    <a key={l.url} class="tag-link" href={l.url} target="_blank" rel="noreferrer">
                      {l.kind === 'video' ? t('commonVideo') : t('commonSlides')}
                    </a>
                  ))}{' '}
                  <Cites ids={talk.sources} sources={sources} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      {data.coSpeakers.length > 0 && (
        <section aria-labelledby="co-title">
          <h3 id="co-title" class="section-title">{t('popupSpeakerSharedStage')}</h3>
          <ul class="plain">
            {data.coSpeakers.map((c) => (
              <li key={c.id}>
                <button type="button" class="link" onClick={() => go({ view: 'speaker', id: c.id })}>
                  {c.name}
                </button>{' '}
                <span class="muted-inline">({formatNumber(c.talks)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <SourceList sources={data.sources} notify={notify} onChange={() => void reload()} />
    </article>
  );
}

/** Finds another speaker by name and merges them into this one. */
function MergePicker({ keepId, name, onDone, onCancel, notify }: { keepId: string; name: string; onDone: (t: string, undo?: string) => Promise<void>; onCancel: () => void; notify: ViewProps['notify'] }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const find = async (value: string) => {
    setQ(value);
    const r = await callBackground('search', { query: value, limit: 8 });
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

/** Moves the chosen talks (and aliases) to a new speaker. */
function SplitForm({ data, onDone, onCancel, notify }: { data: SpeakerWithTalks; onDone: (t: string, undo?: string) => Promise<void>; onCancel: () => void; notify: ViewProps['notify'] }) {
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
