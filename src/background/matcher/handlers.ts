/**
 * The worker's matcher methods, for the lead to spread into the handler
 * table: `{ ...createArchiveHandlers(db), ...createMatcherHandlers(db) }`.
 */
import browser from '../../shared/browser';
import type { ContentSettings } from '../../shared/content-settings';
import { type MatcherCalls, NODE_JOIN, PAGE_TEXT_MAX, type PushMessage } from '../../shared/messages';
import { type Check, ValidationError, arr, empty, obj, str } from '../../shared/validate';
import type { PodiumDb } from '../db';
import { readPageSettings } from '../page-settings';
import type { AreaHandlers, CallContext } from '../router';
import { NameFinder } from './find-names';
import { MatcherStore } from './store';
import { verifyNames } from './verify';

/** Sends a push to one frame of a tab (tests pass their own). */
export type RescanPush = (tabId: number, frameId: number, message: PushMessage<'archiveChanged'>) => void;

/** A page's text nodes for `findNames`: at most {@link PAGE_TEXT_MAX} characters in all. */
const pageParts: Check<string[]> = (value, path) => {
  const parts = arr(str({ max: PAGE_TEXT_MAX }), { max: PAGE_TEXT_MAX })(value, path);
  let total = 0;
  for (const p of parts) total += p.length;
  if (total > PAGE_TEXT_MAX) throw new ValidationError(path, `more than ${PAGE_TEXT_MAX} characters of text`);
  return parts;
};

/** At most this many candidates per `matchNames` call; the page batches above it. */
export const MATCH_BATCH = 500;

/**
 * Builds `matcherIndex`, `matchNames`, `findNames` and `startPage`. Creates a
 * {@link MatcherStore} unless given one, and subscribes it to archive changes
 * so the index is recompiled in the background after imports and edits.
 */
export function createMatcherHandlers(
  db: PodiumDb,
  store: MatcherStore = new MatcherStore(db),
  push: RescanPush = (tabId, frameId, message) => void browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined),
  settings: () => Promise<ContentSettings> = readPageSettings,
): AreaHandlers<MatcherCalls> {
  store.watch();
  const finder = new NameFinder(db, store);
  // Frames answered from the previous index: they scan again once the new one is built.
  const stale = new Map<string, { tabId: number; frameId: number }>();
  store.onRebuilt((m, previous) => {
    const frames = [...stale.values()];
    stale.clear();
    // A write that changed no name (a talk edited) changes no page: no rescan.
    const same = previous && previous.payload.first === m.payload.first && previous.payload.forms === m.payload.forms && previous.postingIds.length === m.postingIds.length;
    if (same) return;
    for (const { tabId, frameId } of frames) push(tabId, frameId, { podium: 1, push: 'archiveChanged', params: {} });
  });
  /** Remembers a frame answered from the previous index. */
  const staleFrame = (ctx: CallContext) => () => {
    const tabId = ctx.sender.tab?.id;
    const frameId = ctx.sender.frameId ?? 0;
    if (tabId !== undefined) stale.set(`${tabId}/${frameId}`, { tabId, frameId });
  };
  /** A page's text nodes, joined as their offsets count, searched for the archive's names. */
  const search = ({ parts }: { parts: string[] }, ctx: CallContext) => finder.find(parts.join(NODE_JOIN), staleFrame(ctx));
  return {
    matcherIndex: {
      params: empty,
      run: async () => {
        const m = await store.get();
        return m.formCount ? m.payload : null;
      },
    },
    matchNames: {
      params: obj({ names: arr(str({ max: 200 }), { max: MATCH_BATCH }) }),
      run: async ({ names }) => verifyNames(db, await store.get(), names),
    },
    findNames: {
      params: obj({ parts: pageParts }),
      run: search,
    },
    startPage: {
      params: obj({ parts: pageParts }),
      run: async (params, ctx) => {
        const [found, current] = await Promise.all([search(params, ctx), settings()]);
        return { ...found, settings: current };
      },
    },
  };
}
