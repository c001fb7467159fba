/**
 * The one message map between Podium's contexts.
 *
 * Protocol: a content script or extension page sends
 * `{ podium: 1, method, params }` with `runtime.sendMessage`; the worker's
 * single listener (src/background/router.ts) checks the sender, validates
 * `params` against the method's checker, runs the handler and answers with a
 * {@link Result}. Errors never cross the boundary as exceptions: they come
 * back as `{ ok: false, error }` with a sentence a person can read.
 *
 * Content scripts run inside untrusted pages, so they may call only the
 * methods in {@link CONTENT_METHODS}; everything else is for extension pages.
 */
import type {
  ArchiveDocument,
  ArchiveImportResult,
  ImportMode,
  ImportResult,
  SearchResult,
  SpeakerChanges,
  SplitRequest,
  TalkChanges,
  UndoSummary,
} from './archive-format';
import type { Counts, ImportBundle, Speaker, SpeakerWithTalks, Talk } from './types';

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

/**
 * The compiled matcher index as a content script receives it: hash sets
 * only, never a name (src/background/matcher/compile.ts builds it,
 * src/shared/fold.ts defines the hashing).
 */
export interface MatcherIndexPayload {
  /** Bumped each time the worker recompiles the index. */
  revision: number;
  /** Longest name form, in words. */
  maxTokens: number;
  /** Base64 of a `Uint32Array` hash set of every name form's first word. */
  first: string;
  /** Base64 of a `Uint32Array` hash set of every whole name form. */
  forms: string;
}

/** A page candidate confirmed against the archive. */
export interface NameMatch {
  /** The candidate exactly as the content script sent it. */
  name: string;
  speakers: { id: string; name: string; headline?: string }[];
}

export interface BackgroundCalls {
  /** Liveness and archive size. */
  ping: { params: Record<string, never>; result: PingReply };
  counts: { params: Record<string, never>; result: Counts };
  /** One speaker with their talks (most recent first). */
  getSpeaker: { params: { id: string }; result: SpeakerWithTalks | null };
  /** Batch lookup by displayed names (normalised by the worker). */
  findSpeakers: { params: { names: string[] }; result: SpeakerHit[] };
  /** Fill the archive with the sample speakers and talks. */
  loadSample: { params: Record<string, never>; result: Counts };
  /** Simple search (placeholder until the popup issue): prefixes of speaker names and talk titles. */
  search: { params: { query: string; limit?: number }; result: SearchResult };
  /** Merges one importer bundle into the archive (all or nothing). */
  importBundle: { params: { bundle: ImportBundle }; result: ImportResult };
  /** The whole archive as one versioned document (docs/archive-format.md). */
  exportArchive: { params: Record<string, never>; result: ArchiveDocument };
  /** Imports an archive document, replacing the archive or merging into it; a bad document changes nothing. */
  importArchive: { params: { document: unknown; mode: ImportMode }; result: ArchiveImportResult };
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
  /** The matcher index for scanning pages; null while the archive has no names. */
  matcherIndex: { params: Record<string, never>; result: MatcherIndexPayload | null };
  /** Verifies page candidates ("First Last" order) against the archive; only confirmed names come back. */
  matchNames: { params: { names: string[] }; result: NameMatch[] };
  /** Sites the user enabled beyond Podium's list, as `https://host/*` patterns. */
  listSites: { params: Record<string, never>; result: string[] };
  /** Registers detection on a site after the popup obtained its host permission. */
  enableSite: { params: { pattern: string }; result: string[] };
  /** Stops detection on a site and gives its permission back. */
  disableSite: { params: { pattern: string }; result: string[] };
  /** Scans one tab once ("Scan this page", through activeTab). */
  scanTab: { params: { tabId: number }; result: null };
  /** Opens Podium's archive view at this speaker (from the hover card's button). */
  openSpeaker: { params: { id: string }; result: null };
}

export type Method = keyof BackgroundCalls;
export type Params<M extends Method> = BackgroundCalls[M]['params'];
export type Reply<M extends Method> = BackgroundCalls[M]['result'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Request<M extends Method = Method> {
  podium: 1;
  method: M;
  params: Params<M>;
}

/** Methods a content script may call: read-only lookups the hover card needs. */
export const CONTENT_METHODS: ReadonlySet<Method> = new Set<Method>([
  'ping',
  'getSpeaker',
  'findSpeakers',
  'matcherIndex',
  'matchNames',
  'openSpeaker',
]);

/**
 * Pushes from the worker to a tab's content script (`tabs.sendMessage`), as
 * `{ podium: 1, push, params }`. The content script answers only senders
 * that are this extension itself and not another tab.
 */
export interface ContentCalls {
  /** The `next-speaker` / `previous-speaker` commands: focus the next found name and open its card. */
  focusSpeaker: { params: { direction: 'next' | 'previous' }; result: null };
}

export type Push = keyof ContentCalls;

export interface PushMessage<P extends Push = Push> {
  podium: 1;
  push: P;
  params: ContentCalls[P]['params'];
}
