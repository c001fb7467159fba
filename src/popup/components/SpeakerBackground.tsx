import { formatDate, t } from '../../shared/i18n';
import type { Position, Source, Speaker } from '../../shared/types';
import { Cites, linkKindLabel, place } from './common';
import { TitledList } from './TitledSection';

/** A position's time span: "start–end", "start–now" while current or open-ended, or just the end. */
const span = (p: Pick<Position, 'start' | 'end' | 'current'>) =>
  p.start ? `${formatDate(p.start)}–${p.current || !p.end ? t('popupSpeakerNow') : formatDate(p.end)}` : p.end ? formatDate(p.end) : '';

/**
 * The speaker's background, each part only when it has entries: positions
 * as a timeline (latest start first), education, skills as chips (sources
 * in a tooltip, as chips have no room for them), and links with their kind.
 */
export function SpeakerBackground({ speaker: s, sources }: { speaker: Speaker; sources: ReadonlyMap<string, Source> }) {
  return (
    <>
      <TitledList id="bg-title" title={t('popupSpeakerBackground')} ordered listClass="timeline" items={[...s.positions].sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''))}>
        {(p, i) => (
          <li key={i}>
            <span class="timeline__when">{span(p)}</span>
            <span>
              {[p.title, p.organisation].filter(Boolean).join(', ')}
              {p.location && place(p.location) ? ` · ${place(p.location)}` : ''} <Cites ids={p.sources} sources={sources} />
            </span>
          </li>
        )}
      </TitledList>
      <TitledList id="edu-title" title={t('popupSpeakerEducation')} listClass="plain" items={s.education}>
        {(e, i) => (
          <li key={i}>
            {[e.degree, e.field, e.institution].filter(Boolean).join(', ')} {e.end ? `(${formatDate(e.end)})` : ''} <Cites ids={e.sources} sources={sources} />
          </li>
        )}
      </TitledList>
      <TitledList id="skills-title" title={t('popupSpeakerSkills')} listClass="chips" items={s.skills}>
        {(k) => (
          <li key={k.value} title={k.sources.map((x) => sources.get(x)?.name ?? x).join(', ')}>
            {k.value}
          </li>
        )}
      </TitledList>
      <TitledList id="links-title" title={t('popupSpeakerLinks')} listClass="plain" items={s.links}>
        {(l) => (
          <li key={l.url}>
            {/* Without a label, the URL minus its scheme names the link. */}
            <a href={l.url} target="_blank" rel="noreferrer">
              {l.label ?? l.url.replace(/^https?:\/\//, '')}
            </a>{' '}
            <span class="muted-inline">{linkKindLabel(l.kind)}</span> <Cites ids={l.sources} sources={sources} />
          </li>
        )}
      </TitledList>
    </>
  );
}
