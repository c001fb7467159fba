/** What of each archive record the search index reads (src/background/search/search-index.ts). */
import type { PodiumEvent, Speaker, Talk } from '../../shared/types';
import type { SearchDoc } from './search-index';

const values = <T>(facts: { value: T }[]) => facts.map((f) => f.value);
const year = (e?: Pick<PodiumEvent, 'year' | 'startDate'>, date?: string) => (date ?? e?.startDate ?? '').slice(0, 4) || (e?.year ? String(e.year) : '');

/** Names and aliases rank as names; headline and background (positions, education, summary, skills) as the rest. */
export function speakerDoc(s: Speaker): SearchDoc {
  return {
    kind: 'speaker',
    id: s.id,
    label: s.name,
    detail: s.headline[0]?.value ?? '',
    name: [s.name, ...values(s.aliases)],
    rest: [
      ...values(s.headline),
      ...values(s.summary),
      ...values(s.skills),
      ...s.positions.flatMap((p) => [p.organisation, p.title ?? '']),
      ...s.education.flatMap((e) => [e.institution, e.degree ?? '', e.field ?? '']),
    ],
  };
}

/** What of an event a talk's document shows. */
export type EventShown = Pick<PodiumEvent, 'name' | 'series' | 'startDate' | 'year'>;

/** The title ranks as a title; abstract, tags and the event's name as the rest. */
export function talkDoc(t: Talk, event?: EventShown): SearchDoc {
  const y = year(event, t.date);
  return {
    kind: 'talk',
    id: t.id,
    label: t.title,
    detail: [event?.name, event && event.name.includes(y) ? '' : y].filter(Boolean).join(' · '),
    title: [t.title],
    rest: [...values(t.abstract), ...t.tags, event?.name ?? '', event?.series ?? ''],
    speakerIds: t.speakerIds,
    sort: t.date ?? event?.startDate ?? y,
  };
}

/** What of an event its talks' documents show (see {@link talkDoc}): when it changes, they are indexed again. */
export function eventShared(e: EventShown): string {
  return [e.name, e.series ?? '', e.startDate ?? '', e.year ?? ''].join('\n');
}

/** The event as its talks' documents show it, back from {@link eventShared} (an index holds it for each event). */
export function eventFromShared(shared: string): EventShown {
  const [name = '', series, startDate, year] = shared.split('\n');
  return { name, ...(series ? { series } : {}), ...(startDate ? { startDate } : {}), ...(year ? { year: Number(year) } : {}) };
}

/** The event's name ranks as a title; series, place and year as the rest. */
export function eventDoc(e: PodiumEvent): SearchDoc {
  const y = year(e);
  return {
    kind: 'event',
    id: e.id,
    shared: eventShared(e),
    label: e.name,
    detail: [e.city, e.country, e.name.includes(y) ? '' : y].filter(Boolean).join(' · '),
    title: [e.name],
    rest: [e.series ?? '', e.city ?? '', e.country ?? '', e.venue ?? '', e.edition ?? '', y],
    sort: e.startDate ?? y,
  };
}
