/** Shared fixtures for archive tests: a fresh database per test and small bundles. */
import { exportArchive } from '../../src/background/archive/transfer';
import { PodiumDb } from '../../src/background/db';
import type { DraftSpeaker, DraftTalk, ImportBundle, PodiumEvent, Source, Speaker, Talk } from '../../src/shared/types';

/** A database of its own (fake-indexeddb); call `delete()` after the test. */
export function freshDb(): PodiumDb {
  return new PodiumDb(`test-${Math.random().toString(36).slice(2)}`);
}

/** A bundle from the given drafts, one event unless told otherwise. */
export function bundle(
  parts: { speakers?: DraftSpeaker[]; talks?: DraftTalk[]; events?: ImportBundle['events']; name?: string },
): ImportBundle {
  return {
    source: { kind: 'file', name: parts.name ?? 'test.json', format: 'test' },
    speakers: parts.speakers ?? [],
    talks: parts.talks ?? [],
    events: parts.events ?? [{ ref: 'e', name: 'EuroPython 2016', series: 'EuroPython', year: 2016, city: 'Bilbao' }],
    warnings: [],
  };
}

export interface Tables {
  sources: Source[];
  speakers: Speaker[];
  talks: Talk[];
  events: PodiumEvent[];
}

/** Every archive table, sorted by id. */
export async function snapshot(db: PodiumDb): Promise<Tables> {
  const [sources, speakers, talks, events] = await Promise.all([
    db.sources.toArray(),
    db.speakers.toArray(),
    db.talks.toArray(),
    db.events.toArray(),
  ]);
  return { sources, speakers, talks: talks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), events };
}

/** The speaker whose display name is `name` (throws if not exactly one). */
export async function speakerNamed(db: PodiumDb, name: string): Promise<Speaker> {
  const all = (await db.speakers.toArray()).filter((s) => s.name === name);
  if (all.length !== 1) throw new Error(`${all.length} speakers named ${name}`);
  return all[0]!;
}

/** The archive exported as a plain document, cut to its first speaker and their talks (a small replacement to import). */
export async function firstSpeakerDocument(db: PodiumDb): Promise<any> {
  const doc = JSON.parse(JSON.stringify(await exportArchive(db)));
  doc.speakers = doc.speakers.slice(0, 1);
  doc.talks = doc.talks.filter((t: { speakerIds: string[] }) => t.speakerIds.every((id) => id === doc.speakers[0].id));
  return doc;
}
