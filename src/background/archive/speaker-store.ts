/**
 * Where people are stored: in buckets with a directory instead of the
 * `nameKeys` and `idKeys` indexes (bucket-store.ts says why: an import of
 * 50,000 people wrote for 9 s in Chromium as rows with those indexes).
 * Buckets are smaller than talks' because a hover or an edit reads one
 * person by reading their bucket.
 */
import type Dexie from 'dexie';
import type { Speaker } from '../../shared/types';
import { type BucketKind, BucketTable, type BucketTables, type BucketTablesOf, hash, writeRecords } from './bucket-store';

const NAME_SHARDS = 256;
const ID_KEY_SHARDS = 64;

const nameShard = (key: string) => `n${hash(key) % NAME_SHARDS}`;
const idKeyShard = (key: string) => `i${hash(key) % ID_KEY_SHARDS}`;

const SPEAKERS: BucketKind<Speaker> = {
  noun: 'Speaker',
  perBucket: 32,
  field: 'speakers',
  links(s, add) {
    for (const k of s.nameKeys) add(nameShard(k), k);
    for (const k of s.idKeys) add(idKeyShard(k), k);
  },
};

export interface SpeakerBucket {
  id: number;
  speakers: Speaker[];
}

export type SpeakerTables = BucketTablesOf<SpeakerBucket>;

/** Puts people into their buckets (for a schema upgrade; the archive writes through {@link SpeakerTable}). */
export function writeSpeakers(tables: SpeakerTables, puts: readonly Speaker[]): Promise<void> {
  return writeRecords(SPEAKERS, tables as unknown as BucketTables, puts);
}

/** The archive's people. */
export class SpeakerTable extends BucketTable<Speaker> {
  constructor(db: Dexie, tables: () => SpeakerTables) {
    super(db, tables as unknown as () => BucketTables, SPEAKERS);
  }

  /** People with any of these name keys, each once (the former `nameKeys` index). */
  withNameKeys(keys: readonly string[]): Promise<Speaker[]> {
    return this.linkedTo(keys, nameShard);
  }

  /** People with any of these identifier keys, each once (the former `idKeys` index). */
  withIdKeys(keys: readonly string[]): Promise<Speaker[]> {
    return this.linkedTo(keys, idKeyShard);
  }
}
