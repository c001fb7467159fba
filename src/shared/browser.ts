/**
 * The one seam to the WebExtension API. Everything else imports `browser`
 * from here, so tests can map this module to a fake and Chrome gets the
 * promise-based `browser.*` namespace through webextension-polyfill.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs, Permissions, Scripting } from 'webextension-polyfill';
export default browser;
