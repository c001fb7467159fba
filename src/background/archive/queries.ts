/** Read-only questions the other contexts ask the archive. */
import type { EventDetail, SpeakerHit, TalkDetail } from '../../shared/messages';
import { nameKeys } from '../../shared/names';
import type { Counts, PodiumEvent, Source, Speaker, SpeakerWithTalks, Talk, TalkView } from '../../shared/types';
import type { PodiumDb } from '../db';
import { getRevision } from './revision';

const COUNTS_KEY = 'counts';

/**
 * How many records each table holds. IndexedDB counts by walking a table
 * (some 50 ms for 100,000 talks in Chromium, on every worker start's first
 * `ping`), so the answer is kept in `meta` with the revision it belongs to
 * and recounted only after a write.
 */
export async function counts(db: PodiumDb): Promise<Counts> {
  const { revision, cached } = await db.transaction('r', db.meta, async () => ({
    revision: await getRevision(db),
    cached: await db.meta.get(COUNTS_KEY),
  }));
  if (cached?.['revision'] === revision && cached['counts']) return cached['counts'] as Counts;
  const fresh = await db.transaction('r', [db.meta, ...db.speakers.scope, ...db.talks.scope, db.events, db.sources], async () => {
    const [rev, speakers, talks, events, sources] = await Promise.all([getRevision(db), db.speakers.count(), db.talks.count(), db.events.count(), db.sources.count()]);
    return { revision: rev, counts: { speakers, talks, events, sources } };
  });
  // Stored only if no write landed in between (a derived row never moves the revision).
  await db
    .transaction('rw', db.meta, async () => {
      if ((await getRevision(db)) === fresh.revision) await db.meta.put({ key: COUNTS_KEY, ...fresh });
    })
    .catch(() => undefined);
  return fresh.counts;
}

/** Sort key for "most recent first": the talk's date, else its event's start or year. */
const when = (t: TalkView) => t.date ?? t.event?.startDate ?? String(t.event?.year ?? '');

/** Orders talk views most recent first, then by title. */
export const byRecency = (a: TalkView, b: TalkView): number => when(b).localeCompare(when(a)) || a.title.localeCompare(b.title);

/** The one way a talk becomes a view: with its event and its speakers' names (empty for a person no longer stored). */
export function talkView(t: Talk, events: ReadonlyMap<string, PodiumEvent>, names: ReadonlyMap<string, string>): TalkView {
  const event = t.eventId ? events.get(t.eventId) : undefined;
  return { ...t, ...(event ? { event } : {}), speakers: t.speakerIds.map((sid) => ({ id: sid, name: names.get(sid) ?? '' })) };
}

/** One speaker with their talks (most recent first, with events and co-speakers) and the sources cited. */
export async function speakerWithTalks(db: PodiumDb, id: string): Promise<SpeakerWithTalks | null> {
  return db.transaction('r', [...db.speakers.scope, ...db.talks.scope, db.events, db.sources], async () => {
    const speaker = await db.speakers.get(id);
    if (!speaker) return null;
    const talks = await db.talks.ofSpeakers([id]);
    const eventIds = [...new Set(talks.map((t) => t.eventId).filter((x): x is string => !!x))];
    const peopleIds = [...new Set(talks.flatMap((t) => t.speakerIds))];
    const sourceIds = [...new Set([...speaker.sources, ...talks.flatMap((t) => t.sources)])];
    const [events, people, sources] = await Promise.all([db.events.bulkGet(eventIds), db.speakers.bulkGet(peopleIds), db.sources.bulkGet(sourceIds)]);
    const eventById = new Map(events.filter((e): e is PodiumEvent => !!e).map((e) => [e.id, e]));
    const nameById = new Map(people.filter((p): p is Speaker => !!p).map((p) => [p.id, p.name]));
    const views = talks.map((t) => talkView(t, eventById, nameById)).sort(byRecency);
    const shared = new Map<string, number>();
    for (const t of talks) for (const sid of t.speakerIds) if (sid !== id) shared.set(sid, (shared.get(sid) ?? 0) + 1);
    const coSpeakers = [...shared]
      .map(([sid, n]) => ({ id: sid, name: nameById.get(sid) ?? '', talks: n }))
      .sort((a, b) => b.talks - a.talks || a.name.localeCompare(b.name));
    return { speaker, talks: views, sources: sources.filter((s) => !!s), coSpeakers };
  });
}

const hitOf = (s: Speaker) => ({ id: s.id, name: s.name, ...(s.headline[0] ? { headline: s.headline[0].value } : {}) });

/** Batch lookup of names seen on a page; names are normalised here, one indexed query for the batch. */
export async function findSpeakers(db: PodiumDb, names: string[]): Promise<SpeakerHit[]> {
  // Single words ("Sky") would match too much on a page; people are found by full names.
  const keys = [...new Set(names.flatMap(nameKeys).filter((k) => k.includes(' ')))];
  if (keys.length === 0) return [];
  const found = await db.speakers.withNameKeys(keys);
  return keys
    .map((key) => ({ key, speakers: found.filter((s) => s.nameKeys.includes(key)).map(hitOf) }))
    .filter((hit) => hit.speakers.length > 0);
}

/** Talks with their events and speakers' names, newest first. */
async function talkViews(db: PodiumDb, talks: Talk[], known?: PodiumEvent): Promise<TalkView[]> {
  const eventIds = [...new Set(talks.map((t) => t.eventId).filter((x): x is string => !!x && x !== known?.id))];
  const peopleIds = [...new Set(talks.flatMap((t) => t.speakerIds))];
  const [events, people] = await Promise.all([db.events.bulkGet(eventIds), db.speakers.bulkGet(peopleIds)]);
  const eventById = new Map(events.filter((e): e is PodiumEvent => !!e).map((e) => [e.id, e]));
  if (known) eventById.set(known.id, known);
  const nameById = new Map(people.filter((p): p is Speaker => !!p).map((p) => [p.id, p.name]));
  return talks.map((t) => talkView(t, eventById, nameById)).sort(byRecency);
}

async function sourcesOf(db: PodiumDb, ids: string[]): Promise<Source[]> {
  return (await db.sources.bulkGet([...new Set(ids)])).filter((s): s is Source => !!s);
}

export async function getTalk(db: PodiumDb, talkId: string): Promise<TalkDetail | null> {
  return db.transaction('r', [...db.talks.scope, db.events, ...db.speakers.scope, db.sources], async () => {
    const t = await db.talks.get(talkId);
    if (!t) return null;
    const [talk] = await talkViews(db, [t]);
    return { talk: talk!, sources: await sourcesOf(db, t.sources) };
  });
}

export async function getEvent(db: PodiumDb, eventId: string): Promise<EventDetail | null> {
  return db.transaction('r', [...db.talks.scope, db.events, ...db.speakers.scope, db.sources], async () => {
    const event = await db.events.get(eventId);
    if (!event) return null;
    const talks = await db.talks.ofEvents([eventId]);
    return { event, talks: await talkViews(db, talks, event), sources: await sourcesOf(db, event.sources) };
  });
}

/** Talks by id as views (event, speaker names) plus the speakers' records. */
export async function talksForExport(db: PodiumDb, ids: string[]): Promise<{ talks: TalkView[]; speakers: Speaker[] }> {
  return db.transaction('r', [...db.talks.scope, db.events, ...db.speakers.scope], async () => {
    const talks = (await db.talks.bulkGet(ids)).filter((t) => !!t);
    const [events, speakers] = await Promise.all([
      db.events.bulkGet([...new Set(talks.map((t) => t.eventId).filter((x): x is string => !!x))]),
      db.speakers.bulkGet([...new Set(talks.flatMap((t) => t.speakerIds))]),
    ]);
    const eventById = new Map(events.filter((e): e is PodiumEvent => !!e).map((e) => [e.id, e]));
    const people = speakers.filter((s): s is Speaker => !!s);
    const nameById = new Map(people.map((s) => [s.id, s.name]));
    return { talks: talks.map((t) => talkView(t, eventById, nameById)), speakers: people };
  });
}
