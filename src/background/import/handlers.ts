/**
 * The worker's import handlers: the review's preview, import sessions (a
 * large import that can be cancelled as a whole), and the conference
 * detected on a tab.
 */
import { BUNDLE_LIMITS, checkImportBundle, LIMITS } from '../../shared/archive-format';
import type { ImportCalls } from '../../shared/messages';
import type { ImportBundle } from '../../shared/types';
import { arr, bool, type Check, num, obj, optional, str, ValidationError } from '../../shared/validate';
import { thenApplyRecipe } from '../sync';
import type { PodiumDb } from '../db';
import type { AreaHandlers } from '../router';
import { tabConference } from './conference';
import { importSessionAbort, importSessionAdd, importSessionCommit, importSessionStaged, importSessionStart, previewBundle } from './session';

const id = str({ min: 1, max: LIMITS.id });
const sessionId = obj({ sessionId: id });

/** Most bundles one `importSessionAdd` takes (the page batches a few events' worth of talks). */
export const MAX_SESSION_BATCH = 1000;

/** One bundle (`bundle`) or a batch of them (`bundles`), with at most a bundle's worth of records in all. */
const sessionAddParams: Check<{ sessionId: string; bundle?: ImportBundle; bundles?: ImportBundle[]; continues?: boolean; stageOnly?: boolean }> = (v, p) => {
  const r = obj({
    sessionId: id,
    bundle: optional(checkImportBundle),
    bundles: optional(arr(checkImportBundle, { max: MAX_SESSION_BATCH })),
    continues: optional(bool),
    stageOnly: optional(bool),
  })(v, p);
  if ((r.bundle === undefined) === (r.bundles === undefined) || r.bundles?.length === 0) throw new ValidationError(p, 'expected either bundle or bundles');
  const total = (k: 'speakers' | 'talks' | 'events') => (r.bundles ?? []).reduce((n, b) => n + b[k].length, 0);
  for (const k of ['speakers', 'talks', 'events'] as const) {
    if (total(k) > BUNDLE_LIMITS[k]) throw new ValidationError(p ? `${p}.bundles` : 'bundles', `more than ${BUNDLE_LIMITS[k]} ${k} in one batch`);
  }
  return r;
};

export function createImportHandlers(db: PodiumDb): AreaHandlers<ImportCalls> {
  return {
    previewBundle: { params: obj({ bundle: checkImportBundle }), run: ({ bundle }) => previewBundle(db, bundle) },
    importSessionStart: {
      params: obj({ label: str({ max: 500 }) }),
      run: ({ label }) => importSessionStart(db, label),
    },
    importSessionAdd: {
      params: sessionAddParams,
      run: ({ sessionId: sid, bundle, bundles, continues, stageOnly }) => importSessionAdd(db, sid, bundles ?? [bundle!], { continues: !!continues, stageOnly: !!stageOnly }),
    },
    importSessionStaged: { params: sessionId, run: ({ sessionId: sid }) => importSessionStaged(db, sid) },
    importSessionCommit: { params: sessionId, run: ({ sessionId: sid }) => thenApplyRecipe(db, () => importSessionCommit(db, sid)) },
    importSessionAbort: { params: sessionId, run: ({ sessionId: sid }) => importSessionAbort(db, sid) },
    tabConference: { params: obj({ tabId: num({ integer: true, min: 0 }) }), run: ({ tabId }) => tabConference(tabId) },
  };
}
