import { importBundle, importBundles } from '../../../src/background/archive/merge';
import type { PodiumDb } from '../../../src/background/db';
import { bundle, freshDb, speakerNamed } from '../helpers';

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const failla = bundle({
  name: 'cv.md',
  speakers: [{ ref: 'a', name: 'Angelo Failla', headline: 'Production Engineer at Facebook' }],
  talks: [{ title: 'FBTFTP: Facebook’s open source python3 framework for dynamic TFTP servers', date: '2016', eventRef: 'e', speakerRefs: ['a'] }],
});

describe('importBundle', () => {
  it('creates records and reports counts', async () => {
    const r = await importBundle(db, failla);
    expect(r.speakers).toEqual({ created: 1, merged: 0 });
    expect(r.talks).toEqual({ created: 1, merged: 0 });
    expect(r.events).toEqual({ created: 1, merged: 0 });
    const s = await speakerNamed(db, 'Angelo Failla');
    expect(s.nameKeys).toEqual(['angelo failla']);
    expect(s.headline).toEqual([{ value: 'Production Engineer at Facebook', sources: r.sourceIds }]);
    const [talk] = await db.talks.toArray();
    expect(talk!.speakerIds).toEqual([s.id]);
    expect(talk!.eventId).toBe((await db.events.toArray())[0]!.id);
  });

  it('never duplicates the same person or talk imported twice', async () => {
    await importBundle(db, failla);
    const r = await importBundle(db, failla);
    expect(r.speakers).toEqual({ created: 0, merged: 1 });
    expect(r.talks).toEqual({ created: 0, merged: 1 });
    expect(r.events).toEqual({ created: 0, merged: 1 });
    expect(await db.speakers.count()).toBe(1);
    expect(await db.talks.count()).toBe(1);
    expect(await db.sources.count()).toBe(2);
    // The fact now cites both sources, newest first.
    const s = await speakerNamed(db, 'Angelo Failla');
    expect(s.headline).toHaveLength(1);
    expect(s.headline[0]!.sources).toEqual([r.sourceIds[0], expect.any(String)]);
  });

  it('merges spellings of one name and keeps the better spelling', async () => {
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Stephane WIRTEL' }] }));
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Wirtel, Stéphane' }] }));
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ste\u0301phane Wirtel (he/him)' }] }));
    const all = await db.speakers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]!.aliases).toEqual([]); // other spellings of one name are not aliases
    expect(all[0]!.name).toBe('Stéphane Wirtel');
  });

  it('keeps homonyms with different identifiers apart', async () => {
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'John Smith', identifiers: [{ scheme: 'pretalx', value: 'ep:AAA' }] }] }));
    const r = await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'John Smith', identifiers: [{ scheme: 'pretalx', value: 'ep:BBB' }] }] }));
    expect(r.speakers.created).toBe(1);
    expect(await db.speakers.count()).toBe(2);
    // The same identifier again finds its own person, even under another name.
    const again = await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Johnny Smith', identifiers: [{ scheme: 'pretalx', value: 'ep:BBB' }] }] }));
    expect(again.speakers).toEqual({ created: 0, merged: 1 });
    const bbb = (await db.speakers.withIdKeys(['pretalx:ep:BBB']))[0]!;
    expect(bbb.aliases.map((a) => a.value)).toEqual(['Johnny Smith']);
    expect(bbb.nameKeys).toEqual(expect.arrayContaining(['john smith', 'johnny smith']));
  });

  it('gives an identifier-less homonym to the person already credited with the talk, else keeps it apart', async () => {
    await importBundle(
      db,
      bundle({
        speakers: [
          { ref: 'a', name: 'John Smith', identifiers: [{ scheme: 'pretalx', value: 'ep:AAA' }] },
          { ref: 'b', name: 'John Smith', identifiers: [{ scheme: 'pretalx', value: 'ep:BBB' }] },
        ],
        talks: [
          { title: 'Rust for Pythonistas', eventRef: 'e', speakerRefs: ['a'] },
          { title: 'Knitting with NumPy', eventRef: 'e', speakerRefs: ['b'] },
        ],
      }),
    );
    const r = await importBundle(db, bundle({ speakers: [{ ref: 'x', name: 'John Smith', headline: 'Knitter' }], talks: [{ title: 'Knitting with numpy', eventRef: 'e', speakerRefs: ['x'] }] }));
    expect(r.speakers).toEqual({ created: 0, merged: 1 });
    expect(r.talks).toEqual({ created: 0, merged: 1 });
    const bbb = (await db.speakers.withIdKeys(['pretalx:ep:BBB']))[0]!;
    expect(bbb.headline.map((h) => h.value)).toEqual(['Knitter']);

    const lone = await importBundle(db, bundle({ speakers: [{ ref: 'x', name: 'John Smith' }] }));
    expect(lone.speakers.created).toBe(1);
    expect(lone.warnings.join()).toMatch(/2 people in the archive are named “John Smith”/);
  });

  it('merges the same talk from two sources, keeping conflicting facts newest first', async () => {
    const first = await importBundle(
      db,
      bundle({
        name: 'pyvideo',
        speakers: [{ ref: 'a', name: 'Angelo Failla' }],
        talks: [{ title: 'FBTFTP: Facebook’s open source python3 framework for dynamic TFTP servers', abstract: 'Old abstract', room: 'A1', date: '2016', eventRef: 'e', speakerRefs: ['a'], tags: ['tftp'] }],
      }),
      { now: new Date('2024-01-01T00:00:00Z') },
    );
    const second = await importBundle(
      db,
      bundle({
        name: 'pretalx',
        speakers: [{ ref: 'a', name: 'Angelo FAILLA' }, { ref: 'b', name: 'Rok Papež' }],
        talks: [{ title: 'fbtftp – Facebooks open source Python3 framework for dynamic TFTP servers', abstract: 'New abstract', room: 'Barria 1', date: '2016-07-19', kind: 'keynote', eventRef: 'e', speakerRefs: ['a', 'b'], tags: ['TFTP', 'python'] }],
      }),
      { now: new Date('2024-06-01T00:00:00Z') },
    );
    expect(second.talks).toEqual({ created: 0, merged: 1 });
    const talks = await db.talks.toArray();
    expect(talks).toHaveLength(1);
    const t = talks[0]!;
    expect(t.abstract.map((a) => a.value)).toEqual(['New abstract', 'Old abstract']);
    expect(t.room).toBe('Barria 1');
    expect(t.variants).toEqual([{ field: 'room', value: 'A1', sources: first.sourceIds }]);
    expect(t.date).toBe('2016-07-19'); // more precise, not a conflict
    expect(t.kind).toBe('keynote');
    expect(t.tags).toEqual(['tftp', 'python']);
    expect(t.speakerIds).toHaveLength(2);
    expect(t.sources).toEqual([...second.sourceIds, ...first.sourceIds]);
  });

  it('keeps talks of the same title apart in different years', async () => {
    const talk = (year: number) =>
      bundle({
        events: [{ ref: 'e', name: `PyCon Ireland ${year}`, year }],
        speakers: [{ ref: 'a', name: 'Angelo Failla' }],
        talks: [{ title: 'Python @ Facebook', eventRef: 'e', speakerRefs: ['a'] }],
      });
    await importBundle(db, talk(2014));
    await importBundle(db, talk(2015));
    expect(await db.talks.count()).toBe(2);
    expect(await db.events.count()).toBe(2);
    expect(await db.speakers.count()).toBe(1);
  });

  it('does not merge talks of the same title by different people', async () => {
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Ann Lee' }], talks: [{ title: 'Lightning talks', eventRef: 'e', speakerRefs: ['a'] }] }));
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Bob Ray' }], talks: [{ title: 'Lightning talks', eventRef: 'e', speakerRefs: ['a'] }] }));
    expect(await db.talks.count()).toBe(2);
  });

  it('merges duplicates inside one bundle and leaves placeholders out', async () => {
    const r = await importBundle(
      db,
      bundle({
        speakers: [
          { ref: 'a', name: 'Marc-André Lemburg' },
          { ref: 'b', name: 'Marc-Andre Lemburg' },
          { ref: 'v', name: 'Various speakers' },
        ],
        talks: [
          { title: 'Talk one', eventRef: 'e', speakerRefs: ['a'] },
          { title: 'Talk two', eventRef: 'e', speakerRefs: ['b', 'v'] },
          { title: 'Lightning talks', eventRef: 'e', speakerRefs: ['v'] },
        ],
      }),
    );
    expect(r.speakers).toEqual({ created: 1, merged: 1 });
    expect(r.warnings).toEqual(['Speaker “Various speakers” names no person and was left out.']);
    const s = await speakerNamed(db, 'Marc-André Lemburg');
    expect(await db.talks.ofSpeakers([s.id])).toHaveLength(2);
    expect((await db.talks.toArray()).find((t) => t.title === 'Lightning talks')!.speakerIds).toEqual([]);
  });

  it('unions facts of a person from a CV and a platform', async () => {
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Rok Papež', positions: [{ organisation: 'Facebook', title: 'Production Engineer', start: '2017-05' }], links: [{ kind: 'github', url: 'https://github.com/rokp' }] }] }));
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Rok Papez', positions: [{ organisation: 'Facebook', title: 'Production Engineer', start: '2017-05', current: true }], links: [{ kind: 'github', url: 'https://github.com/rokp/' }], skills: ['Python'] }] }));
    const s = await speakerNamed(db, 'Rok Papež');
    expect(s.positions).toHaveLength(1);
    expect(s.positions[0]).toMatchObject({ organisation: 'Facebook', current: true });
    expect(s.positions[0]!.sources).toHaveLength(2);
    expect(s.links).toHaveLength(1);
    expect(s.skills.map((x) => x.value)).toEqual(['Python']);
  });

  it('writes people merged by a later bundle of the same batch in their final state', async () => {
    // Events and people are written before the talks are matched (merge.ts): by then every bundle's people are in.
    const r = await importBundles(db, [
      bundle({ speakers: [{ ref: 'a', name: 'Angelo Failla', headline: 'Production Engineer at Facebook' }], talks: [{ title: 'FBTFTP', date: '2016', eventRef: 'e', speakerRefs: ['a'] }] }),
      bundle({ speakers: [{ ref: 'a', name: 'Failla, Angelo', links: [{ kind: 'github', url: 'https://github.com/afailla' }] }], talks: [{ title: 'FBTFTP', date: '2016', eventRef: 'e', speakerRefs: ['a'] }] }),
    ]);
    expect(r.speakers).toEqual({ created: 1, merged: 1 });
    expect(r.talks).toEqual({ created: 1, merged: 1 });
    expect(r.events).toEqual({ created: 1, merged: 1 });
    const s = await speakerNamed(db, 'Angelo Failla');
    expect(s.headline.map((f) => f.value)).toEqual(['Production Engineer at Facebook']);
    expect(s.links.map((l) => l.url)).toEqual(['https://github.com/afailla']);
    expect(s.sources).toHaveLength(2);
    const [talk] = await db.talks.toArray();
    expect(talk!.speakerIds).toEqual([s.id]);
    expect(talk!.sources).toHaveLength(2);
    expect((await db.events.toArray())[0]!.sources).toHaveLength(2);
  });

  it('writes nothing when the transaction fails', async () => {
    await importBundle(db, failla);
    const before = await db.speakers.toArray();
    const spy = jest.spyOn(db.talks, 'bulkPut').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    await expect(importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'New Person', headline: 'x' }], talks: [{ title: 'T', speakerRefs: ['a'] }] }))).rejects.toThrow('disk on fire');
    spy.mockRestore();
    expect(await db.speakers.toArray()).toEqual(before);
    expect(await db.sources.count()).toBe(1);
  });
});
