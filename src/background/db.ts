import Dexie, { type EntityTable, type Table } from 'dexie';
import type { PodiumEvent, Source } from '../shared/types';
import { SCHEMA } from './archive/schema';
import { type SpeakerBucket, SpeakerTable } from './archive/speaker-store';
import type { LinkRow } from './archive/bucket-store';
import { type TalkBucket, TalkTable } from './archive/talk-store';
import type { UndoEntry } from './archive/undo-entry';

export const DB_NAME = 'podium';

/** A row of the `meta` table: the archive revision, or a derived structure the worker persisted. */
export interface MetaRow {
  key: string;
  [field: string]: unknown;
}

/**
 * The archive database. Owned by the worker; other contexts go through
 * messages. Its versions and upgrades live in archive/schema.ts.
 */
export class PodiumDb extends Dexie {
  speakerBuckets!: Table<SpeakerBucket, number>;
  speakerLinks!: Table<LinkRow, string>;
  /** People, stored in `speakerBuckets` and `speakerLinks`; transactions over people include `speakers.scope`. */
  readonly speakers: SpeakerTable;
  talkBuckets!: Table<TalkBucket, number>;
  talkLinks!: Table<LinkRow, string>;
  /** Talks, stored in `talkBuckets` and `talkLinks`; transactions over talks include `talks.scope`. */
  readonly talks: TalkTable;
  events!: EntityTable<PodiumEvent, 'id'>;
  sources!: EntityTable<Source, 'id'>;
  undo!: EntityTable<UndoEntry, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    for (const v of SCHEMA) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    this.speakers = new SpeakerTable(this, () => ({ buckets: this.speakerBuckets, links: this.speakerLinks }));
    this.talks = new TalkTable(this, () => ({ buckets: this.talkBuckets, links: this.talkLinks }));
  }
}

let instance: PodiumDb | undefined;

/** The worker's database, opened lazily on first use. */
export function getDb(): PodiumDb {
  instance ??= new PodiumDb();
  return instance;
}
