import { importBundle } from '../../../src/background/archive/merge';
import type { PodiumDb } from '../../../src/background/db';
import {
  importSessionAbort,
  importSessionAdd,
  importSessionCommit,
  importSessionStart,
  previewBundle,
  STALE_AFTER_MS,
} from '../../../src/background/import/session';
import { conferenceFromEmbed, conferenceFromUrl } from '../../../src/background/import/conference';
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

describe('import sessions', () => {
  it('abort leaves the archive exactly as before, across bundles that touch the same records', async () => {
    await importBundle(db, cv);
    const before = await snapshot(db);
    const { sessionId } = await importSessionStart(db, 'pyvideo');
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
    const one = await importSessionStart(db, 'one by one');
    const counts = [];
    for (const b of [cv, pyvideo, other]) counts.push(await importSessionAdd(db, one.sessionId, b));
    const sequential = { speakers: sorted(await db.speakers.toArray()), talks: sorted(await db.talks.toArray()), events: sorted(await db.events.toArray()) };
    const seqSummary = await importSessionAbort(db, one.sessionId);
    expect(await db.talks.count()).toBe(0);

    await importBundle(db, bundle({ name: 'before', speakers: [{ ref: 'a', name: 'Someone Else' }], talks: [], events: [] }));
    const before = await snapshot(db);
    const { sessionId } = await importSessionStart(db, 'batched');
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
    const { sessionId } = await importSessionStart(db, 'x');
    await expect(importSessionAdd(db, 'imp_missing', [cv, pyvideo])).rejects.toThrow(/no longer open/);
    expect(await db.talks.count()).toBe(0);
    await importSessionAbort(db, sessionId);
  });

  it('commit keeps everything and forgets the journal', async () => {
    const { sessionId } = await importSessionStart(db, 'x');
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
    const { sessionId } = await importSessionStart(db, 'x');
    await importSessionAdd(db, sessionId, cv);
    await expect(importSessionAdd(db, 'imp_missing', pyvideo)).rejects.toThrow(/no longer open/);
    expect(await db.talks.count()).toBe(1);
    await importSessionAbort(db, sessionId);
    expect(await db.talks.count()).toBe(0);
  });

  it('rolls back an abandoned session when the next one starts', async () => {
    const { sessionId } = await importSessionStart(db, 'old', Date.now() - STALE_AFTER_MS - 1000);
    await db.meta.update(`import-session:${sessionId}`, { touchedAt: Date.now() - STALE_AFTER_MS - 1000 });
    await importSessionAdd(db, sessionId, cv);
    await db.meta.update(`import-session:${sessionId}`, { touchedAt: Date.now() - STALE_AFTER_MS - 1000 });
    await importSessionStart(db, 'new');
    expect(await db.talks.count()).toBe(0);
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
