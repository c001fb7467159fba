/** The archive area's part of the message map (index.ts composes the areas). */
import type { ArchiveDocument, ArchiveImportResult, ArchiveTable, ExportBegin, ExportCursor, ExportSlice, ImportMode, ImportResult, SpeakerChanges, SplitRequest, TalkChanges, UndoSummary } from '../archive-format';
import type { Counts, ImportBundle, PodiumEvent, Source, Speaker, SpeakerWithTalks, Talk, TalkView } from '../types';

/** A talk with its event, speakers and the sources it cites. */
export interface TalkDetail {
  talk: TalkView;
  sources: Source[];
}

/** An event with its talks (newest first) and sources. */
export interface EventDetail {
  event: PodiumEvent;
  talks: TalkView[];
  sources: Source[];
}

export interface PingReply {
  version: string;
  counts: Counts;
}

/** What the worker answers for a batch of names found on a page. */
export interface SpeakerHit {
  /** The normalised name key that matched. */
  key: string;
  speakers: { id: string; name: string; headline?: string }[];
}

/** The archive: records, hand edits and undo, export and import of the whole archive (src/background/archive). */
export interface ArchiveCalls {
  /** Liveness and archive size. */
  ping: { params: Record<string, never>; result: PingReply };
  counts: { params: Record<string, never>; result: Counts };
  /** One speaker with their talks (most recent first). */
  getSpeaker: { params: { id: string }; result: SpeakerWithTalks | null };
  /** Batch lookup by displayed names (normalised by the worker). */
  findSpeakers: { params: { names: string[] }; result: SpeakerHit[] };
  /** Fill the archive with the sample speakers and talks. */
  loadSample: { params: Record<string, never>; result: Counts };
  /** One talk with its event, speakers and sources. */
  getTalk: { params: { id: string }; result: TalkDetail | null };
  /** One event with its talks and sources. */
  getEvent: { params: { id: string }; result: EventDetail | null };
  /** Removes a source and every fact only it stated; records left without any source go too (undoable). */
  removeSource: { params: { id: string }; result: { undoId: string; removed: { speakers: number; talks: number; events: number } } };
  /** Merges one importer bundle into the archive (all or nothing). */
  importBundle: { params: { bundle: ImportBundle }; result: ImportResult };
  /** The whole archive as one versioned document (docs/archive-format.md). */
  exportArchive: { params: Record<string, never>; result: ArchiveDocument };
  /** Imports an archive document, replacing the archive or merging into it; a bad document changes nothing. */
  importArchive: { params: { document: unknown; mode: ImportMode }; result: ArchiveImportResult };
  /**
   * The same export in slices, for archives too big for one message: begin,
   * then `exportArchiveSlice` from each `next` cursor until it is null
   * (src/shared/archive-transfer.ts assembles the file).
   */
  exportArchiveBegin: { params: Record<string, never>; result: ExportBegin };
  exportArchiveSlice: { params: { cursor: ExportCursor; limit?: number }; result: ExportSlice };
  /** The same import in slices: begin with the document's head, send each table's records, then commit (all or nothing). */
  importArchiveBegin: { params: { mode: ImportMode; head: Record<string, unknown> }; result: { importId: string } };
  importArchiveSlice: { params: { importId: string; table: ArchiveTable; records: unknown[] }; result: { received: number } };
  importArchiveCommit: { params: { importId: string }; result: ArchiveImportResult };
  importArchiveAbort: { params: { importId: string }; result: null };
  /** Hand edits (undoable); `null` clears a field. */
  updateSpeaker: { params: { id: string; changes: SpeakerChanges }; result: { speaker: Speaker; undoId: string } };
  updateTalk: { params: { id: string; changes: TalkChanges }; result: { talk: Talk; undoId: string } };
  /** Deletes a speaker; talks left without a speaker go too (undoable). */
  deleteSpeaker: { params: { id: string }; result: { talksDeleted: number; undoId: string } };
  deleteTalk: { params: { id: string }; result: { undoId: string } };
  /** Merges speaker `otherId` into `keepId` (undoable). */
  mergeSpeakers: { params: { keepId: string; otherId: string }; result: { speaker: Speaker; undoId: string } };
  /** Moves some talks (and identifiers, aliases) of a speaker to a new speaker (undoable). */
  splitSpeaker: { params: { id: string } & SplitRequest; result: { speaker: Speaker; undoId: string } };
  /** Undoes the newest hand change, or the one given. */
  undo: { params: { id?: string }; result: UndoSummary };
  /** Hand changes that can be undone, newest first. */
  undoHistory: { params: Record<string, never>; result: UndoSummary[] };
  /** Empties the archive (not undoable). */
  clearArchive: { params: Record<string, never>; result: Counts };
  /** Talks by id with their events and speakers' records, for the platform exporters. */
  talksForExport: { params: { ids: string[] }; result: { talks: TalkView[]; speakers: Speaker[] } };
}
