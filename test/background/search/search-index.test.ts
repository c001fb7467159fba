import { SearchIndex, typoMatch, type SearchDoc } from '../../../src/background/search/search-index';

const speaker = (id: string, name: string, headline = '', aliases: string[] = []): SearchDoc => ({
  kind: 'speaker', id, label: name, detail: headline, name: [name, ...aliases], rest: [headline],
});
const talk = (id: string, title: string, rest: string[] = [], speakerIds: string[] = [], sort = ''): SearchDoc => ({
  kind: 'talk', id, label: title, detail: '', title: [title], rest, speakerIds, sort,
});
const event = (id: string, name: string): SearchDoc => ({ kind: 'event', id, label: name, detail: '', title: [name] });

const DOCS: SearchDoc[] = [
  speaker('rok', 'Rok Papež', 'Site Reliability Engineer at Meta'),
  speaker('gl', 'Giuseppe Lavagetto', 'Principal SRE at Wikimedia Foundation'),
  speaker('af', 'Angelo Failla', 'Production Engineer at Facebook'),
  speaker('rp2', 'Rokas Papadopoulos', 'Papers we love'),
  talk('t1', 'Building a Kubernetes on Bare-Metal Cluster', ['bare metal kubernetes at wikimedia'], ['gl'], '2019'),
  talk('t2', 'Testing in production for fun and profit', ['Rok explains'], ['rok'], '2017'),
  talk('t3', 'Papež and the DHCP server', ['dhcp'], ['af', 'rok'], '2016'),
  event('e1', 'EuroPython 2016'),
];

function build(docs = DOCS): SearchIndex {
  const x = new SearchIndex();
  for (const d of docs) x.upsert(d);
  return x;
}
const ids = (x: SearchIndex, q: string, kind?: string) =>
  x.search(q).groups.filter((g) => !kind || g.kind === kind).flatMap((g) => g.hits.map((h) => h.id));

describe('SearchIndex', () => {
  it('matches every word by prefix, folding case and diacritics', () => {
    const x = build();
    expect(ids(x, 'rok papez', 'speaker')).toEqual(['rok']);
    expect(ids(x, 'ROK PAPEŽ', 'speaker')).toEqual(['rok']);
    expect(ids(x, 'gius lav', 'speaker')).toEqual(['gl']);
    expect(ids(x, 'kube bare', 'talk')).toEqual(['t1']);
  });

  it('tolerates one typo in words of five letters or more, not in shorter ones', () => {
    const x = build();
    expect(ids(x, 'papex', 'speaker')).toEqual(['rok']);
    expect(ids(x, 'lavageto', 'speaker')).toEqual(['gl']);
    expect(ids(x, 'giusepe', 'speaker')).toEqual(['gl']);
    expect(ids(x, 'fial', 'speaker')).toEqual([]);
    expect(typoMatch('kuber', 'kubectl')).toBe(false);
    expect(typoMatch('kubrenetes', 'kubernetes')).toBe(true);
  });

  it('ranks exact name, then name prefix, then talk title, then the rest', () => {
    const x = build();
    const r = x.search('rok');
    expect(r.groups[0]!.kind).toBe('speaker');
    // "Rok Papež" (exact word) before "Rokas" (prefix)
    expect(r.groups[0]!.hits.map((h) => h.id)).toEqual(['rok', 'rp2']);
    const pap = x.search('papež');
    expect(pap.groups.map((g) => g.kind)).toEqual(['speaker', 'talk']);
    const t = x.search('kubernetes').groups.find((g) => g.kind === 'talk')!;
    expect(t.hits[0]!.id).toBe('t1');
    // Exact full name beats everything.
    expect(x.search('rok papez').groups[0]!.hits[0]!.score).toBeGreaterThan(x.search('rok pap').groups[0]!.hits[0]!.score);
  });

  it('groups by kind with counts and reports highlight ranges', () => {
    const x = build();
    const r = x.search('pap');
    const sp = r.groups.find((g) => g.kind === 'speaker')!;
    expect(sp.count).toBe(2);
    const rok = sp.hits.find((h) => h.id === 'rok')!;
    expect(rok.labelMarks).toEqual([[4, 7]]); // "Pap" of "Papež"
    const typo = x.search('papex').groups[0]!.hits[0]!;
    expect(typo.labelMarks).toEqual([[4, 9]]);
    const t3 = x.search('dhcp').groups.find((g) => g.kind === 'talk')!.hits[0]!;
    expect(t3.detail).toBe('Angelo Failla, Rok Papež');
  });

  it('updated incrementally, answers like an index built from scratch', () => {
    const x = build();
    x.remove('speaker', 'af');
    x.upsert(speaker('gl', 'Giuseppe Lavagetto', 'Staff engineer at Somewhere'));
    x.upsert(talk('t4', 'DHCP at scale', [], ['rok']));
    x.compact();
    x.upsert(talk('t2', 'Testing in staging', [], ['rok']));
    x.remove('event', 'e1');
    const fresh = build([
      speaker('rok', 'Rok Papež', 'Site Reliability Engineer at Meta'),
      speaker('gl', 'Giuseppe Lavagetto', 'Staff engineer at Somewhere'),
      speaker('rp2', 'Rokas Papadopoulos', 'Papers we love'),
      talk('t1', 'Building a Kubernetes on Bare-Metal Cluster', ['bare metal kubernetes at wikimedia'], ['gl'], '2019'),
      talk('t3', 'Papež and the DHCP server', ['dhcp'], ['af', 'rok'], '2016'),
      talk('t4', 'DHCP at scale', [], ['rok']),
      talk('t2', 'Testing in staging', [], ['rok']),
    ]);
    for (const q of ['dhcp', 'staff', 'wikimedia', 'testing', 'prod', 'europython', 'rok', 'papex', 'a', 'e', 's t']) {
      const strip = (i: SearchIndex) => i.search(q).groups.map((g) => ({ kind: g.kind, count: g.count, ids: g.hits.map((h) => h.id).sort() }));
      expect([q, strip(x)]).toEqual([q, strip(fresh)]);
    }
    const round = SearchIndex.deserialize(structuredClone(x.serialize()));
    expect(round.search('staging').groups[0]!.hits[0]!.id).toBe('t2');
    expect(round.docCount).toBe(7);
  });

  it('tolerates a typo on the first letter of words of five letters or more', () => {
    const x = build();
    x.compact();
    for (const q of ['rapez', 'apapez', 'apez', 'aprez', 'kavagetto', 'avagetto', 'alvagetto', 'ubernetes'])
      expect([q, ids(x, q, q.startsWith('u') ? 'talk' : 'speaker')]).toEqual([q, q === 'apez' || q === 'aprez' ? [] : q.startsWith('u') ? ['t1'] : [q.includes('pez') ? 'rok' : 'gl']]);
    expect(x.search('rapez').groups[0]!.hits[0]!.labelMarks).toEqual([[4, 9]]);
    // The delta (not yet compacted) too.
    x.upsert(speaker('nw', 'Nadia Wojciechowska'));
    expect(ids(x, 'mojciech', 'speaker')).toEqual(['nw']);
  });

  it('answers one- and two-letter queries from the precomputed table exactly like the full search', () => {
    const docs = [...DOCS, ...Array.from({ length: 40 }, (_, i) => talk(`x${i}`, `Ra${i % 7} papers ${i % 3 ? 'rok' : 'paper'}`, [], ['rok'], String(2000 + (i % 5))))];
    const fast = build(docs);
    fast.compact();
    const slow = build(docs);
    slow.compact();
    slow.upsert(event('tmp', 'Temporary'));
    slow.remove('event', 'tmp'); // changed since compaction: the table is not used
    for (const q of ['r', 'ro', 'p', 'pa', 'e', 'k', 'z', '2', 'ra'])
      for (const limit of [1, 3, 10, 100]) {
        const strip = (i: SearchIndex) => { const r = i.search(q, { limit }); return { words: r.words, groups: r.groups.map((g) => ({ kind: g.kind, count: g.count, hits: g.hits.map((h) => [h.id, h.score, h.labelMarks]) })) }; };
        expect([q, limit, strip(fast)]).toEqual([q, limit, strip(slow)]);
      }
    const round = SearchIndex.deserialize(structuredClone(fast.serialize()));
    expect(round.search('ra', { limit: 5 })).toEqual(fast.search('ra', { limit: 5 }));
  });

  it('a copy takes changes and compacts while the original answers as it was', () => {
    const x = build();
    x.compact();
    x.upsert(talk('t5', 'Delta talk on quokkas', [], ['rok']));
    const strip = (i: SearchIndex, q: string) => i.search(q).groups.map((g) => ({ kind: g.kind, count: g.count, ids: g.hits.map((h) => h.id).sort() }));
    const queries = ['rok', 'r', 'pa', 'quokkas', 'numbat', 'failla', 'staff', 'giuseppe'];
    const before = queries.map((q) => strip(x, q));
    const copy = x.clone();
    copy.remove('speaker', 'af');
    copy.upsert(speaker('gl', 'Giuseppe Lavagetto', 'Staff engineer at Somewhere'));
    copy.upsert(talk('t6', 'Numbats at scale', [], ['gl']));
    copy.compact();
    // The original is untouched, compacted base and delta alike.
    expect(queries.map((q) => strip(x, q))).toEqual(before);
    // The copy answers like an index built with the changes.
    const fresh = build([...DOCS.filter((d) => d.id !== 'af' && d.id !== 'gl'), talk('t5', 'Delta talk on quokkas', [], ['rok']), speaker('gl', 'Giuseppe Lavagetto', 'Staff engineer at Somewhere'), talk('t6', 'Numbats at scale', [], ['gl'])]);
    for (const q of queries) expect([q, strip(copy, q)]).toEqual([q, strip(fresh, q)]);
  });

  it('compacts in slices to the same index, answering searches from the old one until it is replaced', async () => {
    const docs = [...DOCS, ...Array.from({ length: 9000 }, (_, i) => talk(`y${i}`, `Talk ${i} on topic${i % 97}`, [`abstract ${i}`], ['rok'], String(2000 + (i % 20))))];
    const whole = build(docs);
    whole.remove('speaker', 'af');
    whole.compact();
    const sliced = build(docs);
    sliced.remove('speaker', 'af');
    const before = sliced.search('topic5 talk', { limit: 5 });
    const between: unknown[] = [];
    let pauses = 0;
    await sliced.compactInSlices({
      due: () => true,
      pause: async () => {
        pauses++;
        between.push(sliced.search('topic5 talk', { limit: 5 }).groups.map((g) => [g.kind, g.count]));
      },
    });
    expect(pauses).toBeGreaterThan(3);
    // Every search between slices had the same answer as before the compaction began.
    for (const b of between) expect(b).toEqual(before.groups.map((g) => [g.kind, g.count]));
    expect(sliced.serialize()).toEqual(whole.serialize());
    expect(ids(sliced, 'failla')).toEqual([]);
  });
});
