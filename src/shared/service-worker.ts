/** Chrome's service worker, for extension pages that post to it directly (src/import/bulk-call.ts, src/popup/direct-call.ts). */
import browser from './browser';

/** Whether the background is a service worker (Chrome), not an event page (Firefox). */
export function hasServiceWorker(): boolean {
  return !!(browser.runtime.getManifest().background as { service_worker?: string } | undefined)?.service_worker && !!navigator.serviceWorker;
}

/** The running service worker of this extension (Chrome), or undefined (Firefox's event page). */
export async function serviceWorker(): Promise<ServiceWorker | undefined> {
  if (!hasServiceWorker()) return undefined;
  return (await navigator.serviceWorker.getRegistration())?.active ?? undefined;
}
