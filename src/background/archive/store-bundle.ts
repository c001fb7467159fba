/**
 * Writes an import bundle into the archive in one transaction.
 * (Foundation version: inserts without merging; the archive issue replaces
 * this with merge-by-identity.)
 */
import { normalizeName } from '../../shared/names';
import type { ImportBundle, PodiumEvent, Source, Speaker, Talk } from '../../shared/types';
import type { PodiumDb } from '../db';

const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;

export async function storeBundle(db: PodiumDb, bundle: ImportBundle, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const source: Source = { ...bundle.source, id: newId('src'), importedAt: at };
  const src = [source.id];
  const fact = <T>(value: T | undefined) => (value === undefined ? [] : [{ value, sources: src }]);

  const speakerIds = new Map<string, string>();
  const speakers: Speaker[] = bundle.speakers.map((d) => {
    const id = newId('sp');
    speakerIds.set(d.ref, id);
    const names = [d.name, ...(d.aliases ?? [])];
    return {
      id,
      name: d.name,
      aliases: (d.aliases ?? []).map((value) => ({ value, sources: src })),
      nameKeys: [...new Set(names.map(normalizeName))],
      headline: fact(d.headline),
      location: fact(d.location),
      summary: fact(d.summary),
      positions: (d.positions ?? []).map((p) => ({ ...p, sources: src })),
      education: (d.education ?? []).map((e) => ({ ...e, sources: src })),
      skills: (d.skills ?? []).map((value) => ({ value, sources: src })),
      publications: (d.publications ?? []).map((p) => ({ ...p, sources: src })),
      projects: (d.projects ?? []).map((value) => ({ value, sources: src })),
      links: (d.links ?? []).map((l) => ({ ...l, sources: src })),
      photoUrl: fact(d.photoUrl),
      identifiers: (d.identifiers ?? []).map((i) => ({ ...i, sources: src })),
      idKeys: (d.identifiers ?? []).map((i) => `${i.scheme}:${i.value}`),
      sources: src,
      createdAt: at,
      updatedAt: at,
    };
  });

  const eventIds = new Map<string, string>();
  const events: PodiumEvent[] = bundle.events.map((d) => {
    const id = newId('ev');
    eventIds.set(d.ref, id);
    const { ref: _ref, ...rest } = d;
    return { ...rest, id, eventKey: `${normalizeName(d.name)}|${d.year ?? ''}`, sources: src, createdAt: at, updatedAt: at };
  });

  const talks: Talk[] = bundle.talks.map((d) => {
    const { eventRef, speakerRefs, abstract, links, tags, ...rest } = d;
    const eventId = eventRef ? eventIds.get(eventRef) : undefined;
    return {
      ...rest,
      id: newId('tk'),
      titleKey: normalizeName(d.title),
      abstract: fact(abstract),
      kind: d.kind ?? 'talk',
      ...(eventId ? { eventId } : {}),
      speakerIds: speakerRefs.map((r) => speakerIds.get(r)).filter((x): x is string => !!x),
      links: (links ?? []).map((l) => ({ ...l, sources: src })),
      tags: tags ?? [],
      sources: src,
      createdAt: at,
      updatedAt: at,
    };
  });

  await db.transaction('rw', [db.sources, db.speakers, db.events, db.talks], async () => {
    await db.sources.add(source);
    await db.speakers.bulkAdd(speakers);
    await db.events.bulkAdd(events);
    await db.talks.bulkAdd(talks);
  });
}
