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
import type { ArchiveTable, ExportBegin, ExportCursor, ExportSlice } from './archive-format';
import type { Counts, ImportBundle, PodiumEvent, Source, Speaker, SpeakerWithTalks, Talk, TalkView } from './types';
import type { TabConference } from './conference-url';
import type { Subscription } from './subscriptions';

export type { TabConference };
import type { SyncStatus } from './sync';

/** What the popup's search finds: one kind of record. */
export type SearchKind = 'speaker' | 'talk' | 'event';

/** One search hit, ready to show: `[start, end)` code-unit ranges of matched words in `label` and `detail`. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  label: string;
  detail: string;
  labelMarks: [number, number][];
  detailMarks: [number, number][];
  /** Higher is better: exact name, then name prefix, then talk title, then the rest. */
  score: number;
}

/** Hits of one kind, best first, with how many there are in all. */
export interface SearchGroup {
  kind: SearchKind;
  count: number;
  hits: SearchHit[];
}

/** The popup's search answer (src/background/search). `speakers` and `talks` keep the older shape. */
export interface SearchResults extends SearchResult {
  query: string;
  /** Groups in order of their best hit. */
  groups: SearchGroup[];
  /** Folded archive words that matched. */
  words: string[];
  /** Time spent in the worker's index, in ms. */
  tookMs: number;
  /** Answered from the index as it was before a large change (an import) that is still being added: ask again shortly. */
  updating?: boolean;
}

/** The search index's state (bench, settings). */
export interface SearchStatus {
  revision: number;
  docs: number;
  terms: number;
  postings: number;
  /** How the index came to be in this worker: loaded from its stored copy, or built from the archive. */
  origin: 'loaded' | 'built' | 'none';
  /** Time of that load or build, in ms. */
  readyMs: number;
}

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

/**
 * The compiled matcher index as the worker stores it: hash sets only, never
 * a name (src/background/matcher/compile.ts builds it, src/background/matcher/fold.ts
 * defines the hashing). Pages never receive it: they send their text to
 * `findNames`.
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

/** Most characters of page text in one `findNames` request (the page sends its text in slices). */
export const PAGE_TEXT_MAX = 1_000_000;

/** Where a page's text names the archive's speakers. */
export interface TextHits {
  /** False when the archive has no names to look for: the page can stop looking. */
  active: boolean;
  /** Each confirmed name, once, "First Last" order as the page writes it. */
  names: NameMatch[];
  /** Triples, flat: start and end offset in the text sent, index into {@link names}. */
  hits: number[];
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
  /** Search as you type over speakers, talks and events (src/background/search). */
  search: { params: { query: string; limit?: number }; result: SearchResults };
  /** The search index's size and origin; `rebuild` builds it again from the archive first. */
  searchStatus: { params: { rebuild?: boolean }; result: SearchStatus };
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
  /** The matcher index for scanning pages; null while the archive has no names. */
  matcherIndex: { params: Record<string, never>; result: MatcherIndexPayload | null };
  /** Verifies page candidates ("First Last" order) against the archive; only confirmed names come back. */
  matchNames: { params: { names: string[] }; result: NameMatch[] };
  /**
   * Finds the archive's speakers in text a content script collected from its
   * page (lines separated by U+0000), so the page never holds the index.
   */
  findNames: { params: { text: string }; result: TextHits };
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
  /** What importing `bundle` would create, and which stored records it would merge with; writes nothing (the import review). */
  previewBundle: { params: { bundle: ImportBundle }; result: ImportPreview };
  /** Starts an import session: every bundle added to it can be rolled back together (docs in src/background/import/session.ts). */
  importSessionStart: { params: { label: string }; result: { sessionId: string } };
  /** Takes one bundle, or a batch, into a session; `continues`: the first is the next part of the last one (one big file). The worker stages them and merges at the commit (docs in src/background/import/session.ts); the result counts what was written now. */
  importSessionAdd: { params: { sessionId: string; bundle?: ImportBundle; bundles?: ImportBundle[]; continues?: boolean }; result: ImportResult };
  /** Keeps everything the session imported and forgets its journal. */
  importSessionCommit: { params: { sessionId: string }; result: ImportSessionSummary };
  /** Restores the archive to what it was before the session started. */
  importSessionAbort: { params: { sessionId: string }; result: ImportSessionSummary };
  /** The conference platform Podium detected on a tab (it set the badge), or null. */
  tabConference: { params: { tabId: number }; result: TabConference | null };
  /** Subscriptions: schedule URLs Podium fetches again by itself (src/background/subscriptions). */
  listSubscriptions: { params: Record<string, never>; result: Subscription[] };
  /** Adds a subscription (the caller holds the host's permission) and fetches it at once; answers it after that first refresh. */
  subscribe: { params: { url: string; label?: string; intervalHours?: number }; result: Subscription };
  /** Changes what the user chose of a subscription. */
  updateSubscription: { params: { id: string; intervalHours?: number; paused?: boolean; label?: string }; result: Subscription };
  /** Removes a subscription; what it imported stays in the archive. Answers the list left. */
  unsubscribe: { params: { id: string }; result: Subscription[] };
  /** Refreshes a subscription now; answers it afterwards (its `state.error` says what went wrong). */
  refreshSubscription: { params: { id: string }; result: Subscription };
  /** Talks by id with their events and speakers' records, for the platform exporters. */
  talksForExport: { params: { ids: string[] }; result: { talks: TalkView[]; speakers: Speaker[] } };
  /** What is kept in `storage.sync`, how full it is, conflicts resolved and sites enabled on another browser (src/background/sync). */
  syncStatus: { params: Record<string, never>; result: SyncStatus };
  /** Merges with `storage.sync` now (within its write limits) and answers the new status. */
  syncNow: { params: Record<string, never>; result: SyncStatus };
}

/** One incoming draft (by its index in the bundle) that merges into a stored record. */
export interface PreviewMatch {
  index: number;
  /** The stored record's id and what the user knows it by (a name or a title). */
  id: string;
  label: string;
}

/** The import review's view of one bundle: counts as `importBundle` would report them, and the merges with stored records. */
export interface ImportPreview {
  result: ImportResult;
  speakers: PreviewMatch[];
  talks: PreviewMatch[];
  events: PreviewMatch[];
}

export interface ImportSessionSummary {
  sessionId: string;
  /** Bundles merged in the session. */
  bundles: number;
  /** Records the session created (deleted again by an abort). */
  created: { speakers: number; talks: number; events: number; sources: number };
  /** Stored records the session changed (restored by an abort). */
  merged: { speakers: number; talks: number; events: number };
  /** On commit: what the whole import did, counted as the review counts it (per incoming record), with the merge's notes. */
  totals?: ImportResult;
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

/**
 * The long-lived port a content script sends its requests over
 * (`runtime.connect`): the same requests as `runtime.sendMessage`, each
 * with an `id` its reply carries back. A port message costs the page's
 * main thread about half of a `sendMessage` (measured in Chromium), and a
 * page sends one per slice of text and per burst of changes.
 */
export const REQUEST_PORT = 'podium-requests';

export interface PortRequest<M extends Method = Method> extends Request<M> {
  id: number;
}

export interface PortReply {
  podium: 1;
  id: number;
  reply: Result<unknown>;
}

/** Methods a content script may call: exactly what it uses (finding names in its page's text, the card's speaker, opening them in Podium). */
export const CONTENT_METHODS: ReadonlySet<Method> = new Set<Method>(['findNames', 'getSpeaker', 'openSpeaker']);

/**
 * Pushes from the worker to a tab's content script (`tabs.sendMessage`), as
 * `{ podium: 1, push, params }`. The content script answers only senders
 * that are this extension itself and not another tab.
 */
export interface ContentCalls {
  /** The `next-speaker` / `previous-speaker` commands: focus the next found name and open its card. */
  focusSpeaker: { params: { direction: 'next' | 'previous' }; result: null };
  /** The archive's names changed since this page was answered (it was answered from the previous matcher while the new one was built): scan again. */
  archiveChanged: { params: Record<string, never>; result: null };
}

export type Push = keyof ContentCalls;

export interface PushMessage<P extends Push = Push> {
  podium: 1;
  push: P;
  params: ContentCalls[P]['params'];
}

/** Any one push, narrowed by its `push` field. */
export type AnyPush = { [P in Push]: PushMessage<P> }[Push];
