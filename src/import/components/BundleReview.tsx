/**
 * One bundle in the review: its people (with their roles), talks, events
 * and warnings; what each merges with in the archive; inline fields to fix
 * names, headlines, titles and dates; a confirmation for guessed fields.
 */
import { useMemo } from 'preact/hooks';
import type { ImportPreview, PreviewMatch } from '../../shared/messages';
import { formatDate, formatNumber, formatTime, type MessageKey, t, tn } from '../../shared/i18n';
import type { DraftSpeaker, DraftTalk, ImportBundle, TalkKind } from '../../shared/types';

/** Records shown with fields; the rest of a large bundle is summarised (people with guessed fields are always shown). */
export const SHOWN = 100;

export interface BundleReviewProps {
  bundle: ImportBundle;
  /** The worker's preview, an error message, or undefined while it loads. */
  preview: ImportPreview | string | undefined;
  editable: boolean;
  confirmed(ref: string): boolean;
  onConfirm(ref: string, yes: boolean): void;
  onChange(change: (b: ImportBundle) => ImportBundle): void;
}

const MERGES_WITH = { person: 'importMergesWithPerson', talk: 'importMergesWithTalk', event: 'importMergesWithEvent' } as const;

function MergeNote({ match, what }: { match: PreviewMatch | undefined; what: keyof typeof MERGES_WITH }) {
  return match ? (
    <span class="merge" data-testid="merge-note">
      {t(MERGES_WITH[what], match.label)}
    </span>
  ) : (
    <span class="new">{t('importNew')}</span>
  );
}

const ROLES: Record<TalkKind, MessageKey> = {
  talk: 'importRoleSpeaker',
  keynote: 'importRoleKeynote',
  panel: 'importRolePanelist',
  workshop: 'importRoleWorkshop',
  lightning: 'importRoleLightning',
  other: 'importRoleOther',
};

const FIELDS: Record<NonNullable<DraftSpeaker['inferred']>[number], MessageKey> = {
  name: 'importFieldName',
  headline: 'importFieldHeadline',
  location: 'importFieldLocation',
};

const byIndex = (list: PreviewMatch[] | undefined) => new Map((list ?? []).map((m) => [m.index, m]));

export function BundleReview({ bundle, preview, editable, confirmed, onConfirm, onChange }: BundleReviewProps) {
  const p = typeof preview === 'object' ? preview : undefined;
  const speakersMerge = byIndex(p?.speakers);
  const talksMerge = byIndex(p?.talks);
  const eventsMerge = byIndex(p?.events);
  // Once per bundle, not per render: the page re-renders on every progress step, and a schedule has 25,000 talks.
  const nameOf = useMemo(() => new Map(bundle.speakers.map((s) => [s.ref, s.name])), [bundle.speakers]);
  const eventOf = useMemo(() => new Map(bundle.events.map((e) => [e.ref, e.name])), [bundle.events]);
  const kindsOf = useMemo(() => {
    const kinds = new Map<string, Set<TalkKind>>();
    for (const talk of bundle.talks) for (const ref of talk.speakerRefs) (kinds.get(ref) ?? kinds.set(ref, new Set()).get(ref)!).add(talk.kind ?? 'talk');
    return kinds;
  }, [bundle.talks]);

  const setSpeaker = (i: number, change: Partial<DraftSpeaker>) =>
    onChange((b) => ({ ...b, speakers: b.speakers.map((s, j) => (j === i ? { ...s, ...change } : s)) }));
  const setTalk = (i: number, change: Partial<DraftTalk>) =>
    onChange((b) => ({ ...b, talks: b.talks.map((t, j) => (j === i ? { ...t, ...change } : t)) }));
  const rolesOf = (ref: string) => {
    const kinds = kindsOf.get(ref) ?? [];
    return [...kinds].map((k) => t(ROLES[k]));
  };

  return (
    <article class="bundle" data-testid="bundle">
      <h3>
        {bundle.source.name} <span class="format">({bundle.source.format})</span>
      </h3>
      <p class="counts" data-testid="bundle-counts">
        {t('importCounts', tn('importCountPeople', bundle.speakers.length), tn('importCountTalks', bundle.talks.length), tn('importCountEvents', bundle.events.length))}
        {p && (
          <>
            {' · '}
            {t(
              'importWillCreate',
              ...[p.result.speakers.created, p.result.talks.created, p.result.events.created, p.result.speakers.merged, p.result.talks.merged, p.result.events.merged].map(formatNumber),
            )}
          </>
        )}
        {typeof preview === 'string' && <span class="error"> · {preview}</span>}
      </p>

      {bundle.warnings.length > 0 && (
        <ul class="warnings" data-testid="warnings">
          {bundle.warnings.slice(0, 50).map((w, i) => (
            <li key={i}>{w}</li>
          ))}
          {bundle.warnings.length > 50 && <li>{tn('importMoreWarnings', bundle.warnings.length - 50)}</li>}
        </ul>
      )}

      {bundle.speakers.length > 0 && (
        <table class="people">
          <caption>{t('importPeople')}</caption>
          <thead>
            <tr>
              <th>{t('importColName')}</th>
              <th>{t('importColHeadline')}</th>
              <th>{t('importColRole')}</th>
              <th>{t('importColInArchive')}</th>
            </tr>
          </thead>
          <tbody>
            {bundle.speakers.map((s, i) => (i < SHOWN || s.inferred?.length ? (
              <tr key={s.ref} data-testid="speaker">
                <td>
                  <input
                    aria-label={t('importColName')}
                    data-testid="speaker-name"
                    value={s.name}
                    disabled={!editable}
                    onChange={(e) => {
                      setSpeaker(i, { name: e.currentTarget.value });
                      if (s.inferred?.includes('name')) onConfirm(s.ref, true);
                    }}
                  />
                  {s.inferred?.length ? (
                    <label class="inferred" data-testid="confirm-inferred">
                      <input type="checkbox" checked={confirmed(s.ref)} disabled={!editable} onChange={(e) => onConfirm(s.ref, e.currentTarget.checked)} />
                      {t('importGuessed', s.inferred.map((f) => t(FIELDS[f])).join(', '))}
                    </label>
                  ) : null}
                </td>
                <td>
                  <input aria-label={t('importColHeadline')} data-testid="speaker-headline" value={s.headline ?? ''} disabled={!editable} onChange={(e) => setSpeaker(i, { headline: e.currentTarget.value || undefined })} />
                  {s.positions?.length ? (
                    <ul class="positions" aria-label={t('importPositions')} data-testid="speaker-positions">
                      {s.positions.slice(0, 12).map((p, j) => (
                        <li key={j}>
                          {[p.title, p.organisation].filter(Boolean).join(', ')}
                          {p.start || p.end ? ` (${p.start ? formatDate(p.start) : '?'}–${p.current ? t('popupSpeakerNow') : p.end ? formatDate(p.end) : ''})` : ''}
                        </li>
                      ))}
                      {s.positions.length > 12 && <li>{tn('importMorePositions', s.positions.length - 12)}</li>}
                    </ul>
                  ) : null}
                </td>
                <td>{rolesOf(s.ref).join(', ')}</td>
                <td>
                  <MergeNote match={speakersMerge.get(i)} what="person" />
                </td>
              </tr>
            ) : null))}
          </tbody>
        </table>
      )}
      {bundle.speakers.length > SHOWN && <p class="more">{tn('importMorePeople', bundle.speakers.filter((x, i) => i >= SHOWN && !x.inferred?.length).length)}</p>}

      {bundle.talks.length > 0 && (
        <table class="talks">
          <caption>{t('importTalks')}</caption>
          <thead>
            <tr>
              <th>{t('importColTitle')}</th>
              <th>{t('importColDate')}</th>
              <th>{t('importColSpeakers')}</th>
              <th>{t('importColEvent')}</th>
              <th>{t('importColInArchive')}</th>
            </tr>
          </thead>
          <tbody>
            {bundle.talks.slice(0, SHOWN).map((talk, i) => (
              <tr key={i} data-testid="talk">
                <td>
                  <input aria-label={t('importColTitle')} data-testid="talk-title" value={talk.title} disabled={!editable} onChange={(e) => e.currentTarget.value.trim() && setTalk(i, { title: e.currentTarget.value })} />
                </td>
                <td>
                  <input
                    aria-label={t('importColDate')}
                    data-testid="talk-date"
                    value={talk.date ?? ''}
                    placeholder={t('importDatePlaceholder')}
                    pattern="\d{4}(-\d{2}(-\d{2})?)?"
                    disabled={!editable}
                    onChange={(e) => {
                      const v = e.currentTarget.value.trim();
                      if (v === '' || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) setTalk(i, { date: v || undefined });
                    }}
                  />
                  {talk.start ? ` ${formatTime(talk.start)}${talk.end ? `–${formatTime(talk.end)}` : ''}${talk.timeZone ? ` (${talk.timeZone})` : ''}` : ''}
                </td>
                <td>{talk.speakerRefs.map((r) => nameOf.get(r) ?? r).join(', ') || <em>{t('importNoSpeaker')}</em>}</td>
                <td>{talk.eventRef ? eventOf.get(talk.eventRef) : ''}</td>
                <td>
                  <MergeNote match={talksMerge.get(i)} what="talk" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {bundle.talks.length > SHOWN && <p class="more">{tn('importMoreTalks', bundle.talks.length - SHOWN)}</p>}

      {bundle.events.length > 0 && (
        <ul class="events" aria-label={t('importEvents')}>
          {bundle.events.slice(0, SHOWN).map((e, i) => (
            <li key={e.ref} data-testid="event">
              {e.name}
              {e.city || e.country ? ` (${[e.city, e.country].filter(Boolean).join(', ')})` : ''} <MergeNote match={eventsMerge.get(i)} what="event" />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
