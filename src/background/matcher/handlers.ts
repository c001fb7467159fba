/**
 * The worker's matcher methods, for the lead to spread into the handler
 * table: `{ ...createHandlers(db), ...createMatcherHandlers(db) }`.
 */
import { PAGE_TEXT_MAX } from '../../shared/messages';
import { arr, empty, obj, str } from '../../shared/validate';
import type { PodiumDb } from '../db';
import type { Handlers } from '../router';
import { NameFinder } from './find-names';
import { MatcherStore } from './store';
import { verifyNames } from './verify';

/** At most this many candidates per `matchNames` call; the page batches above it. */
export const MATCH_BATCH = 500;

/**
 * Builds `matcherIndex`, `matchNames` and `findNames`. Creates a {@link MatcherStore}
 * unless given one, and subscribes it to archive changes so the index is
 * recompiled in the background after imports and edits.
 */
export function createMatcherHandlers(
  db: PodiumDb,
  store: MatcherStore = new MatcherStore(db),
): Pick<Handlers, 'matcherIndex' | 'matchNames' | 'findNames'> {
  store.watch();
  const finder = new NameFinder(db, store);
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
      params: obj({ text: str({ max: PAGE_TEXT_MAX }) }),
      run: ({ text }) => finder.find(text),
    },
  };
}
