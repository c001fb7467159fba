/**
 * The popup's worker methods: search, the search index's status, talk and
 * event views, and removing a source. Spread after the archive handlers:
 * `{ ...createHandlers(db), ...createPopupHandlers(db) }`.
 */
import { LIMITS } from '../../shared/archive-format';
import * as i18n from '../../shared/i18n';
import type { EventDetail, TalkDetail } from '../../shared/messages';
import type { PodiumEvent, Source, Speaker, Talk, TalkView } from '../../shared/types';
import { bool, num, obj, optional, str } from '../../shared/validate';
import { byRecency, talkView } from '../archive/queries';
import { ChangeSet, undoableTables } from '../archive/undo';
import { withoutSources } from '../archive/strip-source';
import { speakerIdKeys, speakerNameKeys } from '../archive/schema';
import type { PodiumDb } from '../db';
import type { Handlers } from '../router';
import { searchService, type SearchService } from './service';

type PopupMethods = 'search' | 'searchStatus' | 'getTalk' | 'getEvent' | 'removeSource';

const id = str({ min: 1, max: LIMITS.id });
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
  return db.transaction('r', [...db.talks.scope, db.events, db.speakers, db.sources], async () => {
    const t = await db.talks.get(talkId);
    if (!t) return null;
    const [talk] = await talkViews(db, [t]);
    return { talk: talk!, sources: await sourcesOf(db, t.sources) };
  });
}

export async function getEvent(db: PodiumDb, eventId: string): Promise<EventDetail | null> {
  return db.transaction('r', [...db.talks.scope, db.events, db.speakers, db.sources], async () => {
    const event = await db.events.get(eventId);
    if (!event) return null;
    const talks = await db.talks.ofEvents([eventId]);
    return { event, talks: await talkViews(db, talks, event), sources: await sourcesOf(db, event.sources) };
  });
}

/**
 * Removes a source: every fact it alone stated goes, facts other sources
 * also stated stay; a record no source supports any more is deleted (a talk
 * left without speakers too). Undoable like any hand change.
 */
export async function removeSource(db: PodiumDb, sourceId: string) {
  return db.transaction('rw', undoableTables(db), async () => {
    const source = await db.sources.get(sourceId);
    if (!source) throw new Error(i18n.t('popupNotFoundSource', sourceId));
    const cs = new ChangeSet();
    const removing = new Set([sourceId]);
    const removed = { speakers: 0, talks: 0, events: 0 };
    const gone = new Set<string>();
    const cited = <T extends { sources: string[] }>(rows: T[]) => rows.filter((r) => JSON.stringify(r).includes(`"${sourceId}"`));
    for (const s of cs.track('speakers', cited(await db.speakers.toArray()))) {
      withoutSources(s, removing);
      if (s.sources.length === 0) {
        cs.remove('speakers', s);
        gone.add(s.id);
        removed.speakers++;
        continue;
      }
      s.nameKeys = speakerNameKeys(s);
      s.idKeys = speakerIdKeys(s);
      cs.put('speakers', s);
    }
    for (const e of cs.track('events', cited(await db.events.toArray()))) {
      withoutSources(e, removing);
      if (e.sources.length === 0) {
        cs.remove('events', e);
        removed.events++;
      } else cs.put('events', e);
    }
    const talks = await db.talks.toArray();
    const affected = talks.filter((t) => t.speakerIds.some((x) => gone.has(x)) || JSON.stringify(t).includes(`"${sourceId}"`));
    for (const t of cs.track('talks', affected)) {
      withoutSources(t, removing);
      t.speakerIds = t.speakerIds.filter((x) => !gone.has(x));
      if (t.sources.length === 0 || t.speakerIds.length === 0) {
        cs.remove('talks', t);
        removed.talks++;
      } else cs.put('talks', t);
    }
    // The source record itself stays: undo restores facts that cite it (the undo log covers speakers, talks and events).
    const undoId = await cs.commit(db, i18n.t('popupUndoRemoveSource', source.name));
    return { undoId, removed };
  });
}

/** Builds the popup's methods over one database (and its search service). */
export function createPopupHandlers(db: PodiumDb, service: SearchService = searchService(db)): Pick<Handlers, PopupMethods> {
  return {
    search: {
      params: obj({ query: str({ max: 200 }), limit: optional(num({ integer: true, min: 1, max: 100 })) }),
      run: ({ query, limit }) => service.search(query, limit ?? 10),
    },
    searchStatus: { params: obj({ rebuild: optional(bool) }), run: ({ rebuild }) => service.status(rebuild ?? false) },
    getTalk: { params: obj({ id }), run: ({ id }) => getTalk(db, id) },
    getEvent: { params: obj({ id }), run: ({ id }) => getEvent(db, id) },
    removeSource: { params: obj({ id }), run: ({ id }) => removeSource(db, id) },
  };
}
