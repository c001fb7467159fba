import { formatDateRange, formatNumber, t } from '../../shared/i18n';
import { Loading, place, SourceList, useWorker, type ViewProps } from './common';

/** One event: when and where, and its talks. */
export function EventPage({ id, go, notify }: ViewProps & { id: string }) {
  const [state, reload] = useWorker('getEvent', { id }, [id]);
  return (
    <Loading state={state}>
      {() => {
        const data = state.status === 'ready' ? state.value : null;
        if (!data) return <p class="muted">{t('popupEventGone')}</p>;
        const e = data.event;
        const dates = formatDateRange(e.startDate, e.endDate) || (e.year ? String(e.year) : '');
        return (
          <article class="view" aria-labelledby="view-title">
            <h2 id="view-title" class="view__title">
              {e.name}
            </h2>
            <p class="muted">{[dates, e.venue, place(e)].filter(Boolean).join(' · ')}</p>
            {e.url && (
              <p>
                <a href={e.url} target="_blank" rel="noreferrer">
                  {t('popupEventWebsite')}
                </a>
              </p>
            )}
            <section aria-labelledby="talks-title">
              <h3 id="talks-title" class="section-title">
                {t('popupSpeakerTalks', formatNumber(data.talks.length))}
              </h3>
              <ul class="plain talks">
                {data.talks.map((talk) => (
                  <li key={talk.id} class="talk">
                    <button type="button" class="link" onClick={() => go({ view: 'talk', id: talk.id })}>
                      {talk.title}
                    </button>
                    {talk.withdrawn && <span class="pill pill--withdrawn">{t('subsWithdrawnBadge')}</span>}
                    <span class="muted-inline"> · {talk.speakers.map((s) => s.name).join(', ')}</span>
                  </li>
                ))}
              </ul>
            </section>
            <SourceList sources={data.sources} notify={notify} onChange={() => void reload()} />
          </article>
        );
      }}
    </Loading>
  );
}
