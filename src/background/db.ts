import Dexie, { type EntityTable } from 'dexie';
import type { PodiumEvent, Source, Speaker, Talk } from '../shared/types';
import { SCHEMA } from './archive/schema';
import type { UndoEntry } from './archive/undo';

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
  speakers!: EntityTable<Speaker, 'id'>;
  talks!: EntityTable<Talk, 'id'>;
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
  }
}

let instance: PodiumDb | undefined;

/** The worker's database, opened lazily on first use. */
export function getDb(): PodiumDb {
  instance ??= new PodiumDb();
  return instance;
}
