import { formatDate, formatNumber, t } from '../../shared/i18n';
import type { Source, TalkView } from '../../shared/types';
import { Cites, place, type ViewProps, yearOf } from './common';
import { TitledSection } from './TitledSection';

type Sources = ReadonlyMap<string, Source>;

/** Talks by year ('' when unknown), newest year first. */
function byYear(talks: TalkView[]): [string, TalkView[]][] {
  const groups = new Map<string, TalkView[]>();
  for (const talk of talks) {
    const y = yearOf(talk.date ?? talk.event?.startDate ?? talk.event?.year);
    groups.set(y, [...(groups.get(y) ?? []), talk]);
  }
  return [...groups];
}

/** Every talk of the speaker, grouped under year headings. */
export function SpeakerTalks({ speakerId, talks, sources, go }: { speakerId: string; talks: TalkView[]; sources: Sources; go: ViewProps['go'] }) {
  return (
    <TitledSection id="talks-title" title={t('popupSpeakerTalks', formatNumber(talks.length))}>
      {byYear(talks).map(([year, list]) => (
        <div key={year} class="year">
          <h4 class="year__title">{year ? formatDate(year) : t('popupSpeakerUndated')}</h4>
          <ul class="plain talks">
            {list.map((talk) => (
              <TalkItem key={talk.id} talk={talk} speakerId={speakerId} sources={sources} go={go} />
            ))}
          </ul>
        </div>
      ))}
    </TitledSection>
  );
}

/** One talk: its title and event as links, place, the other speakers, video and slides, sources. */
function TalkItem({ talk, speakerId, sources, go }: { talk: TalkView; speakerId: string; sources: Sources; go: ViewProps['go'] }) {
  return (
    <li class="talk">
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
        {talk.speakers.length > 1 && ` · ${t('popupSpeakerWith', talk.speakers.filter((x) => x.id !== speakerId).map((x) => x.name).join(', '))}`}
      </span>
      {talk.links.filter((l) => l.kind === 'video' || l.kind === 'slides').map((l) => (
        <a key={l.url} class="tag-link" href={l.url} target="_blank" rel="noreferrer">
          {l.kind === 'video' ? t('commonVideo') : t('commonSlides')}
        </a>
      ))}{' '}
      <Cites ids={talk.sources} sources={sources} />
    </li>
  );
}
