/** The search area's part of the message map (index.ts composes the areas). */
import type { SearchResult } from '../archive-format';

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

/** Search as you type (src/background/search). */
export interface SearchCalls {
  /**
   * Search as you type over speakers, talks and events (src/background/search).
   * `interactive`: a person (typing, or pressing a button) waits for the answer
   * on screen; the worker's background work stands aside meanwhile.
   */
  search: { params: { query: string; limit?: number; interactive?: boolean }; result: SearchResults };
  /** The search index's size and origin; `rebuild` builds it again from the archive first. */
  searchStatus: { params: { rebuild?: boolean }; result: SearchStatus };
}
