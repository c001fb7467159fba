/**
 * The worker's whole handler table: one entry per method of the message map,
 * composed from each area's handler set. The worker and the router tests use
 * the same table, so a method can only be answered one way.
 */
import type { PodiumDb } from './db';
import { createArchiveHandlers } from './archive/handlers';
import { createImportHandlers } from './import/handlers';
import { createMatcherHandlers } from './matcher/handlers';
import { MatcherStore } from './matcher/store';
import { createCommandHandlers } from './commands/handlers';
import type { Handlers } from './router';
import { createSearchHandlers } from './search/handlers';
import { searchService } from './search/service';
import { createSiteHandlers } from './sites/handlers';
import { createSyncHandlers } from './sync/handlers';
import { createSubscriptionHandlers } from './subscriptions/handlers';
import { SUBSCRIPTION_DEPS } from './subscriptions/deps';

export function createHandlerTable(db: PodiumDb, matcher = new MatcherStore(db)): Handlers {
  // After an import the first page waits for the matcher: the search index's refresh goes after it.
  const search = searchService(db, { after: () => matcher.idle() });
  return {
    ...createArchiveHandlers(db),
    ...createMatcherHandlers(db, matcher),
    ...createSiteHandlers(),
    ...createSearchHandlers(db, search),
    ...createImportHandlers(db),
    ...createSyncHandlers(db),
    ...createSubscriptionHandlers(db, SUBSCRIPTION_DEPS),
    ...createCommandHandlers(),
  };
}
