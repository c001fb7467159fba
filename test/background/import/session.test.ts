import { importBundle, importBundles } from '../../../src/background/archive/merge';
import type { PodiumDb } from '../../../src/background/db';
import {
  importSessionAbort,
  importSessionAdd,
  importSessionCommit,
  importSessionStart,
  previewBundle,
  STALE_AFTER_MS,
} from '../../../src/background/import/session';
import { conferenceFromEmbed } from '../../../src/background/import/conference';
import { conferenceFromUrl } from '../../../src/shared/conference-url';
import { partsOf } from '../../../src/import/save';
import { syntheticBundle } from '../../fixtures/synthetic';
import { bundle, freshDb, snapshot } from '../helpers';

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const FBTFTP = 'FBTFTP: Facebook’s open source python3 framework for dynamic TFTP servers';
const cv = bundle({
  name: 'cv.txt',
  speakers: [{ ref: 'a', name: 'Angelo Failla', headline: 'Production Engineer at Facebook' }],
  talks: [{ title: FBTFTP, date: '2016', eventRef: 'e', speakerRefs: ['a'] }],
});
const pyvideo = bundle({
  name: 'pyvideo',
  speakers: [{ ref: 'a', name: 'Angelo Failla' }, { ref: 'b', name: 'Someone Else' }],
  talks: [
    { title: FBTFTP, date: '2016-07-19', eventRef: 'e', speakerRefs: ['a'], links: [{ kind: 'video', url: 'https://youtu.be/x' }] },
    { title: 'Another talk', eventRef: 'e', speakerRefs: ['b'] },
  ],
});
const other = bundle({
  name: 'other',
  speakers: [{ ref: 'a', name: 'Someone Else', headline: 'Writer' }],
  talks: [{ title: 'Third', speakerRefs: ['a'] }],
  events: [],
});

describe('previewBundle', () => {
  it('reports the stored records a bundle would merge with, and writes nothing', async () => {
    await importBundle(db, cv);
    const before = await snapshot(db);
    const p = await previewBundle(db, pyvideo);
    expect(p.result.speakers).toEqual({ created: 1, merged: 1 });
    expect(p.result.talks).toEqual({ created: 1, merged: 1 });
    expect(p.speakers).toEqual([{ index: 0, id: before.speakers[0]!.id, label: 'Angelo Failla' }]);
    expect(p.talks).toEqual([{ index: 0, id: before.talks[0]!.id, label: FBTFTP }]);
    expect(p.events).toEqual([{ index: 0, id: before.events[0]!.id, label: 'EuroPython 2016' }]);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('import sessions, written batch by batch (journaled)', () => {
  it('abort leaves the archive exactly as before, across bundles that touch the same records', async () => {
    await importBundle(db, cv);
    const before = await snapshot(db);
    const { sessionId } = await importSessionStart(db, 'pyvideo', Date.now(), 0);
    await importSessionAdd(db, sessionId, pyvideo);
    await importSessionAdd(db, sessionId, other); // merges into a person the session created
    expect(await db.talks.count()).toBe(3);
    const summary = await importSessionAbort(db, sessionId);
    expect(summary.bundles).toBe(2);
    expect(summary.created.speakers).toBe(1);
    expect(summary.merged.speakers).toBe(2);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.meta.where('key').startsWith('import-session:').count()).toBe(0);
  });

  it('a batch of bundles in one request merges as the same bundles one by one, and aborts exactly', async () => {
    const sorted = <T extends { name?: string; title?: string }>(rows: T[]) => rows.map((r) => r.name ?? r.title).sort();
    const one = await importSessionStart(db, 'one by one', Date.now(), 0);
    const counts = [];
    for (const b of [cv, pyvideo, other]) counts.push(await importSessionAdd(db, one.sessionId, b));
    const sequential = { speakers: sorted(await db.speakers.toArray()), talks: sorted(await db.talks.toArray()), events: sorted(await db.events.toArray()) };
    const seqSummary = await importSessionAbort(db, one.sessionId);
    expect(await db.talks.count()).toBe(0);

    await importBundle(db, bundle({ name: 'before', speakers: [{ ref: 'a', name: 'Someone Else' }], talks: [], events: [] }));
    const before = await snapshot(db);
    const { sessionId } = await importSessionStart(db, 'batched', Date.now(), 0);
    const r = await importSessionAdd(db, sessionId, [cv, pyvideo, other]);
    // Same counts as the three requests (the second bundle merges into records the first created).
    expect(r.talks).toEqual({ created: 3, merged: 1 });
    expect(r.talks).toEqual({ created: counts.reduce((n, c) => n + c.talks.created, 0), merged: counts.reduce((n, c) => n + c.talks.merged, 0) });
    expect(r.events).toEqual({ created: 1, merged: 1 });
    expect(r.sourceIds).toHaveLength(3);
    expect({ speakers: sorted(await db.speakers.toArray()), talks: sorted(await db.talks.toArray()), events: sorted(await db.events.toArray()) }).toEqual(sequential);
    const [talk] = (await db.talks.toArray()).filter((t) => t.title === FBTFTP);
    expect(talk!.sources).toHaveLength(2);
    const summary = await importSessionAbort(db, sessionId);
    expect(summary.bundles).toBe(3);
    expect(summary.created.talks).toBe(seqSummary.created.talks);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a failing batch changes nothing', async () => {
    const { sessionId } = await importSessionStart(db, 'x', Date.now(), 0);
    await expect(importSessionAdd(db, 'imp_missing', [cv, pyvideo])).rejects.toThrow(/no longer open/);
    expect(await db.talks.count()).toBe(0);
    await importSessionAbort(db, sessionId);
  });

  it('commit keeps everything and forgets the journal', async () => {
    const { sessionId } = await importSessionStart(db, 'x', Date.now(), 0);
    await importSessionAdd(db, sessionId, cv);
    await importSessionAdd(db, sessionId, pyvideo);
    const s = await importSessionCommit(db, sessionId);
    expect(s.created).toEqual({ speakers: 2, talks: 2, events: 1, sources: 2 });
    const [talk] = (await db.talks.toArray()).filter((t) => t.title === FBTFTP);
    expect(talk!.sources).toHaveLength(2);
    expect(talk!.links.map((l) => l.url)).toContain('https://youtu.be/x');
    expect(await db.meta.where('key').startsWith('import-session:').count()).toBe(0);
    await expect(importSessionAbort(db, sessionId)).rejects.toThrow(/no longer open/);
  });

  it('a failing bundle changes nothing and leaves the session usable', async () => {
    const { sessionId } = await importSessionStart(db, 'x', Date.now(), 0);
    await importSessionAdd(db, sessionId, cv);
    await expect(importSessionAdd(db, 'imp_missing', pyvideo)).rejects.toThrow(/no longer open/);
    expect(await db.talks.count()).toBe(1);
    await importSessionAbort(db, sessionId);
    expect(await db.talks.count()).toBe(0);
  });

  it('rolls back an abandoned session when the next one starts', async () => {
    const { sessionId } = await importSessionStart(db, 'old', Date.now() - STALE_AFTER_MS - 1000, 0);
    await db.meta.update(`import-session:${sessionId}`, { touchedAt: Date.now() - STALE_AFTER_MS - 1000 });
    await importSessionAdd(db, sessionId, cv);
    await db.meta.update(`import-session:${sessionId}`, { touchedAt: Date.now() - STALE_AFTER_MS - 1000 });
    await importSessionStart(db, 'new');
    expect(await db.talks.count()).toBe(0);
  });
});

describe('import sessions, staged in the worker and merged at the commit', () => {
  const sorted = <T extends { name?: string; title?: string }>(rows: T[]) => rows.map((r) => r.name ?? r.title).sort();
  const contents = async () => ({ speakers: sorted(await db.speakers.toArray()), talks: sorted(await db.talks.toArray()), events: sorted(await db.events.toArray()) });

  it('writes nothing before the commit, then the same archive as bundle-by-bundle merges, with the review’s counts', async () => {
    await importBundle(db, cv);
    const before = await snapshot(db);
    const journaled = await importSessionStart(db, 'journaled', Date.now(), 0);
    const counts = [];
    for (const b of [pyvideo, other]) counts.push(await importSessionAdd(db, journaled.sessionId, b));
    const expected = await contents();
    await importSessionAbort(db, journaled.sessionId);
    expect(await snapshot(db)).toEqual(before);

    const { sessionId } = await importSessionStart(db, 'staged');
    const added = await importSessionAdd(db, sessionId, pyvideo);
    await importSessionAdd(db, sessionId, [other]);
    expect(added.talks).toEqual({ created: 0, merged: 0 });
    expect(await snapshot(db)).toEqual(before); // staged only
    const summary = await importSessionCommit(db, sessionId);
    expect(await contents()).toEqual(expected);
    expect(summary.bundles).toBe(2);
    expect(summary.totals!.talks).toEqual({ created: counts.reduce((n, c) => n + c.talks.created, 0), merged: counts.reduce((n, c) => n + c.talks.merged, 0) });
    expect(summary.totals!.speakers).toEqual({ created: counts.reduce((n, c) => n + c.speakers.created, 0), merged: counts.reduce((n, c) => n + c.speakers.merged, 0) });
    expect(summary.created.sources).toBe(2);
    expect(await db.meta.where('key').startsWith('import-session:').count()).toBe(0);
    await expect(importSessionCommit(db, sessionId)).rejects.toThrow(/no longer open/);
  });

  it('abort and cancel leave the archive untouched', async () => {
    await importBundle(db, cv);
    const before = await snapshot(db);
    const { sessionId } = await importSessionStart(db, 'staged');
    await importSessionAdd(db, sessionId, [pyvideo, other]);
    await importSessionAbort(db, sessionId);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.meta.where('key').startsWith('import-session:').count()).toBe(0);
  });

  it('says the import must be saved again when the worker lost what it staged (restarted), and writes nothing', async () => {
    const before = await snapshot(db);
    // A session row as a previous worker left it: this worker holds no staging for it.
    const sessionId = 'imp_from_an_earlier_worker';
    await db.meta.put({ key: `import-session:${sessionId}`, sessionId, label: 'x', startedAt: new Date().toISOString(), touchedAt: Date.now(), bundles: 0, created: { speakers: 0, talks: 0, events: 0, sources: 0 }, merged: { speakers: 0, talks: 0, events: 0 } });
    await expect(importSessionAdd(db, sessionId, cv)).rejects.toThrow(/restarted during this import.*Nothing was saved/);
    await expect(importSessionCommit(db, sessionId)).rejects.toThrow(/restarted during this import/);
    await importSessionAbort(db, sessionId);
    expect(await snapshot(db)).toEqual(before);
  });

  it('past its staging limit writes journaled batches, and an abort still undoes everything', async () => {
    await importBundle(db, cv);
    const before = await snapshot(db);
    const { sessionId } = await importSessionStart(db, 'small stage', Date.now(), 2);
    await importSessionAdd(db, sessionId, pyvideo); // 2 talks: staged
    expect(await db.talks.count()).toBe(1);
    await importSessionAdd(db, sessionId, other); // 3 > 2: written with the journal
    expect(await db.talks.count()).toBe(3);
    await importSessionAbort(db, sessionId);
    expect(await snapshot(db)).toEqual(before);

    const again = await importSessionStart(db, 'small stage', Date.now(), 2);
    await importSessionAdd(db, again.sessionId, [pyvideo, other]);
    await importSessionAdd(db, again.sessionId, bundle({ name: 'late', speakers: [{ ref: 'a', name: 'Late Comer' }], talks: [{ title: 'Late talk', speakerRefs: ['a'] }] }));
    const summary = await importSessionCommit(db, again.sessionId);
    expect(summary.bundles).toBe(3);
    expect(sorted(await db.talks.toArray())).toEqual(['Another talk', FBTFTP, 'Late talk', 'Third']);
    expect(summary.totals!.talks.created).toBe(3);
    expect(await db.meta.where('key').startsWith('import-session:').count()).toBe(0);
  });

  it('joins a big file sent in parts into one source, as if imported whole', async () => {
    const big = syntheticBundle({ talks: 120, speakers: 50, seed: 4 });
    const whole = freshDb();
    try {
      await importBundle(whole, big);
      const parts = partsOf(big, 50);
      expect(parts).toHaveLength(3);
      const { sessionId } = await importSessionStart(db, 'parts');
      // Sent without waiting for each answer, as the page does: staged in the order they came.
      await Promise.all(parts.map((part, i) => importSessionAdd(db, sessionId, part, { continues: i > 0 })));
      const summary = await importSessionCommit(db, sessionId);
      expect(summary.created.sources).toBe(1);
      expect(await db.sources.count()).toBe(1);
      expect(await contents()).toEqual({ speakers: sorted(await whole.speakers.toArray()), talks: sorted(await whole.talks.toArray()), events: sorted(await whole.events.toArray()) });
      expect(await db.speakers.count()).toBe(50);
    } finally {
      await whole.delete();
    }
  });

  it('merges files sent in parts, one after the other, as if imported together, with every warning in order', async () => {
    // People repeat across the files (same seed of names), so the second file merges into the first's.
    const a = { ...syntheticBundle({ talks: 90, speakers: 40, seed: 7 }), warnings: ['first file: a room had no name'] };
    const b = { ...syntheticBundle({ talks: 70, speakers: 40, seed: 7 }), source: { ...a.source, name: 'second.xml' }, warnings: ['second file: a talk had no date'] };
    const together = freshDb();
    try {
      const expected = await importBundles(together, [a, b]);
      const { sessionId } = await importSessionStart(db, 'two files');
      const sends = [...partsOf(a, 40).map((p, i) => [p, i > 0] as const), ...partsOf(b, 40).map((p, i) => [p, i > 0] as const)];
      await Promise.all(sends.map(([part, continues]) => importSessionAdd(db, sessionId, part, { continues })));
      const summary = await importSessionCommit(db, sessionId);
      expect(summary.created.sources).toBe(2);
      expect(summary.totals!.warnings).toEqual(expected.warnings);
      expect(summary.totals!.speakers).toEqual(expected.speakers);
      expect(summary.totals!.talks).toEqual(expected.talks);
      expect(await contents()).toEqual({ speakers: sorted(await together.speakers.toArray()), talks: sorted(await together.talks.toArray()), events: sorted(await together.events.toArray()) });
    } finally {
      await together.delete();
    }
  });
});

describe('conference detection', () => {
  it('recognises pretalx and Sessionize URLs and embeds', () => {
    expect(conferenceFromUrl('https://pretalx.com/democon/schedule/')).toEqual({ platform: 'pretalx', url: 'https://pretalx.com/democon/', name: 'democon' });
    expect(conferenceFromUrl('https://pretalx.com/democon/talk/ABC/')?.url).toBe('https://pretalx.com/democon/');
    expect(conferenceFromUrl('https://pretalx.com/orga/event/')).toBeNull();
    expect(conferenceFromUrl('https://example.org/democon/schedule/')).toBeNull();
    expect(conferenceFromUrl('https://sessionize.com/api/v2/abc123/view/GridSmart')).toEqual({
      platform: 'sessionize',
      url: 'https://sessionize.com/api/v2/abc123/view/All',
      name: 'abc123',
    });
    expect(conferenceFromEmbed({ pretalx: 'https://pretalx.example/dodlj26/' })?.url).toBe('https://pretalx.example/dodlj26/');
    expect(conferenceFromEmbed({})).toBeNull();
  });
});
