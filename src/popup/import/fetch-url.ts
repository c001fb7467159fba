/**
 * "Import from a URL": a pretalx event (its REST API, paginated), a
 * Sessionize API URL, or a link to a `.ics`, `.xml` or `.json` schedule.
 * The caller asks for the origin's permission inside the click handler
 * ({@link originPattern}); fetching happens here, in the import page.
 */
import { conferenceFromUrl } from '../../background/import/conference';
import { ImportError } from '../../shared/importers/importer';
import { eventSlug, pretalxApiToBundle } from '../../shared/importers/platforms/pretalx-api';
import { decodeUtf8 } from '../../shared/importers/platforms/input';
import type { ImportBundle } from '../../shared/types';
import { readText } from './reader';

/** Most API pages followed per list (pretalx pages hold 25–100 records). */
export const MAX_PAGES = 400;

/** The URL, checked: http(s) only. */
export function parseScheduleUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ImportError('this is not a web address; paste a full URL starting with https://', raw.slice(0, 80));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ImportError('only http and https addresses can be fetched', raw.slice(0, 80));
  return url;
}

/**
 * The host permission to ask for before fetching `raw`. Match patterns take
 * no port (Firefox rejects or never matches `https://host:8443/*`; Chrome's
 * portless pattern covers every port), so the port is left out.
 */
export function originPattern(raw: string): string {
  const url = parseScheduleUrl(raw);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The pretalx event a URL points at (its page or its API), if it looks like one. */
export function pretalxEvent(url: URL): { origin: string; slug: string } | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts[1] === 'events' && parts[2]) return { origin: url.origin, slug: parts[2] };
  const conf = conferenceFromUrl(url.href);
  if (conf?.platform === 'pretalx') return { origin: url.origin, slug: eventSlug(conf.url)! };
  return undefined;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function getJson(fetcher: Fetch, url: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetcher(url, { signal: signal ?? null, credentials: 'omit', headers: { accept: 'application/json' } });
  if (!res.ok) throw new ImportError(`the server answered ${res.status} ${res.statusText}`.trim(), url);
  try {
    return (await res.json()) as unknown;
  } catch {
    throw new ImportError('the server did not answer with JSON', url);
  }
}

/** Every page of a paginated pretalx list, following `next` on the same origin. */
async function allPages(fetcher: Fetch, first: string, signal?: AbortSignal, onPage?: () => void): Promise<unknown[]> {
  const pages: unknown[] = [];
  const origin = new URL(first).origin;
  let next: string | undefined = first;
  while (next) {
    if (pages.length >= MAX_PAGES) throw new ImportError(`more than ${MAX_PAGES} pages; stopped`, first);
    const page = await getJson(fetcher, next, signal);
    pages.push(page);
    onPage?.();
    const link = (page as { next?: unknown })?.next;
    next = typeof link === 'string' && link && new URL(link, next).origin === origin ? new URL(link, next).href : undefined;
  }
  return pages;
}

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, label: string) => void;
  fetch?: Fetch;
}

/** Fetches and reads a schedule URL into bundles. */
export async function fetchSchedule(raw: string, opts: FetchOptions = {}): Promise<ImportBundle[]> {
  const url = parseScheduleUrl(raw);
  const fetcher: Fetch = opts.fetch ?? ((u, i) => fetch(u, i));
  const event = pretalxEvent(url);
  try {
    if (event) {
      const api = `${event.origin}/api/events/${event.slug}/`;
      let pagesRead = 0;
      const onPage = () => opts.onProgress?.(Math.min(0.95, ++pagesRead / (pagesRead + 3)), url.href);
      const info = (await getJson(fetcher, api, opts.signal).catch(() => undefined)) as { name?: unknown } | undefined;
      const name = typeof info?.name === 'string' ? info.name : (info?.name as Record<string, string> | undefined)?.en;
      const talks = await allPages(fetcher, `${api}talks/?limit=100`, opts.signal, onPage);
      const speakers = await allPages(fetcher, `${api}speakers/?limit=100`, opts.signal, onPage);
      return [pretalxApiToBundle({ talks, speakers, eventUrl: `${event.origin}/${event.slug}/`, ...(name ? { eventName: name } : {}) }, url.href)];
    }
    const res = await fetcher(url.href, { signal: opts.signal ?? null, credentials: 'omit' });
    if (!res.ok) throw new ImportError(`the server answered ${res.status} ${res.statusText}`.trim(), url.href);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? undefined;
    const text = decodeUtf8(bytes, url.href).replace(/^\uFEFF/, '');
    const file = url.pathname.split('/').filter(Boolean).pop() ?? url.hostname;
    const item = await readText(text, file, { ...opts, ...(type ? { type } : {}), url: url.href });
    for (const b of item.bundles) {
      b.source.kind = 'api';
      b.source.url = url.href;
    }
    return item.bundles;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if ((e as Error)?.name === 'AbortError') throw new ImportError('Import cancelled; nothing was saved.');
    throw new ImportError(`could not fetch it (${(e as Error)?.message ?? String(e)}); check the address and your connection`, url.href);
  }
}
