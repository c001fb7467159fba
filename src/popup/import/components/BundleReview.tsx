/**
 * One bundle in the review: its people (with their roles), talks, events
 * and warnings; what each merges with in the archive; inline fields to fix
 * names, headlines, titles and dates; a confirmation for guessed fields.
 */
import { useMemo } from 'preact/hooks';
import type { ImportPreview, PreviewMatch } from '../../../shared/messages';
import type { DraftSpeaker, DraftTalk, ImportBundle } from '../../../shared/types';

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

function MergeNote({ match, what }: { match: PreviewMatch | undefined; what: string }) {
  return match ? (
    <span class="merge" data-testid="merge-note">
      merges with {what} “{match.label}”
    </span>
  ) : (
    <span class="new">new</span>
  );
}

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
    const kinds = new Map<string, Set<string>>();
    for (const t of bundle.talks) for (const ref of t.speakerRefs) (kinds.get(ref) ?? kinds.set(ref, new Set()).get(ref)!).add(t.kind ?? 'talk');
    return kinds;
  }, [bundle.talks]);

  const setSpeaker = (i: number, change: Partial<DraftSpeaker>) =>
    onChange((b) => ({ ...b, speakers: b.speakers.map((s, j) => (j === i ? { ...s, ...change } : s)) }));
  const setTalk = (i: number, change: Partial<DraftTalk>) =>
    onChange((b) => ({ ...b, talks: b.talks.map((t, j) => (j === i ? { ...t, ...change } : t)) }));
  const rolesOf = (ref: string) => {
    const kinds = kindsOf.get(ref) ?? [];
    return [...kinds].map((k) => (k === 'talk' ? 'speaker' : k === 'keynote' ? 'keynote speaker' : k === 'panel' ? 'panelist' : `${k} presenter`));
  };

  return (
    <article class="bundle" data-testid="bundle">
      <h3>
        {bundle.source.name} <span class="format">({bundle.source.format})</span>
      </h3>
      <p class="counts" data-testid="bundle-counts">
        {bundle.speakers.length} {bundle.speakers.length === 1 ? 'person' : 'people'}, {bundle.talks.length} {bundle.talks.length === 1 ? 'talk' : 'talks'},{' '}
        {bundle.events.length} {bundle.events.length === 1 ? 'event' : 'events'}
        {p && (
          <>
            {' '}
            · will create {p.result.speakers.created} people, {p.result.talks.created} talks, {p.result.events.created} events; merge{' '}
            {p.result.speakers.merged} people, {p.result.talks.merged} talks, {p.result.events.merged} events
          </>
        )}
        {typeof preview === 'string' && <span class="error"> · {preview}</span>}
      </p>

      {bundle.warnings.length > 0 && (
        <ul class="warnings" data-testid="warnings">
          {bundle.warnings.slice(0, 50).map((w, i) => (
            <li key={i}>{w}</li>
          ))}
          {bundle.warnings.length > 50 && <li>and {bundle.warnings.length - 50} more</li>}
        </ul>
      )}

      {bundle.speakers.length > 0 && (
        <table class="people">
          <caption>People</caption>
          <thead>
            <tr>
              <th>Name</th>
              <th>Headline</th>
              <th>Role</th>
              <th>In your archive</th>
            </tr>
          </thead>
          <tbody>
            {bundle.speakers.map((s, i) => (i < SHOWN || s.inferred?.length ? (
              <tr key={s.ref} data-testid="speaker">
                <td>
                  <input
                    aria-label="Name"
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
                      {s.inferred.join(', ')} guessed from the document: confirm
                    </label>
                  ) : null}
                </td>
                <td>
                  <input aria-label="Headline" data-testid="speaker-headline" value={s.headline ?? ''} disabled={!editable} onChange={(e) => setSpeaker(i, { headline: e.currentTarget.value || undefined })} />
                  {s.positions?.length ? (
                    <ul class="positions" aria-label="Positions" data-testid="speaker-positions">
                      {s.positions.slice(0, 12).map((p, j) => (
                        <li key={j}>
                          {[p.title, p.organisation].filter(Boolean).join(', ')}
                          {p.start || p.end ? ` (${p.start ?? '?'}–${p.current ? 'now' : (p.end ?? '')})` : ''}
                        </li>
                      ))}
                      {s.positions.length > 12 && <li>and {s.positions.length - 12} more</li>}
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
      {bundle.speakers.length > SHOWN && <p class="more">and {bundle.speakers.filter((x, i) => i >= SHOWN && !x.inferred?.length).length} more people</p>}

      {bundle.talks.length > 0 && (
        <table class="talks">
          <caption>Talks</caption>
          <thead>
            <tr>
              <th>Title</th>
              <th>Date</th>
              <th>Speakers</th>
              <th>Event</th>
              <th>In your archive</th>
            </tr>
          </thead>
          <tbody>
            {bundle.talks.slice(0, SHOWN).map((t, i) => (
              <tr key={i} data-testid="talk">
                <td>
                  <input aria-label="Title" data-testid="talk-title" value={t.title} disabled={!editable} onChange={(e) => e.currentTarget.value.trim() && setTalk(i, { title: e.currentTarget.value })} />
                </td>
                <td>
                  <input
                    aria-label="Date"
                    data-testid="talk-date"
                    value={t.date ?? ''}
                    placeholder="YYYY-MM-DD"
                    pattern="\d{4}(-\d{2}(-\d{2})?)?"
                    disabled={!editable}
                    onChange={(e) => {
                      const v = e.currentTarget.value.trim();
                      if (v === '' || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) setTalk(i, { date: v || undefined });
                    }}
                  />
                  {t.start ? ` ${t.start}${t.end ? `–${t.end}` : ''}${t.timeZone ? ` (${t.timeZone})` : ''}` : ''}
                </td>
                <td>{t.speakerRefs.map((r) => nameOf.get(r) ?? r).join(', ') || <em>no speaker</em>}</td>
                <td>{t.eventRef ? eventOf.get(t.eventRef) : ''}</td>
                <td>
                  <MergeNote match={talksMerge.get(i)} what="talk" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {bundle.talks.length > SHOWN && <p class="more">and {bundle.talks.length - SHOWN} more talks</p>}

      {bundle.events.length > 0 && (
        <ul class="events" aria-label="Events">
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
