/** The matcher area's part of the message map (index.ts composes the areas). */
import type { ContentSettings } from '../content-settings';

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

/** A name found in page text, with the speakers it is: ids only, as the card reads their records when it opens. */
export interface PageName {
  /** "First Last" order, as the page writes it, on one line. */
  name: string;
  speakers: { id: string }[];
}

/** Most characters of page text in one `findNames` request (the page sends its text in slices). */
export const PAGE_TEXT_MAX = 1_000_000;

/**
 * What joins the page's text nodes into the text `findNames` searches and
 * its hits' offsets count in: a soft separator, so a name may run across
 * two nodes (`Rok <b>Papež</b>`).
 */
export const NODE_JOIN = '\n';

/** Where a page's text names the archive's speakers. */
export interface TextHits {
  /** False when the archive has no names to look for: the page can stop looking. */
  active: boolean;
  /** Each confirmed name, once. */
  names: PageName[];
  /** Triples, flat: start and end offset in the text sent, index into {@link names}. */
  hits: number[];
}

/**
 * The answer to a page's first call: its first text searched, as for
 * `findNames`, with the settings. One round trip, not two: the page walks
 * its text while the worker wakes, and shows names one answer sooner.
 * `active` false (the archive has no names) tells the page to stop.
 */
export interface PageStart extends TextHits {
  /**
   * The user's settings for pages. The worker reads them so that a page never
   * builds the storage API: Firefox takes 4–9 ms of the page's main thread
   * for its first `storage.local.get`. Changes come as `settingsChanged` pushes.
   */
  settings: ContentSettings;
}

/** Speakers' names on pages (src/background/matcher). */
export interface MatcherCalls {
  /** The matcher index for scanning pages; null while the archive has no names. */
  matcherIndex: { params: Record<string, never>; result: MatcherIndexPayload | null };
  /** Verifies page candidates ("First Last" order) against the archive; only confirmed names come back. */
  matchNames: { params: { names: string[] }; result: NameMatch[] };
  /**
   * Finds the archive's speakers in the text of a page's text nodes, so the
   * page never holds the index. Sent as the nodes' strings, joined here with
   * {@link NODE_JOIN}: Chromium's page paid about 15 ms per MB to join and
   * post one string against 9 ms for the strings (each clones as one byte a
   * character unless it holds a character beyond Latin-1, where a joined one
   * took two for all).
   */
  findNames: { params: { parts: string[] }; result: TextHits };
  /** A page's first call: its first text nodes' strings (none for a page without text), searched as for `findNames` (see {@link PageStart}). */
  startPage: { params: { parts: string[] }; result: PageStart };
}
