/**
 * Turns an importer's bundle (drafts that point at each other by `ref`) into
 * archive records citing one new source, ready for {@link mergeIncoming}.
 */
import * as i18n from '../../shared/i18n';
import { displayName, normalizeName, normalizeTitle } from '../../shared/names';
import type { DraftSpeaker, ImportBundle, PodiumEvent, Source, SourceId, Speaker, Talk } from '../../shared/types';
import { newId } from './ids';
import { eventKeyOf, speakerIdKeys, speakerNameKeys } from './schema';

/** Records to merge into the archive (archive/merge.ts). Talks point at incoming speaker and event ids. */
export interface Incoming {
  sources: Source[];
  speakers: Speaker[];
  events: PodiumEvent[];
  talks: Talk[];
}

/** Incoming ids are local to one merge; `new:` never collides with a stored id. */
const localId = (kind: string, i: number, tag: string) => `new:${kind}:${tag}${i}`;

function speakerFromDraft(d: DraftSpeaker, id: string, src: SourceId[], at: string): Speaker {
  const fact = <T>(value: T | undefined) => (value === undefined || value === '' ? [] : [{ value, sources: src }]);
  const many = <T>(values: T[] | undefined) => [...new Set(values ?? [])].map((value) => ({ value, sources: src }));
  const sourced = <T extends object>(items: T[] | undefined) => (items ?? []).map((x) => ({ ...x, sources: src }));
  const speaker: Speaker = {
    id,
    name: displayName(d.name),
    aliases: many(d.aliases?.filter((a) => a.trim() !== '' && a !== d.name)),
    nameKeys: [],
    headline: fact(d.headline),
    location: fact(d.location),
    summary: fact(d.summary),
    positions: sourced(d.positions),
    education: sourced(d.education),
    skills: many(d.skills),
    publications: sourced(d.publications),
    projects: many(d.projects),
    links: sourced(d.links),
    photoUrl: fact(d.photoUrl),
    identifiers: sourced(d.identifiers),
    idKeys: [],
    sources: src,
    createdAt: at,
    updatedAt: at,
  };
  speaker.nameKeys = speakerNameKeys(speaker);
  speaker.idKeys = speakerIdKeys(speaker);
  return speaker;
}

/**
 * Builds the source record and the incoming records of a bundle. Speakers
 * whose name is a placeholder ("Various speakers", "TBA") are left out, and
 * talks lose their references to them; each such case adds a warning.
 */
export function recordsFromBundle(
  bundle: ImportBundle,
  at: string,
  /** Told apart the ids of several bundles merged together (`new:sp:2.0`); the first keeps `new:sp:0`. */
  tag = '',
): { incoming: Incoming; warnings: string[] } {
  const source: Source = { ...bundle.source, id: newId('src'), importedAt: at };
  const src = [source.id];
  const warnings: string[] = [];

  const speakerByRef = new Map<string, string>();
  const speakers: Speaker[] = [];
  bundle.speakers.forEach((d, i) => {
    if (normalizeName(d.name) === '') {
      warnings.push(i18n.t('importWarnSpeakerNoPerson', d.name.slice(0, 80)));
      return;
    }
    const id = localId('sp', i, tag);
    speakerByRef.set(d.ref, id);
    speakers.push(speakerFromDraft(d, id, src, at));
  });

  const eventByRef = new Map<string, string>();
  const events: PodiumEvent[] = bundle.events.map((d, i) => {
    const { ref, ...rest } = d;
    const id = localId('ev', i, tag);
    eventByRef.set(ref, id);
    const event: PodiumEvent = { ...rest, id, eventKey: '', sources: src, createdAt: at, updatedAt: at };
    event.eventKey = eventKeyOf(event);
    return event;
  });

  const talks: Talk[] = bundle.talks.map((d, i) => {
    // `key` identifies the talk on its platform for a subscription; the record does not keep it.
    const { eventRef, speakerRefs, abstract, links, tags, key: _key, ...rest } = d;
    const eventId = eventRef === undefined ? undefined : eventByRef.get(eventRef);
    const speakerIds = [...new Set(speakerRefs.map((r) => speakerByRef.get(r)).filter((x): x is string => x !== undefined))];
    return {
      ...rest,
      id: localId('tk', i, tag),
      titleKey: normalizeTitle(d.title),
      abstract: abstract ? [{ value: abstract, sources: src }] : [],
      kind: d.kind ?? 'talk',
      ...(eventId ? { eventId } : {}),
      speakerIds,
      links: (links ?? []).map((l) => ({ ...l, sources: src })),
      tags: [...new Set(tags ?? [])],
      sources: src,
      createdAt: at,
      updatedAt: at,
    };
  });

  return { incoming: { sources: [source], speakers, events, talks }, warnings };
}

/** A bundle made into records, ready to merge with others (merge.ts `mergePrepared`): its records, and its warnings and the importer's. */
export interface Prepared {
  incoming: Incoming;
  warnings: string[];
}

/** {@link recordsFromBundle} for the `n`th bundle of a batch merged together (ids tagged apart, stamped in order). */
export function prepareBundle(bundle: ImportBundle, at: string, n: number): Prepared {
  const records = recordsFromBundle(bundle, at, n === 0 ? '' : `${n}.`);
  return { incoming: records.incoming, warnings: [...bundle.warnings, ...records.warnings] };
}
