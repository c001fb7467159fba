import Dexie, { type EntityTable } from 'dexie';
import type { PodiumEvent, Source, Speaker, Talk } from '../shared/types';

export const DB_NAME = 'podium';

/** The archive database. Owned by the worker; other contexts go through messages. */
export class PodiumDb extends Dexie {
  speakers!: EntityTable<Speaker, 'id'>;
  talks!: EntityTable<Talk, 'id'>;
  events!: EntityTable<PodiumEvent, 'id'>;
  sources!: EntityTable<Source, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      speakers: '&id, *nameKeys',
      talks: '&id, *speakerIds, eventId',
      events: '&id',
      sources: '&id',
    });
  }
}

let instance: PodiumDb | undefined;

/** The worker's database, opened lazily on first use. */
export function getDb(): PodiumDb {
  instance ??= new PodiumDb();
  return instance;
}
