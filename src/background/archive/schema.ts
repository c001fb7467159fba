/**
 * The archive's schema history. Each entry is one IndexedDB version: its
 * indexes and the function that brings records from the previous version up
 * to date. To change the schema, append one entry and one test in
 * test/background/archive/schema-upgrade.test.ts; never edit a released entry.
 *
 * Designed for 100,000 talks and 50,000 speakers. Every index costs time on
 * each write (measured in Chromium: `bulkPut` of talks runs ~7k/s without a
 * multi-entry word index, ~3.5k/s with one), so only lookups the worker makes
 * on every import or page visit get an index:
 * - speakers (up to v4) `*nameKeys`: find people by normalised name (page
 *   lookups, merge); `*idKeys`: find people by strong identifier (merge).
 *   v5 stores people in buckets with a directory of those keys instead
 *   (speaker-store.ts): a row and about four index entries per person made
 *   50,000 people take 9 s of IndexedDB's own work in Chromium.
 * - talks (up to v3) `*speakerIds`: a speaker's talks, and the merge's
 *   candidates; `eventId`: an event's talks. v3 dropped the `titleKey` and
 *   `date` indexes, which nothing else read. v4 stores talks in buckets with
 *   a directory of speakers' and events' talks instead (talk-store.ts): one
 *   row and three index entries per talk had made IndexedDB's own write
 *   work alone exceed the 15 s budget for 100,000 talks.
 * - events `eventKey`: the merge key. sources `importedAt`: import history.
 * - undo: the last few undoable actions (survive a worker restart).
 * - meta: the archive revision and derived structures the worker persists.
 *
 * Full-text search (words inside names and titles) is deliberately not an
 * index here: it belongs in a persisted derived structure in `meta`, built
 * after imports, so that it does not halve import speed.
 */
import type { Transaction } from 'dexie';
import { nameKeys, normalizeTitle } from '../../shared/names';
import type { PodiumEvent, Speaker, Talk } from '../../shared/types';
import { writeSpeakers } from './speaker-store';
import { writeTalks } from './talk-store';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs; `null` deletes a table. */
  stores: Record<string, string | null>;
  /** Runs inside the upgrade transaction, after the new indexes exist. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Normalised name keys of a speaker's display name and aliases. */
export function speakerNameKeys(s: Pick<Speaker, 'name' | 'aliases'>): string[] {
  return [...new Set([s.name, ...s.aliases.map((a) => a.value)].flatMap(nameKeys))];
}

/** `scheme:value` of every strong identifier. */
export function speakerIdKeys(s: Pick<Speaker, 'identifiers'>): string[] {
  return [...new Set(s.identifiers.map((i) => `${i.scheme}:${i.value}`))];
}

/** Four-digit year of an ISO date or year string, if it has one. */
export function yearOf(date: string | number | undefined): number | undefined {
  if (typeof date === 'number') return date;
  const m = /^(\d{4})/.exec(date ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Merge key of an event: normalised name and year ("europython 2016|2016"). */
export function eventKeyOf(e: Pick<PodiumEvent, 'name' | 'year' | 'startDate'>): string {
  return `${normalizeTitle(e.name)}|${e.year ?? yearOf(e.startDate) ?? ''}`;
}

/** Recomputes every derived key with the current normaliser (names.ts). */
async function recomputeKeys(tx: Transaction): Promise<void> {
  await tx.table<Speaker>('speakers').toCollection().modify((s) => {
    s.nameKeys = speakerNameKeys(s);
    s.idKeys = speakerIdKeys(s);
  });
  await tx.table<Talk>('talks').toCollection().modify((t) => {
    t.titleKey = normalizeTitle(t.title);
  });
  await tx.table<PodiumEvent>('events').toCollection().modify((e) => {
    e.eventKey = eventKeyOf(e);
  });
}

export const SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      speakers: '&id, *nameKeys',
      talks: '&id, *speakerIds, eventId',
      events: '&id',
      sources: '&id',
    },
  },
  {
    version: 2,
    stores: {
      speakers: '&id, *nameKeys, *idKeys',
      talks: '&id, *speakerIds, titleKey, eventId, date',
      events: '&id, eventKey',
      sources: '&id, importedAt',
      undo: '&id, createdAt',
      meta: '&key',
    },
    // v1 keys came from the foundation normaliser (no "Last, First", no
    // honorifics, no ø/ł/ß): recompute them so merges find v1 records.
    upgrade: recomputeKeys,
  },
  {
    version: 3,
    stores: {
      speakers: '&id, *nameKeys, *idKeys',
      talks: '&id, *speakerIds, eventId',
      events: '&id, eventKey',
      sources: '&id, importedAt',
      undo: '&id, createdAt',
      meta: '&key',
    },
    // Only indexes go (talks `titleKey` and `date`); records keep every field.
  },
  {
    version: 4,
    stores: {
      speakers: '&id, *nameKeys, *idKeys',
      talks: null,
      talkBuckets: '&id',
      talkLinks: '&id',
      events: '&id, eventKey',
      sources: '&id, importedAt',
      undo: '&id, createdAt',
      meta: '&key',
    },
    // Talks move into buckets with a directory instead of indexes (talk-store.ts).
    upgrade: async (tx) => {
      const talks = await tx.table<Talk>('talks').toArray();
      await writeTalks({ buckets: tx.table('talkBuckets'), links: tx.table('talkLinks') }, talks);
    },
  },
  {
    version: 5,
    // Only the tables that change (Dexie keeps the others as version 4 declared them).
    stores: { speakers: null, speakerBuckets: '&id', speakerLinks: '&id' },
    // People move into buckets with a directory of their name and identifier keys (speaker-store.ts).
    upgrade: async (tx) => {
      const people = await tx.table<Speaker>('speakers').toArray();
      await writeSpeakers({ buckets: tx.table('speakerBuckets'), links: tx.table('speakerLinks') }, people);
    },
  },
];

/** The version a fresh database opens at. */
export const CURRENT_VERSION = SCHEMA[SCHEMA.length - 1]!.version;
