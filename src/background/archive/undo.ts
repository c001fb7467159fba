/**
 * Undo for hand-made changes (edit, merge, split, delete). Each action
 * stores, in the `undo` table, the records as they were before and the
 * `updatedAt` each touched record had after; so undo survives a worker
 * restart, and refuses when a record has changed since (an import or a
 * later edit) rather than silently throwing that change away.
 */
import type { UndoSummary } from '../../shared/archive-format';
import * as i18n from '../../shared/i18n';
import type { PodiumDb } from '../db';
import { newId, stamp } from './ids';
import { bumpRevision } from './revision';
import type { UndoEntry, UndoTableName, UndoTables } from './undo-entry';

type Tables = UndoTables;
type TableName = UndoTableName;
const TABLES: readonly TableName[] = ['speakers', 'talks', 'events'];
/** "… cannot be undone: the speaker … has changed since", by table. */
const CHANGED_SINCE = { speakers: 'popupUndoChangedSpeaker', talks: 'popupUndoChangedTalk', events: 'popupUndoChangedEvent' } as const;

/** What undo needs of a table (talks and people are not Dexie tables: bucket-store.ts). */
interface RecordStore {
  bulkGet(ids: string[]): PromiseLike<unknown[]>;
  bulkPut(records: unknown[]): PromiseLike<unknown>;
  bulkDelete(ids: string[]): PromiseLike<unknown>;
}
const store = (db: PodiumDb, table: TableName): RecordStore => (table === 'talks' ? db.talks : table === 'speakers' ? db.speakers : db.table(table)) as RecordStore;

/** How many actions can be undone; older entries are dropped. */
export const UNDO_DEPTH = 50;

/**
 * Collects the changes of one action. Read records through {@link ChangeSet.track}
 * (which snapshots them) before changing them; {@link ChangeSet.commit} writes
 * the new state and the undo entry in the caller's transaction.
 */
export class ChangeSet {
  private before = new Map<string, unknown>();
  private after = new Map<string, { table: TableName; id: string; record: unknown }>();

  constructor(readonly at: string = stamp()) {}

  /** Snapshots stored records before they are changed; returns them for changing. */
  track<T extends TableName>(table: T, records: Tables[T][]): Tables[T][] {
    for (const r of records) {
      const key = `${table}/${r.id}`;
      if (!this.before.has(key)) this.before.set(key, structuredClone(r));
    }
    return records;
  }

  /** Records the new state of a record (tracked, or new). */
  put<T extends TableName>(table: T, record: Tables[T]): void {
    const key = `${table}/${record.id}`;
    if (!this.before.has(key)) this.before.set(key, null);
    record.updatedAt = this.at;
    this.after.set(key, { table, id: record.id, record });
  }

  /** Records that a tracked record is deleted. */
  remove<T extends TableName>(table: T, record: Tables[T]): void {
    this.track(table, [record]);
    this.after.set(`${table}/${record.id}`, { table, id: record.id, record: null });
  }

  get size(): number {
    return this.after.size;
  }

  /** Writes the changes and the undo entry. Call inside a rw transaction over all archive tables and `undo`, `meta`. */
  async commit(db: PodiumDb, label: string): Promise<string> {
    const entry: UndoEntry = {
      id: newId('undo'),
      label,
      createdAt: this.at,
      before: { speakers: [], talks: [], events: [] },
      created: { speakers: [], talks: [], events: [] },
      after: {},
    };
    for (const [key, prev] of this.before) {
      const [table, id] = key.split('/') as [TableName, string];
      if (prev) (entry.before[table] as unknown[]).push(prev);
      else entry.created[table].push(id);
    }
    for (const table of TABLES) {
      const rows = [...this.after.values()].filter((c) => c.table === table);
      const puts = rows.filter((c) => c.record !== null).map((c) => c.record);
      const dels = rows.filter((c) => c.record === null).map((c) => c.id);
      if (puts.length) await store(db, table).bulkPut(puts);
      if (dels.length) await store(db, table).bulkDelete(dels);
      for (const c of rows) entry.after[`${table}/${c.id}`] = c.record === null ? null : this.at;
    }
    await db.undo.add(entry);
    const stale = await db.undo.orderBy('createdAt').reverse().offset(UNDO_DEPTH).primaryKeys();
    if (stale.length) await db.undo.bulkDelete(stale);
    await bumpRevision(db);
    return entry.id;
  }
}

/** The tables an undoable action writes. */
export const undoableTables = (db: PodiumDb) => [...db.speakers.scope, ...db.talks.scope, db.events, db.sources, db.undo, db.meta];

/** The actions that can be undone, newest first. */
export async function undoHistory(db: PodiumDb, limit = UNDO_DEPTH): Promise<UndoSummary[]> {
  const rows = await db.undo.orderBy('createdAt').reverse().limit(limit).toArray();
  return rows.map(({ id, label, createdAt }) => ({ id, label, createdAt }));
}

/**
 * Undoes one action (the newest when `id` is absent) and returns its label.
 * Throws a readable error when there is nothing to undo or when a record the
 * action touched has changed since.
 */
export async function undo(db: PodiumDb, id?: string): Promise<UndoSummary> {
  return db.transaction('rw', undoableTables(db), async () => {
    const entry = id ? await db.undo.get(id) : await db.undo.orderBy('createdAt').last();
    if (!entry) throw new Error(id ? i18n.t('popupUndoGone') : i18n.t('popupUndoNothing'));
    for (const table of TABLES) {
      const keys = Object.keys(entry.after).filter((k) => k.startsWith(`${table}/`));
      const ids = keys.map((k) => k.slice(table.length + 1));
      const now = await store(db, table).bulkGet(ids);
      ids.forEach((rid, i) => {
        const expected = entry.after[`${table}/${rid}`];
        const current = now[i] as { updatedAt: string } | undefined;
        if ((expected === null) !== (current === undefined) || (current && current.updatedAt !== expected)) {
          throw new Error(i18n.t(CHANGED_SINCE[table], entry.label, rid));
        }
      });
    }
    for (const table of TABLES) {
      if (entry.created[table].length) await store(db, table).bulkDelete(entry.created[table]);
      if (entry.before[table].length) await store(db, table).bulkPut(entry.before[table]);
    }
    await db.undo.delete(entry.id);
    await bumpRevision(db);
    return { id: entry.id, label: entry.label, createdAt: entry.createdAt };
  });
}
