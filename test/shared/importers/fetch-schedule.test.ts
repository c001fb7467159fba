/**
 * The schedule fetcher's address rules and its answers, against a fake
 * `fetch`: conditional requests, what counts as not modified, and the kind
 * of each failure (Settings and the import page word them).
 */
import { type Fetch, FetchError, fetchSchedule, originPattern, originPatterns, parseScheduleUrl, type ReadDocument } from '../../../src/shared/importers/fetch-schedule';
import type { ImportBundle } from '../../../src/shared/types';

const ONE: ImportBundle = { source: { kind: 'file', name: 'x', format: 'ical' }, speakers: [], talks: [{ title: 'T', speakerRefs: [] }], events: [], warnings: [] };
const read = async () => [structuredClone(ONE)];

describe('schedule addresses', () => {
  it('takes http(s) and webcal links, and asks for the host without its port', () => {
    expect(parseScheduleUrl(' webcal://conf.example.org/feed.ics ').href).toBe('https://conf.example.org/feed.ics');
    expect(originPattern('https://conf.example.org:8443/x.xml')).toBe('https://conf.example.org/*');
    expect(() => parseScheduleUrl('ftp://x/y')).toThrow(FetchError);
    expect(() => parseScheduleUrl('not a url')).toThrow(/not a web address/);
  });
});

describe('fetchSchedule', () => {
  const calls: { url: string; headers: Headers }[] = [];
  const answer = (res: () => Response): Fetch => async (url, init) => {
    calls.push({ url, headers: new Headers(init?.headers) });
    return res();
  };
  beforeEach(() => (calls.length = 0));

  it('sends the validators it was given, and a 304 is "not modified" with the validators kept', async () => {
    const got = await fetchSchedule('https://conf.example.org/feed.ics', read, {
      fetch: answer(() => new Response(null, { status: 304 })),
      validators: { 'https://conf.example.org/feed.ics': { etag: '"a"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' } },
    });
    expect(got).toEqual({ notModified: true, validators: { 'https://conf.example.org/feed.ics': { etag: '"a"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' } } });
    expect(calls[0]!.headers.get('if-none-match')).toBe('"a"');
    expect(calls[0]!.headers.get('if-modified-since')).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
  });

  it('reads a 200, marks the bundles as fetched from the address, and returns its new validators', async () => {
    const got = await fetchSchedule('https://conf.example.org/feed.ics', read, { fetch: answer(() => new Response('BEGIN:VCALENDAR', { headers: { etag: '"b"' } })) });
    expect(got.notModified).toBe(false);
    if (got.notModified) return;
    expect(got.bundles[0]!.source).toMatchObject({ kind: 'api', url: 'https://conf.example.org/feed.ics' });
    expect(got.validators).toEqual({ 'https://conf.example.org/feed.ics': { etag: '"b"' } });
  });

  it.each<[string, () => Response, string]>([
    ['an HTTP error', () => new Response('x', { status: 503, statusText: 'Service Unavailable' }), 'status'],
    ['an answer over the limit', () => new Response('x'.repeat(2048)), 'tooLarge'],
  ])('names the kind of failure: %s', async (_what, res, problem) => {
    await expect(fetchSchedule('https://conf.example.org/feed.ics', read, { fetch: answer(res), maxBytes: 1024 })).rejects.toMatchObject({ problem });
  });

  it('a network failure and a timeout are told apart', async () => {
    const down: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(fetchSchedule('https://conf.example.org/feed.ics', read, { fetch: down })).rejects.toMatchObject({ problem: 'network', detail: 'Failed to fetch' });
    const slow: Fetch = async () => {
      throw new DOMException('signal timed out', 'TimeoutError');
    };
    await expect(fetchSchedule('https://conf.example.org/feed.ics', read, { fetch: slow })).rejects.toMatchObject({ problem: 'timeout' });
  });
});

describe('a pyvideo event by address', () => {
  const talk = (title: string, who: string) => JSON.stringify({ title, speakers: [who], recorded: '2016-07-19', videos: [{ type: 'youtube', url: 'https://www.youtube.com/watch?v=x' }], thumbnail_url: 'https://i.ytimg.com/x.jpg', copyright_text: 'CC BY' });
  const LISTING = 'https://api.github.com/repos/pyvideo/data/contents/europython-2016/videos?ref=main';
  const files: Record<string, string> = {
    'https://raw.githubusercontent.com/pyvideo/data/main/europython-2016/category.json': JSON.stringify({ title: 'EuroPython 2016' }),
    'https://raw.githubusercontent.com/pyvideo/data/main/europython-2016/videos/a.json': talk('Engines of thought', 'Ada Quokka'),
    'https://raw.githubusercontent.com/pyvideo/data/main/europython-2016/videos/b.json': talk('Compilers for everyone', 'Bob Wombat'),
  };
  const listing = [
    { type: 'file', name: 'a.json', download_url: 'https://raw.githubusercontent.com/pyvideo/data/main/europython-2016/videos/a.json' },
    { type: 'file', name: 'b.json', download_url: 'https://raw.githubusercontent.com/pyvideo/data/main/europython-2016/videos/b.json' },
    // Never followed: not a raw GitHub file.
    { type: 'file', name: 'c.json', download_url: 'https://evil.example.org/c.json' },
    { type: 'dir', name: 'more', download_url: null },
  ];
  const requested: string[] = [];
  const github: Fetch = async (url, init) => {
    requested.push(url);
    const h = new Headers(init?.headers);
    if (url === LISTING) return h.get('if-none-match') === '"l1"' ? new Response(null, { status: 304 }) : new Response(JSON.stringify(listing), { headers: { etag: '"l1"' } });
    const body = files[url];
    return body ? new Response(body) : new Response('nope', { status: 404, statusText: 'Not Found' });
  };
  const never: ReadDocument = async () => {
    throw new Error('pyvideo events are not read as one document');
  };
  beforeEach(() => (requested.length = 0));

  it.each(['https://github.com/pyvideo/data/tree/main/europython-2016', 'https://pyvideo.org/events/europython-2016.html'])('%s: reads the listed talks through GitHub, and asks for GitHub’s hosts', async (address) => {
    expect(originPatterns(address)).toEqual(['https://api.github.com/*', 'https://raw.githubusercontent.com/*']);
    const got = await fetchSchedule(address, never, { fetch: github });
    if (got.notModified) throw new Error('expected a reading');
    expect(got.bundles.flatMap((b) => b.talks.map((t) => t.title)).sort()).toEqual(['Compilers for everyone', 'Engines of thought']);
    expect(got.bundles[0]!.events[0]!.name).toBe('EuroPython 2016');
    expect(got.bundles[0]!.source).toMatchObject({ kind: 'api', url: address });
    expect(requested.some((u) => u.includes('evil'))).toBe(false);
    // The listing's ETag: next time an unchanged event costs one request.
    requested.length = 0;
    expect(await fetchSchedule(address, never, { fetch: github, validators: got.validators })).toMatchObject({ notModified: true });
    expect(requested).toEqual([LISTING]);
  });
});
