/** The import area's part of the message map (index.ts composes the areas). */
import type { ImportResult } from '../archive-format';
import type { TabConference } from '../conference-url';
import type { ImportBundle } from '../types';

export type { TabConference };

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

/** The import page's review and import sessions (src/background/import). */
export interface ImportCalls {
  /** What importing `bundle` would create, and which stored records it would merge with; writes nothing (the import review). */
  previewBundle: { params: { bundle: ImportBundle }; result: ImportPreview };
  /** Starts an import session: every bundle added to it can be rolled back together (docs in src/background/import/session.ts). */
  importSessionStart: { params: { label: string }; result: { sessionId: string } };
  /** Takes one bundle, or a batch, into a session; `continues`: the first is the next part of the last one (one big file); `stageOnly`: sent ahead of Save, never written now (refused when the staging is full). The worker stages them and merges at the commit (docs in src/background/import/session.ts); the result counts what was written now. */
  importSessionAdd: { params: { sessionId: string; bundle?: ImportBundle; bundles?: ImportBundle[]; continues?: boolean; stageOnly?: boolean }; result: ImportResult };
  /** Bundles the worker holds for a session (parts of one file count once); fails when it restarted since and lost them. */
  importSessionStaged: { params: { sessionId: string }; result: { bundles: number } };
  /** Keeps everything the session imported and forgets its journal. */
  importSessionCommit: { params: { sessionId: string }; result: ImportSessionSummary };
  /** Restores the archive to what it was before the session started. */
  importSessionAbort: { params: { sessionId: string }; result: ImportSessionSummary };
  /** The conference platform Podium detected on a tab (it set the badge), or null. */
  tabConference: { params: { tabId: number }; result: TabConference | null };
}
