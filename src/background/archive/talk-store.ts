/**
 * Where talks are stored: in buckets with a directory instead of indexes
 * (bucket-store.ts says why).
 *
 * A speaker's talks lie in as many buckets as they have talks, so big
 * buckets make a prolific speaker slow to read (80 talks in a 100,000-talk
 * archive: 100–145 ms with buckets of 400 talks, 40–90 ms with 64, 20–65 ms
 * with 25), while each bucket an import touches is one more row to write
 * (the pyvideo import, 21,000 talks in batches, was measurably slower with
 * 4,096 fixed buckets, and within noise of one row per talk with 64 talks a
 * bucket: 9.2–10.0 s). The directory says which talks each speaker and each
 * event has: {@link TalkTable.ofSpeakers}, {@link TalkTable.ofEvents}.
 */
import type Dexie from 'dexie';
import type { Talk } from '../../shared/types';
import { type BucketKind, BucketTable, type BucketTables, type BucketTablesOf, bucketsFor as bucketsForRecords, hash, writeRecords } from './bucket-store';

export { bucketOf, MAX_BUCKETS } from './bucket-store';

/** Talks per bucket the layout aims at (about 32 KB). */
const PER_BUCKET = 64;
const SPEAKER_SHARDS = 64;
const EVENT_SHARDS = 16;

const speakerShard = (id: string) => `s${hash(id) % SPEAKER_SHARDS}`;
const eventShard = (id: string) => `e${hash(id) % EVENT_SHARDS}`;

const TALKS: BucketKind<Talk> = {
  noun: 'Talk',
  perBucket: PER_BUCKET,
  field: 'talks',
  links(t, add) {
    for (const s of t.speakerIds) add(speakerShard(s), s);
    if (t.eventId) add(eventShard(t.eventId), t.eventId);
  },
};

/** The bucket count for an archive of `talks` talks. */
export const bucketsFor = (talks: number): number => bucketsForRecords(talks, PER_BUCKET);

export interface TalkBucket {
  id: number;
  talks: Talk[];
}

export type TalkTables = BucketTablesOf<TalkBucket>;

/** Puts talks into their buckets (for a schema upgrade; the archive writes through {@link TalkTable}). */
export function writeTalks(tables: TalkTables, puts: readonly Talk[]): Promise<void> {
  return writeRecords(TALKS, tables as unknown as BucketTables, puts);
}

/** The `talks` of the archive. */
export class TalkTable extends BucketTable<Talk> {
  constructor(db: Dexie, tables: () => TalkTables) {
    super(db, tables as unknown as () => BucketTables, TALKS);
  }

  /** Talks of any of these speakers, each once (the former `speakerIds` index). */
  ofSpeakers(ids: readonly string[]): Promise<Talk[]> {
    return this.linkedTo(ids, speakerShard);
  }

  /** Talks of any of these events, each once (the former `eventId` index). */
  ofEvents(ids: readonly string[]): Promise<Talk[]> {
    return this.linkedTo(ids, eventShard);
  }
}
