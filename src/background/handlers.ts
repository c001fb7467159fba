/**
 * The worker's handler table: one entry per method of the message map, each
 * with the checker for its parameters.
 */
import browser from '../shared/browser';
import { normalizeName } from '../shared/names';
import type { Counts, SpeakerWithTalks, TalkView } from '../shared/types';
import { arr, empty, obj, str } from '../shared/validate';
import { storeBundle } from './archive/store-bundle';
import type { PodiumDb } from './db';
import type { Handlers } from './router';
import { SAMPLE_BUNDLES } from './sample-archive';

async function counts(db: PodiumDb): Promise<Counts> {
  const [speakers, talks, events, sources] = await Promise.all([
    db.speakers.count(),
    db.talks.count(),
    db.events.count(),
    db.sources.count(),
  ]);
  return { speakers, talks, events, sources };
}

async function speakerWithTalks(db: PodiumDb, id: string): Promise<SpeakerWithTalks | null> {
  const speaker = await db.speakers.get(id);
  if (!speaker) return null;
  const talks = await db.talks.where('speakerIds').equals(id).toArray();
  const eventIds = [...new Set(talks.map((t) => t.eventId).filter((x): x is string => !!x))];
  const speakerIds = [...new Set(talks.flatMap((t) => t.speakerIds))];
  const [events, people, sources] = await Promise.all([
    db.events.bulkGet(eventIds),
    db.speakers.bulkGet(speakerIds),
    db.sources.bulkGet(speaker.sources),
  ]);
  const eventById = new Map(events.filter((e) => !!e).map((e) => [e.id, e]));
  const nameById = new Map(people.filter((p) => !!p).map((p) => [p.id, p.name]));
  const views: TalkView[] = talks.map((t) => {
    const event = t.eventId ? eventById.get(t.eventId) : undefined;
    return {
      ...t,
      ...(event ? { event } : {}),
      speakers: t.speakerIds.map((sid) => ({ id: sid, name: nameById.get(sid) ?? '' })),
    };
  });
  views.sort((a, b) => (b.date ?? String(b.event?.year ?? '')).localeCompare(a.date ?? String(a.event?.year ?? '')));
  return { speaker, talks: views, sources: sources.filter((s) => !!s) };
}

export function createHandlers(db: PodiumDb): Handlers {
  return {
    ping: {
      params: empty,
      run: async () => ({ version: browser.runtime.getManifest().version, counts: await counts(db) }),
    },
    counts: { params: empty, run: () => counts(db) },
    getSpeaker: {
      params: obj({ id: str({ max: 64, min: 1 }) }),
      run: ({ id }) => speakerWithTalks(db, id),
    },
    findSpeakers: {
      params: obj({ names: arr(str({ max: 200 }), { max: 2000 }) }),
      run: async ({ names }) => {
        const keys = [...new Set(names.map(normalizeName).filter((k) => k.includes(' ')))];
        const found = await db.speakers.where('nameKeys').anyOf(keys).toArray();
        return keys
          .map((key) => ({
            key,
            speakers: found
              .filter((s) => s.nameKeys.includes(key))
              .map((s) => ({ id: s.id, name: s.name, ...(s.headline[0] ? { headline: s.headline[0].value } : {}) })),
          }))
          .filter((hit) => hit.speakers.length > 0);
      },
    },
    loadSample: {
      params: empty,
      run: async () => {
        for (const bundle of SAMPLE_BUNDLES) await storeBundle(db, bundle);
        return counts(db);
      },
    },
  };
}
