import { t } from '../../shared/i18n';
import type { Source, Speaker } from '../../shared/types';
import { Cites, place } from './common';

/** The speaker's name (the view's title), other names, headline with its sources, place and summary. */
export function SpeakerHeader({ speaker: s, sources }: { speaker: Speaker; sources: ReadonlyMap<string, Source> }) {
  return (
    <>
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
    </>
  );
}
