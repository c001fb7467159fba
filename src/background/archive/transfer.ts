/**
 * Export and import of the whole archive as one document
 * (src/shared/archive-format.ts, docs/archive-format.md).
 */
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ArchiveDocument,
  type ArchiveImportResult,
  type ImportMode,
  parseArchive,
} from '../../shared/archive-format';
import { normalizeTitle } from '../../shared/names';
import type { PodiumDb } from '../db';
import { mergeIncoming } from './merge';
import { bumpRevision } from './revision';
import { eventKeyOf, speakerIdKeys, speakerNameKeys } from './schema';

/** The whole archive as one document, read in one transaction so it is consistent. */
export async function exportArchive(db: PodiumDb, now = new Date()): Promise<ArchiveDocument> {
  return db.transaction('r', [db.sources, db.speakers, db.talks, db.events], async () => {
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
  await db.transaction('rw', [db.sources, db.speakers, db.talks, db.events, db.undo, db.meta], async () => {
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
  await db.transaction('rw', [db.sources, db.speakers, db.talks, db.events, db.undo, db.meta], async () => {
    await Promise.all([db.sources.clear(), db.speakers.clear(), db.talks.clear(), db.events.clear(), db.undo.clear()]);
    await bumpRevision(db);
  });
}
