/** Handlers for the sites the user enables beyond Podium's list, and one-off scans. */
import { empty, num, obj, str } from '../../shared/validate';
import type { SiteCalls } from '../../shared/messages';
import type { AreaHandlers } from '../router';
import { disableSite, enableSite, injectInto, listSites } from './sites';

const pattern = obj({ pattern: str({ min: 1, max: 300 }) });

export function createSiteHandlers(): AreaHandlers<SiteCalls> {
  return {
    listSites: { params: empty, run: () => listSites() },
    enableSite: { params: pattern, run: ({ pattern: p }) => enableSite(p) },
    disableSite: { params: pattern, run: ({ pattern: p }) => disableSite(p) },
    scanTab: {
      params: obj({ tabId: num({ integer: true, min: 0 }) }),
      run: async ({ tabId }) => {
        await injectInto(tabId);
        return null;
      },
    },
  };
}
