/**
 * The worker's import handlers: the review's preview, import sessions (a
 * large import that can be cancelled as a whole), the conference detected on
 * a tab, and talks for the platform exporters.
 */
import { checkImportBundle, LIMITS } from '../../shared/archive-format';
import type { Method } from '../../shared/messages';
import type { PodiumEvent, Speaker, TalkView } from '../../shared/types';
import { arr, num, obj, str } from '../../shared/validate';
import { explainStorageErrors } from '../archive/errors';
import type { PodiumDb } from '../db';
import type { Handlers } from '../router';
import { tabConference } from './conference';
import { importSessionAbort, importSessionAdd, importSessionCommit, importSessionStart, previewBundle } from './session';

export const IMPORT_METHODS = [
  'previewBundle',
  'importSessionStart',
  'importSessionAdd',
  'importSessionCommit',
  'importSessionAbort',
  'tabConference',
  'talksForExport',
] as const satisfies readonly Method[];

export type ImportHandlers = Pick<Handlers, (typeof IMPORT_METHODS)[number]>;

const id = str({ min: 1, max: LIMITS.id });
const sessionId = obj({ sessionId: id });

/** Talks by id as views (event, speaker names) plus the speakers' records. */
export async function talksForExport(db: PodiumDb, ids: string[]): Promise<{ talks: TalkView[]; speakers: Speaker[] }> {
  return db.transaction('r', [db.talks, db.events, db.speakers], async () => {
    const talks = (await db.talks.bulkGet(ids)).filter((t) => !!t);
    const [events, speakers] = await Promise.all([
      db.events.bulkGet([...new Set(talks.map((t) => t.eventId).filter((x): x is string => !!x))]),
      db.speakers.bulkGet([...new Set(talks.flatMap((t) => t.speakerIds))]),
    ]);
    const eventById = new Map(events.filter((e): e is PodiumEvent => !!e).map((e) => [e.id, e]));
    const people = speakers.filter((s): s is Speaker => !!s);
    const nameById = new Map(people.map((s) => [s.id, s.name]));
    const views = talks.map((t) => {
      const event = t.eventId ? eventById.get(t.eventId) : undefined;
      return { ...t, ...(event ? { event } : {}), speakers: t.speakerIds.map((sid) => ({ id: sid, name: nameById.get(sid) ?? '' })) };
    });
    return { talks: views, speakers: people };
  });
}

export function createImportHandlers(db: PodiumDb): ImportHandlers {
  return {
    previewBundle: { params: obj({ bundle: checkImportBundle }), run: ({ bundle }) => previewBundle(db, bundle) },
    importSessionStart: {
      params: obj({ label: str({ max: 500 }) }),
      run: ({ label }) => explainStorageErrors(() => importSessionStart(db, label)),
    },
    importSessionAdd: {
      params: obj({ sessionId: id, bundle: checkImportBundle }),
      run: ({ sessionId: sid, bundle }) => explainStorageErrors(() => importSessionAdd(db, sid, bundle)),
    },
    importSessionCommit: { params: sessionId, run: ({ sessionId: sid }) => explainStorageErrors(() => importSessionCommit(db, sid)) },
    importSessionAbort: { params: sessionId, run: ({ sessionId: sid }) => explainStorageErrors(() => importSessionAbort(db, sid)) },
    tabConference: { params: obj({ tabId: num({ integer: true, min: 0 }) }), run: ({ tabId }) => tabConference(tabId) },
    talksForExport: { params: obj({ ids: arr(id, { max: 5000 }) }), run: ({ ids }) => talksForExport(db, ids) },
  };
}
