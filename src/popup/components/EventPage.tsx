import { Loading, place, SourceList, useWorker, type ViewProps } from './common';

/** One event: when and where, and its talks. */
export function EventPage({ id, go, notify }: ViewProps & { id: string }) {
  const [state, reload] = useWorker('getEvent', { id }, [id]);
  return (
    <Loading state={state}>
      {() => {
        const data = state.status === 'ready' ? state.value : null;
        if (!data) return <p class="muted">This event is no longer in your archive.</p>;
        const e = data.event;
        const dates = [e.startDate, e.endDate].filter(Boolean).join(' – ') || (e.year ? String(e.year) : '');
        return (
          <article class="view" aria-labelledby="view-title">
            <h2 id="view-title" class="view__title">
              {e.name}
            </h2>
            <p class="muted">{[dates, e.venue, place(e)].filter(Boolean).join(' · ')}</p>
            {e.url && (
              <p>
                <a href={e.url} target="_blank" rel="noreferrer">
                  Event website
                </a>
              </p>
            )}
            <section aria-labelledby="talks-title">
              <h3 id="talks-title" class="section-title">
                Talks ({data.talks.length})
              </h3>
              <ul class="plain talks">
                {data.talks.map((t) => (
                  <li key={t.id} class="talk">
                    <button type="button" class="link" onClick={() => go({ view: 'talk', id: t.id })}>
                      {t.title}
                    </button>
                    <span class="muted-inline"> · {t.speakers.map((s) => s.name).join(', ')}</span>
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
