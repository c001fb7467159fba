/**
 * Export and import of the whole archive as one document
 * (src/shared/archive-format.ts, docs/archive-format.md).
 */
import {
  ARCHIVE_FORMAT,
  ARCHIVE_TABLES,
  ARCHIVE_VERSION,
  type ArchiveDocument,
  type ArchiveImportResult,
  type ArchiveTable,
  type ExportBegin,
  type ExportCursor,
  type ExportSlice,
  type ImportMode,
  LIMITS,
  parseArchive,
  SLICE_RECORDS,
} from '../../shared/archive-format';
import * as i18n from '../../shared/i18n';
import { normalizeTitle } from '../../shared/names';
import type { PodiumDb } from '../db';
import { mergeIncoming } from './merge';
import { bumpRevision, getRevision } from './revision';
import { eventKeyOf, speakerIdKeys, speakerNameKeys } from './schema';

/** The whole archive as one document, read in one transaction so it is consistent. */
export async function exportArchive(db: PodiumDb, now = new Date()): Promise<ArchiveDocument> {
  return db.transaction('r', [db.sources, ...db.speakers.scope, ...db.talks.scope, db.events], async () => {
    const [sources, speakers, talks, events] = await Promise.all([
      db.sources.toArray(),
      db.speakers.toArray(),
      db.talks.toArray(),
      db.events.toArray(),
    ]);
    return { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now.toISOString(), sources, speakers, talks, events };
  });
}

/**
 * Derived keys are recomputed rather than trusted: a file from an older
 * Podium (or a hand-edited one) may carry keys the current normaliser would
 * not make, and keys decide merges.
 */
function withFreshKeys(doc: ArchiveDocument): ArchiveDocument {
  return {
    ...doc,
    speakers: doc.speakers.map((s) => ({ ...s, nameKeys: speakerNameKeys(s), idKeys: speakerIdKeys(s) })),
    talks: doc.talks.map((t) => ({ ...t, titleKey: normalizeTitle(t.title) })),
    events: doc.events.map((e) => ({ ...e, eventKey: eventKeyOf(e) })),
  };
}

/**
 * Imports an archive document, all or nothing: the whole document is checked
 * first (a bad one changes nothing and the error says what and where).
 * `replace` makes the archive exactly the document (undo history is cleared:
 * it refers to records that are gone); `merge` merges it into the archive
 * the way imports do, keeping every fact's sources, and treating a record
 * whose id is already stored as that record.
 */
export async function importArchive(db: PodiumDb, value: unknown, mode: ImportMode): Promise<ArchiveImportResult> {
  const doc = withFreshKeys(parseArchive(value));
  if (mode === 'merge') {
    const merge = await mergeIncoming(db, doc, { matchById: true });
    return { mode, speakers: doc.speakers.length, talks: doc.talks.length, events: doc.events.length, sources: doc.sources.length, merge };
  }
  await db.transaction('rw', [db.sources, ...db.speakers.scope, ...db.talks.scope, db.events, db.undo, db.meta], async () => {
    await Promise.all([db.sources.clear(), db.speakers.clear(), db.talks.clear(), db.events.clear(), db.undo.clear()]);
    await db.sources.bulkAdd(doc.sources);
    await db.events.bulkAdd(doc.events);
    await db.speakers.bulkAdd(doc.speakers);
    await db.talks.bulkAdd(doc.talks);
    await bumpRevision(db);
  });
  return { mode, speakers: doc.speakers.length, talks: doc.talks.length, events: doc.events.length, sources: doc.sources.length };
}

/** Empties the archive (not undoable: the popup asks first). The revision keeps counting. */
export async function clearArchive(db: PodiumDb): Promise<void> {
  await db.transaction('rw', [db.sources, ...db.speakers.scope, ...db.talks.scope, db.events, db.undo, db.meta], async () => {
    await Promise.all([db.sources.clear(), db.speakers.clear(), db.talks.clear(), db.events.clear(), db.undo.clear()]);
    await bumpRevision(db);
  });
}

/* ---------- in slices: one message per few thousand records ---------- */

/**
 * Starts a sliced export: the document's head, the record counts, and the
 * cursor of the first slice. The slices that follow refuse to continue if
 * the archive changes in between, so the pieces always form one consistent
 * document, exactly what {@link exportArchive} would have returned.
 */
export async function exportArchiveBegin(db: PodiumDb, now = new Date()): Promise<ExportBegin> {
  return db.transaction('r', [db.sources, ...db.speakers.scope, ...db.talks.scope, db.events, db.meta], async () => {
    const [revision, sources, speakers, talks, events] = await Promise.all([
      getRevision(db),
      db.sources.count(),
      db.speakers.count(),
      db.talks.count(),
      db.events.count(),
    ]);
    return {
      head: { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now.toISOString() },
      counts: { sources, speakers, talks, events },
      cursor: { revision, table: ARCHIVE_TABLES[0] },
    };
  });
}

/** The records after `cursor` (by id, as {@link exportArchive} orders them), at most `limit`. */
export async function exportArchiveSlice(db: PodiumDb, cursor: ExportCursor, limit = SLICE_RECORDS): Promise<ExportSlice> {
  const buckets = cursor.table === 'talks' ? db.talks : cursor.table === 'speakers' ? db.speakers : undefined;
  const table = buckets ? undefined : db.table<{ id: string }, string>(cursor.table);
  return db.transaction('r', [table ?? buckets!.scope, db.meta].flat(), async () => {
    if ((await getRevision(db)) !== cursor.revision) throw new Error(i18n.t('importArchiveChanged'));
    // Talks and people come in the order they are stored (by bucket); their cursor is a position there.
    const page = !table
      ? await buckets!.slice(cursor.after, limit).then((r) => ({ records: r.records as { id: string }[], after: r.next }))
      : await (cursor.after === undefined ? table.orderBy(':id') : table.where(':id').above(cursor.after))
          .limit(limit)
          .toArray()
          .then((records) => ({ records, after: records.length === limit ? records[records.length - 1]!.id : undefined }));
    const nextTable = ARCHIVE_TABLES[ARCHIVE_TABLES.indexOf(cursor.table) + 1];
    const next: ExportCursor | null =
      page.after !== undefined
        ? { revision: cursor.revision, table: cursor.table, after: page.after }
        : nextTable
          ? { revision: cursor.revision, table: nextTable }
          : null;
    return { table: cursor.table, records: page.records, next };
  });
}

interface StagedImport {
  id: string;
  mode: ImportMode;
  head: Record<string, unknown>;
  /** Only the tables the page sent: a missing one stays missing, for the checker to name. */
  records: Partial<Record<ArchiveTable, unknown[]>>;
}

/**
 * Sliced imports: the page sends the document's head, then its records a
 * slice at a time, then commits. Slices wait in worker memory (a staging
 * area that writes nothing), and the commit checks the whole assembled
 * document and imports it with {@link importArchive}: all or nothing, with
 * the same errors as a one-message import. If the worker stops before the
 * commit, the staged slices are gone and the commit says so; the archive
 * is untouched either way.
 */
export class ArchiveImports {
  private staged: StagedImport | undefined;
  private seq = 0;

  constructor(private readonly db: PodiumDb) {}

  /** Starts a sliced import; an unfinished earlier one is dropped. */
  begin(mode: ImportMode, head: Record<string, unknown>): { importId: string } {
    const id = `imp_${Date.now().toString(36)}_${++this.seq}`;
    this.staged = { id, mode, head, records: {} };
    return { importId: id };
  }

  /** Stages one slice of records of one table. */
  add(importId: string, table: ArchiveTable, records: unknown[]): { received: number } {
    const staged = this.find(importId);
    const list = (staged.records[table] ??= []);
    if (list.length + records.length > LIMITS[table]) {
      this.staged = undefined;
      throw new Error(i18n.t('importArchiveTooMany', table, i18n.formatNumber(LIMITS[table])));
    }
    for (const r of records) list.push(r);
    return { received: list.length };
  }

  /** Checks and imports the staged document, all or nothing; the staging area is emptied either way. */
  async commit(importId: string): Promise<ArchiveImportResult> {
    const staged = this.find(importId);
    this.staged = undefined;
    return importArchive(this.db, { ...staged.head, ...staged.records }, staged.mode);
  }

  /** Drops a staged import (the page gave up). */
  abort(importId: string): null {
    if (this.staged?.id === importId) this.staged = undefined;
    return null;
  }

  private find(importId: string): StagedImport {
    if (this.staged?.id !== importId) {
      throw new Error(i18n.t('importArchiveInterrupted'));
    }
    return this.staged;
  }
}
