/**
 * Fetching a schedule by URL: a pretalx event (its REST API, paginated), a
 * Sessionize API URL, or a link to a `.ics`, `.xml` or `.json` schedule.
 * The import page fetches once ("Import from a URL"); the worker fetches
 * again for a subscription, with conditional requests: answers carry their
 * validators (ETag, Last-Modified) and a fetch given them back can end as
 * "not modified" without reading the schedule.
 *
 * The caller holds the origin's host permission ({@link originPattern}).
 */
import { conferenceFromUrl } from '../conference-url';
import type { ImportBundle } from '../types';
import { ImportError } from './importer';
import { decodeUtf8, MAX_TEXT_CHARS } from './platforms/input';
import { eventSlug, pretalxApiToBundle } from './platforms/pretalx-api';
import { type PyvideoFile, pyvideoFolderBundles } from './platforms/pyvideo';

/** What went wrong fetching a schedule, for a message in the user's language (the English sentence stays for logs). */
export type FetchProblem = 'address' | 'status' | 'notJson' | 'tooLarge' | 'tooManyPages' | 'timeout' | 'network' | 'unreadable' | 'noTalks';

/** An {@link ImportError} that says which {@link FetchProblem} it is, with the detail a message needs (a status, a size). */
export class FetchError extends ImportError {
  constructor(
    readonly problem: FetchProblem,
    message: string,
    where?: string,
    readonly detail?: string,
  ) {
    super(message, where);
  }
}

/** Most API pages followed per list (pretalx pages hold 25–100 records). */
export const MAX_PAGES = 400;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What a server said to revalidate one URL with. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Reads one fetched document into bundles (the caller decides which importers may). */
export type ReadDocument = (text: string, file: string, opts: { type?: string; url: string; signal?: AbortSignal }) => Promise<ImportBundle[]>;

export interface FetchScheduleOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, label: string) => void;
  fetch?: Fetch;
  /** Validators from the last fetch, per URL: the schedule may answer "not modified". */
  validators?: Readonly<Record<string, Validators>>;
  /** Largest answer read, in bytes. */
  maxBytes?: number;
}

export type FetchedSchedule =
  | { notModified: true; validators: Record<string, Validators> }
  | { notModified: false; bundles: ImportBundle[]; validators: Record<string, Validators> };

/** The URL, checked: http(s) only; a `webcal://` calendar link (what "Subscribe to calendar" buttons give) is its https address. */
export function parseScheduleUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim().replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw new FetchError('address', 'this is not a web address; paste a full URL starting with https://', raw.slice(0, 80));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FetchError('address', 'only http and https addresses can be fetched', raw.slice(0, 80));
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

/** Files of one pyvideo event read at most (the largest events hold a few hundred talks). */
export const MAX_PYVIDEO_FILES = 2_000;
const RAW_GITHUB = 'https://raw.githubusercontent.com';

/**
 * The pyvideo event a URL points at: its folder of the pyvideo/data
 * repository (`github.com/pyvideo/data/tree/<branch>/<folder>`) or its
 * pyvideo.org page (`pyvideo.org/events/<folder>.html`, the same folder name).
 */
export function pyvideoEvent(url: URL): { branch: string; folder: string } | undefined {
  if (url.hostname === 'github.com') {
    const m = /^\/pyvideo\/data\/tree\/([^/]+)\/([^/]+)\/?/.exec(url.pathname);
    return m ? { branch: decodeURIComponent(m[1]!), folder: decodeURIComponent(m[2]!) } : undefined;
  }
  if (/(^|\.)pyvideo\.org$/.test(url.hostname)) {
    const m = /^\/events\/([^/]+?)(?:\.html)?\/?$/.exec(url.pathname);
    return m ? { branch: 'main', folder: decodeURIComponent(m[1]!) } : undefined;
  }
  return undefined;
}

/** Every host permission fetching `raw` needs: its own host, or for a pyvideo event GitHub's API and raw files. */
export function originPatterns(raw: string): string[] {
  const url = parseScheduleUrl(raw);
  if (pyvideoEvent(url)) return ['https://api.github.com/*', `${RAW_GITHUB}/*`];
  return [originPattern(raw)];
}

/** The pretalx event a URL points at (its page or its API), if it looks like one. */
export function pretalxEvent(url: URL): { origin: string; slug: string } | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts[1] === 'events' && parts[2]) return { origin: url.origin, slug: parts[2] };
  const conf = conferenceFromUrl(url.href);
  if (conf?.platform === 'pretalx') return { origin: url.origin, slug: eventSlug(conf.url)! };
  return undefined;
}

function conditional(v: Validators | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  if (v?.etag) h['if-none-match'] = v.etag;
  if (v?.lastModified) h['if-modified-since'] = v.lastModified;
  return h;
}

function validatorsOf(res: Response): Validators | undefined {
  const etag = res.headers.get('etag') ?? undefined;
  const lastModified = res.headers.get('last-modified') ?? undefined;
  return etag || lastModified ? { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) } : undefined;
}

/** The body, refused once it grows past `max` bytes (a runaway answer is not read to the end). */
async function bodyBytes(res: Response, max: number, where: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  const mb = String(Math.round(max / 1024 / 1024));
  const tooBig = () => new FetchError('tooLarge', `the answer is larger than the ${mb} MB Podium reads from one address`, where, mb);
  if (Number.isFinite(declared) && declared > max) throw tooBig();
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => {});
      throw tooBig();
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function statusError(res: Response, url: string): ImportError {
  const status = `${res.status} ${res.statusText}`.trim();
  return new FetchError('status', `the server answered ${status}`, url, status);
}

interface Ctx {
  fetcher: Fetch;
  signal: AbortSignal | undefined;
  max: number;
  seen: Record<string, Validators>;
}

/**
 * One GET. With validators `v` it is conditional, and a 304 answers
 * undefined; a failing status throws. The validators of the answer are kept
 * in `ctx.seen` when it is a 304, or when `keep` says so (not for each of a
 * pyvideo event's files, which are revalidated through their listing).
 */
async function get(ctx: Ctx, url: string, o: { accept?: string; v?: Validators | undefined; keep?: boolean } = {}): Promise<Response | undefined> {
  const headers = { ...(o.accept ? { accept: o.accept } : {}), ...conditional(o.v) };
  const res = await ctx.fetcher(url, { signal: ctx.signal ?? null, credentials: 'omit', headers });
  if (res.status === 304 && o.v) {
    ctx.seen[url] = validatorsOf(res) ?? o.v;
    return undefined;
  }
  if (!res.ok) throw statusError(res, url);
  const got = o.keep && validatorsOf(res);
  if (got) ctx.seen[url] = got;
  return res;
}

/** The body of an answer as text (UTF-8, within the size limit). */
async function textOf(ctx: Ctx, res: Response, url: string): Promise<string> {
  return decodeUtf8(await bodyBytes(res, ctx.max, url), url);
}

async function getJson(ctx: Ctx, url: string): Promise<unknown> {
  const bytes = await bodyBytes((await get(ctx, url, { accept: 'application/json', keep: true }))!, ctx.max, url);
  try {
    // JSON.parse judges the text: a stray byte in one field does not refuse the page.
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new FetchError('notJson', 'the server did not answer with JSON', url);
  }
}

/** Whether `url` is unchanged since `v` (a 304), with no body read; false when there is nothing to compare. */
async function unchanged(ctx: Ctx, url: string, v: Validators | undefined): Promise<boolean> {
  if (!v) return false;
  const res = await get(ctx, url, { accept: 'application/json', v });
  if (!res) return true;
  void res.body?.cancel().catch(() => {});
  return false;
}

async function getText(ctx: Ctx, url: string): Promise<string> {
  return textOf(ctx, (await get(ctx, url))!, url);
}

/**
 * A pyvideo event's files, through GitHub: the folder's `videos/` listing
 * (the contents API, revalidated: a 304 means no talk changed), its
 * `category.json` and each talk's JSON from raw.githubusercontent.com.
 */
async function pyvideoFiles(ctx: Ctx, ev: { branch: string; folder: string }, validators: FetchScheduleOptions['validators'], onFile?: (done: number, all: number) => void): Promise<PyvideoFile[] | 'notModified'> {
  const path = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  const listing = `https://api.github.com/repos/pyvideo/data/contents/${path(ev.folder)}/videos?ref=${encodeURIComponent(ev.branch)}`;
  if (await unchanged(ctx, listing, validators?.[listing])) return 'notModified';
  const entries = await getJson(ctx, listing);
  if (!Array.isArray(entries)) throw new FetchError('unreadable', 'GitHub did not list the event’s talks', listing);
  const talks = entries
    .map((e) => e as { type?: unknown; name?: unknown; download_url?: unknown })
    .filter((e): e is { type: 'file'; name: string; download_url: string } => e.type === 'file' && typeof e.name === 'string' && e.name.endsWith('.json') && typeof e.download_url === 'string' && e.download_url.startsWith(`${RAW_GITHUB}/`));
  if (talks.length > MAX_PYVIDEO_FILES) throw new FetchError('tooManyPages', `more than ${MAX_PYVIDEO_FILES} pages; stopped`, listing, String(MAX_PYVIDEO_FILES));
  const files: PyvideoFile[] = [];
  const category = await getText(ctx, `${RAW_GITHUB}/pyvideo/data/${path(ev.branch)}/${path(ev.folder)}/category.json`).catch((e: unknown) => {
    // An event without its category file is still its talks; a cancel or timeout is not.
    if (e instanceof FetchError && e.problem === 'status') return undefined;
    throw e;
  });
  if (category !== undefined) files.push({ path: `${ev.folder}/category.json`, text: category });
  // A few at a time: GitHub serves raw files quickly, and a large event has hundreds.
  let next = 0;
  const worker = async () => {
    while (next < talks.length) {
      const e = talks[next++]!;
      files.push({ path: `${ev.folder}/videos/${e.name}`, text: await getText(ctx, e.download_url) });
      onFile?.(files.length, talks.length + 1);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return files;
}

/** Every page of a paginated pretalx list, following `next` on the same origin. */
async function allPages(ctx: Ctx, first: string, onPage?: () => void): Promise<unknown[]> {
  const pages: unknown[] = [];
  const origin = new URL(first).origin;
  let next: string | undefined = first;
  while (next) {
    if (pages.length >= MAX_PAGES) throw new FetchError('tooManyPages', `more than ${MAX_PAGES} pages; stopped`, first, String(MAX_PAGES));
    const page = await getJson(ctx, next);
    pages.push(page);
    onPage?.();
    const link = (page as { next?: unknown })?.next;
    next = typeof link === 'string' && link && new URL(link, next).origin === origin ? new URL(link, next).href : undefined;
  }
  return pages;
}

/** A reading fetched from `url`: its bundles' source is that address, read through its API. */
function fetched(bundles: ImportBundle[], url: string, validators: Record<string, Validators>): FetchedSchedule {
  for (const b of bundles) {
    b.source.kind = 'api';
    b.source.url = url;
  }
  return { notModified: false, bundles, validators };
}

/** Fetches and reads a schedule URL into bundles, or finds it unchanged since `opts.validators`. */
export async function fetchSchedule(raw: string, read: ReadDocument, opts: FetchScheduleOptions = {}): Promise<FetchedSchedule> {
  const url = parseScheduleUrl(raw);
  const ctx: Ctx = { fetcher: opts.fetch ?? ((u, i) => fetch(u, i)), signal: opts.signal, max: opts.maxBytes ?? MAX_TEXT_CHARS, seen: {} };
  const event = pretalxEvent(url);
  const pyvideo = pyvideoEvent(url);
  try {
    if (pyvideo) {
      const files = await pyvideoFiles(ctx, pyvideo, opts.validators, (done, all) => opts.onProgress?.(Math.min(0.95, done / all), url.href));
      if (files === 'notModified') return { notModified: true, validators: ctx.seen };
      const bundles = await pyvideoFolderBundles(files, { name: url.href, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      return fetched(bundles, url.href, ctx.seen);
    }
    if (event) {
      const api = `${event.origin}/api/events/${event.slug}/`;
      const talksUrl = `${api}talks/?limit=100`;
      const speakersUrl = `${api}speakers/?limit=100`;
      // Both lists' first pages unchanged: the event is (pretalx pages change together with their lists).
      if ((await unchanged(ctx, talksUrl, opts.validators?.[talksUrl])) && (await unchanged(ctx, speakersUrl, opts.validators?.[speakersUrl]))) {
        return { notModified: true, validators: ctx.seen };
      }
      let pagesRead = 0;
      const onPage = () => opts.onProgress?.(Math.min(0.95, ++pagesRead / (pagesRead + 3)), url.href);
      const info = (await getJson(ctx, api).catch((e: unknown) => {
        if ((e as Error)?.name === 'AbortError') throw e;
        return undefined;
      })) as { name?: unknown } | undefined;
      const name = typeof info?.name === 'string' ? info.name : (info?.name as Record<string, string> | undefined)?.en;
      const talks = await allPages(ctx, talksUrl, onPage);
      const speakers = await allPages(ctx, speakersUrl, onPage);
      const bundle = pretalxApiToBundle({ talks, speakers, eventUrl: `${event.origin}/${event.slug}/`, ...(name ? { eventName: name } : {}) }, url.href);
      return { notModified: false, bundles: [bundle], validators: ctx.seen };
    }
    const res = await get(ctx, url.href, { v: opts.validators?.[url.href], keep: true });
    if (!res) return { notModified: true, validators: ctx.seen };
    const type = res.headers.get('content-type') ?? undefined;
    const text = (await textOf(ctx, res, url.href)).replace(/^\uFEFF/, '');
    const file = url.pathname.split('/').filter(Boolean).pop() ?? url.hostname;
    const bundles = await read(text, file, { ...(type ? { type } : {}), url: url.href, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    return fetched(bundles, url.href, ctx.seen);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if ((e as Error)?.name === 'AbortError') throw new ImportError('Import cancelled; nothing was saved.');
    if ((e as Error)?.name === 'TimeoutError') throw new FetchError('timeout', 'the server took too long to answer', url.href);
    const why = (e as Error)?.message ?? String(e);
    throw new FetchError('network', `could not fetch it (${why}); check the address and your connection`, url.href, why);
  }
}
