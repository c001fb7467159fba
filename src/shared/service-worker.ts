/** Chrome's service worker, for extension pages that post to it directly (src/import/bulk-call.ts, src/popup/direct-call.ts). */
import browser from './browser';

/** The running service worker of this extension (Chrome), or undefined (Firefox's event page). */
export async function serviceWorker(): Promise<ServiceWorker | undefined> {
  const background = browser.runtime.getManifest().background as { service_worker?: string } | undefined;
  if (!background?.service_worker || !navigator.serviceWorker) return undefined;
  return (await navigator.serviceWorker.getRegistration())?.active ?? undefined;
}
