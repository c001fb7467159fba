/**
 * The conference a URL belongs to, from the URL alone: a pretalx event (its
 * pages) or a Sessionize API view. The worker uses it for the toolbar badge
 * and for subscriptions, the import page for URLs the user pastes.
 */

/** A conference platform page (or embed) seen on a tab. */
export interface TabConference {
  platform: 'pretalx' | 'sessionize';
  /** Where to fetch the schedule: a pretalx event URL or a Sessionize API URL. */
  url: string;
  /** Event slug or Sessionize id, for the label. */
  name: string;
}

const PRETALX_PAGES = new Set(['schedule', 'talk', 'speaker', 'featured', 'cfp', 'sneak']);
const NOT_EVENTS = new Set(['api', 'orga', 'static', 'media', 'p', 'redirect', 'locale', 'widgets']);

/** The conference a URL belongs to, from the URL alone. */
export function conferenceFromUrl(raw: string | undefined): TabConference | null {
  let url: URL;
  try {
    url = new URL(raw ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const sz = /^\/api\/v2\/([a-z0-9]+)\/view\//i.exec(url.pathname);
  if (/(^|\.)sessionize\.com$/.test(url.hostname) && sz) {
    return { platform: 'sessionize', url: `${url.origin}/api/v2/${sz[1]}/view/All`, name: sz[1]! };
  }
  const slug = parts[0];
  const onPretalx = /(^|\.)pretalx\.com$/.test(url.hostname);
  if (slug && !NOT_EVENTS.has(slug) && (onPretalx ? parts.length === 1 || PRETALX_PAGES.has(parts[1]!) : PRETALX_PAGES.has(parts[1] ?? '') && parts[1] !== 'cfp' && /pretalx/.test(url.hostname))) {
    return { platform: 'pretalx', url: `${url.origin}/${slug}/`, name: slug };
  }
  return null;
}
