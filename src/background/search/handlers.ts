/** The worker's search methods: search as you type, and the search index's status. */
import type { SearchCalls } from '../../shared/messages';
import { bool, num, obj, optional, str } from '../../shared/validate';
import type { PodiumDb } from '../db';
import type { AreaHandlers } from '../router';
import { giveWay } from '../slices';
import { searchService, type SearchService } from './service';

/** Builds the search methods over one database (and its search service). */
export function createSearchHandlers(db: PodiumDb, service: SearchService = searchService(db)): AreaHandlers<SearchCalls> {
  return {
    search: {
      params: obj({ query: str({ max: 200 }), limit: optional(num({ integer: true, min: 1, max: 100 })), interactive: optional(bool) }),
      run: ({ query, limit, interactive }) => {
        if (interactive) giveWay();
        return service.search(query, limit ?? 10);
      },
    },
    searchStatus: { params: obj({ rebuild: optional(bool) }), run: ({ rebuild }) => service.status(rebuild ?? false) },
  };
}
