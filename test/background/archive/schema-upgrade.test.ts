/**
 * Every earlier schema version, filled with data, upgrades to the current
 * one without losing anything. To add a version: append it to SCHEMA
 * (src/background/archive/schema.ts) and add its fixture to FIXTURES here.
 */
import Dexie from 'dexie';
import { CURRENT_VERSION, SCHEMA } from '../../../src/background/archive/schema';
import { writeTalks } from '../../../src/background/archive/talk-store';
import { PodiumDb } from '../../../src/background/db';
import type { PodiumEvent, Source, Speaker, Talk } from '../../../src/shared/types';

/** A raw Dexie database at `version`, declared exactly as that version was. */
function openAt(name: string, version: number): Dexie {
  const db = new Dexie(name);
  for (const v of SCHEMA.filter((s) => s.version <= version)) db.version(v.version).stores(v.stores);
  return db;
}

const at = '2025-01-01T00:00:00.000Z';
const src: Source = { id: 'src_1', kind: 'file', name: 'cv.md', format: 'cv-text', importedAt: at };

/** Records as version 1 wrote them: keys from the foundation normaliser ("Papež, Rok" → "papez rok"). */
const v1 = {
  sources: [src],
  speakers: [
    {
      id: 'sp_1',
      name: 'Papež, Rok',
      aliases: [{ value: 'Dr. Rok Papež', sources: ['src_1'] }],
      nameKeys: ['papez rok', 'dr rok papez'],
      headline: [{ value: 'Production Engineer at Facebook', sources: ['src_1'] }],
      location: [{ value: { city: 'Dublin', country: 'Ireland' }, sources: ['src_1'] }],
      summary: [],
      positions: [{ organisation: 'Facebook', title: 'Production Engineer', start: '2017-05', current: true, sources: ['src_1'] }],
      education: [],
      skills: [{ value: 'Python', sources: ['src_1'] }],
      publications: [],
      projects: [],
      links: [{ kind: 'github', url: 'https://github.com/rokp', sources: ['src_1'] }],
      photoUrl: [],
      identifiers: [{ scheme: 'pretalx', value: 'ep:ROKP', sources: ['src_1'] }],
      idKeys: ['pretalx:ep:ROKP'],
      sources: ['src_1'],
      createdAt: at,
      updatedAt: at,
    },
  ] satisfies Speaker[],
  talks: [
    {
      id: 'tk_1',
      title: 'Facebook infrastructure: Under the Hood',
      titleKey: 'facebook infrastructure under the hood',
      abstract: [],
      kind: 'talk',
      date: '2018-12-20',
      start: '18:00',
      room: 'Classroom P22',
      eventId: 'ev_1',
      speakerIds: ['sp_1'],
      links: [],
      tags: [],
      sources: ['src_1'],
      createdAt: at,
      updatedAt: at,
    },
  ] satisfies Talk[],
  events: [
    { id: 'ev_1', name: 'FRI 2018', eventKey: 'fri 2018|2018', year: 2018, sources: ['src_1'], createdAt: at, updatedAt: at },
  ] satisfies PodiumEvent[],
};

interface Fixture {
  seed(db: Dexie): Promise<void>;
  check(db: PodiumDb): Promise<void>;
}

/** Writes records into an old database's tables, as that version stored them. */
async function fill(db: Dexie, tables: Record<string, readonly unknown[]>): Promise<void> {
  for (const [name, rows] of Object.entries(tables)) await db.table(name).bulkAdd([...rows]);
}

const FIXTURES: Record<number, Fixture> = {
  1: {
    seed: (db) => fill(db, { sources: v1.sources, speakers: v1.speakers, talks: v1.talks, events: v1.events }),
    async check(db) {
      // Nothing lost: every record, every field; only derived keys change.
      expect(await db.sources.toArray()).toEqual(v1.sources);
      expect(await db.speakers.toArray()).toEqual([{ ...v1.speakers[0], nameKeys: ['rok papez'], idKeys: ['pretalx:ep:ROKP'] }]);
      expect((await db.talks.toArray()).sort(byId)).toEqual([...v1.talks].sort(byId));
      expect(await db.events.toArray()).toEqual(v1.events);
      // The new indexes answer.
      expect((await db.speakers.withNameKeys(['rok papez'])).map((s) => s.id)).toEqual(['sp_1']);
      expect((await db.speakers.withIdKeys(['pretalx:ep:ROKP'])).map((s) => s.id)).toEqual(['sp_1']);
      expect(ids(await db.talks.ofSpeakers(['sp_1']))).toEqual(['tk_1']);
      expect(await db.events.where('eventKey').equals('fri 2018|2018').primaryKeys()).toEqual(['ev_1']);
      expect(await db.undo.count()).toBe(0);
      expect(await db.meta.count()).toBe(0);
    },
  },
  2: {
    // Version 2 records: keys already from the current normaliser.
    seed: (db) => fill(db, { sources: v1.sources, speakers: v2.speakers, talks: v2.talks, events: v1.events, undo: v2.undo, meta: v2.meta }),
    async check(db) {
      // Nothing lost, nothing recomputed (v3 only dropped the talk indexes `titleKey` and `date`).
      expect(await db.sources.toArray()).toEqual(v1.sources);
      expect(await db.speakers.toArray()).toEqual(v2.speakers);
      expect((await db.talks.toArray()).sort(byId)).toEqual([...v2.talks].sort(byId));
      expect(await db.events.toArray()).toEqual(v1.events);
      expect(await db.undo.toArray()).toEqual(v2.undo);
      expect(await db.meta.toArray()).toEqual(v2.meta);
      expect(ids(await db.talks.ofSpeakers(['sp_1']))).toEqual(['tk_1', 'tk_2']);
      expect(ids(await db.talks.ofEvents(['ev_1']))).toEqual(['tk_1']);
      expect((await db.speakers.withNameKeys(['rok papez'])).map((s) => s.id)).toEqual(['sp_1']);
      expect((await db.speakers.withIdKeys(['pretalx:ep:ROKP'])).map((s) => s.id)).toEqual(['sp_1']);
      expect(await db.events.where('eventKey').equals('fri 2018|2018').primaryKeys()).toEqual(['ev_1']);
      expect(await db.sources.where('importedAt').equals(at).primaryKeys()).toEqual(['src_1']);
    },
  },
  3: {
    seed: (db) => fill(db, { sources: v1.sources, speakers: v3.speakers, talks: v3.talks, events: v3.events, undo: v2.undo, meta: v2.meta }),
    async check(db) {
      // v4 moves talks into buckets: every talk, every field, and the directory answers what the indexes did.
      expect(db.tables.map((t) => t.name)).not.toContain('talks');
      expect((await db.talks.toArray()).sort(byId)).toEqual([...v3.talks].sort(byId));
      expect(await db.talks.count()).toBe(v3.talks.length);
      expect(await db.talks.get('tk_0042')).toEqual(v3.talks[42]);
      expect(await db.talkBuckets.count()).toBe(16); // 600 talks: the smallest layout (16 buckets)
      for (const s of ['sp_0', 'sp_7']) expect(ids(await db.talks.ofSpeakers([s]))).toEqual(v3.talks.filter((t) => t.speakerIds.includes(s)).map((t) => t.id).sort());
      expect(ids(await db.talks.ofEvents(['ev_3']))).toEqual(v3.talks.filter((t) => t.eventId === 'ev_3').map((t) => t.id).sort());
      expect((await db.speakers.toArray()).sort(byId)).toEqual([...v3.speakers].sort(byId));
      expect(await db.events.toArray()).toEqual(v3.events);
      expect(await db.undo.toArray()).toEqual(v2.undo);
      expect(await db.meta.toArray()).toEqual(v2.meta);
    },
  },
  4: {
    async seed(db) {
      await fill(db, { sources: v1.sources, speakers: v4.speakers, events: v3.events, undo: v2.undo, meta: v2.meta });
      await db.transaction('rw', ['talkBuckets', 'talkLinks'], () => writeTalks({ buckets: db.table('talkBuckets'), links: db.table('talkLinks') }, v3.talks));
    },
    async check(db) {
      // v5 moves people into buckets: every person, every field, and the directory answers what the indexes did.
      expect(db.tables.map((t) => t.name)).not.toContain('speakers');
      expect((await db.speakers.toArray()).sort(byId)).toEqual([...v4.speakers].sort(byId));
      expect(await db.speakers.count()).toBe(v4.speakers.length);
      expect(await db.speakers.get('sp_1042')).toEqual(v4.speakers[1042]);
      expect(await db.speakerBuckets.count()).toBe(64); // 1,200 people, 32 a bucket
      expect(ids(await db.speakers.withNameKeys(['speaker 7', 'speaker 1199']))).toEqual(['sp_1199', 'sp_7']);
      expect(ids(await db.speakers.withNameKeys(['person 7']))).toEqual(['sp_7']);
      expect(ids(await db.speakers.withIdKeys(['pretalx:P21']))).toEqual(['sp_21']);
      expect(await db.speakers.withIdKeys(['pretalx:P22'])).toEqual([]);
      expect((await db.talks.toArray()).sort(byId)).toEqual([...v3.talks].sort(byId));
      expect(ids(await db.talks.ofSpeakers(['sp_7']))).toEqual(v3.talks.filter((t) => t.speakerIds.includes('sp_7')).map((t) => t.id).sort());
      expect(await db.events.toArray()).toEqual(v3.events);
      expect(await db.undo.toArray()).toEqual(v2.undo);
      expect(await db.meta.toArray()).toEqual(v2.meta);
    },
  },
};

/** Version 4: 1,200 people, some with two names and an identifier, enough for several buckets. */
const v4 = {
  speakers: Array.from({ length: 1200 }, (_, i) => {
    const s: Speaker = { ...v1.speakers[0]!, id: `sp_${i}`, name: `Speaker ${i}`, aliases: [], nameKeys: [`speaker ${i}`], idKeys: [], identifiers: [] };
    if (i % 7 === 0) Object.assign(s, { aliases: [{ value: `Person ${i}`, sources: ['src_1'] }], nameKeys: [`speaker ${i}`, `person ${i}`] });
    if (i % 3 === 0) Object.assign(s, { identifiers: [{ scheme: 'pretalx', value: `P${i}`, sources: ['src_1'] }], idKeys: [`pretalx:P${i}`] });
    return s;
  }),
};

const ids = (talks: { id: string }[]) => talks.map((t) => t.id).sort();
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** Version 3: 600 talks over 20 speakers (one or two each) and 5 events, enough for several buckets. */
const v3 = {
  speakers: Array.from({ length: 20 }, (_, i) => ({ ...v1.speakers[0]!, id: `sp_${i}`, name: `Speaker ${i}`, aliases: [], nameKeys: [`speaker ${i}`], idKeys: [], identifiers: [] })) satisfies Speaker[],
  events: Array.from({ length: 5 }, (_, i) => ({ ...v1.events[0]!, id: `ev_${i}`, name: `Conf ${i}`, eventKey: `conf ${i}|2018` })) satisfies PodiumEvent[],
  talks: Array.from({ length: 600 }, (_, i) => {
    const t: Talk = { ...v1.talks[0]!, id: `tk_${String(i).padStart(4, '0')}`, title: `Talk ${i}`, titleKey: `talk ${i}`, speakerIds: i % 3 ? [`sp_${i % 20}`] : [`sp_${i % 20}`, `sp_${(i + 7) % 20}`], eventId: `ev_${i % 5}` };
    if (i % 50 === 0) delete t.eventId;
    return t;
  }),
};

/** Records as version 2 wrote them (a second talk without event or date, an undo entry, meta rows). */
const v2 = {
  speakers: [{ ...v1.speakers[0]!, nameKeys: ['rok papez'] }] satisfies Speaker[],
  talks: [
    v1.talks[0]!,
    { ...v1.talks[0]!, id: 'tk_2', title: 'Kernel tracing', titleKey: 'kernel tracing', date: undefined, eventId: undefined },
  ].map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as unknown as Talk),
  undo: [{ id: 'undo_1', label: 'Edit Rok Papež', createdAt: at, before: { speakers: [v1.speakers[0]], talks: [], events: [] }, created: { speakers: [], talks: [], events: [] }, after: { 'speakers/sp_1': at } }],
  meta: [
    { key: 'counts', revision: 7, counts: { speakers: 1, talks: 2, events: 1, sources: 1 } },
    { key: 'revision', value: 7 },
  ],
};

describe('schema upgrades', () => {
  it('has a fixture for every earlier version', () => {
    expect(Object.keys(FIXTURES).map(Number)).toEqual(SCHEMA.filter((v) => v.version < CURRENT_VERSION).map((v) => v.version));
  });

  it.each(SCHEMA.filter((v) => v.version < CURRENT_VERSION).map((v) => v.version))('upgrades version %i with nothing lost', async (version) => {
    const name = `test-upgrade-${version}-${Math.random()}`;
    const old = openAt(name, version);
    await old.open();
    expect(old.verno).toBe(version);
    await FIXTURES[version]!.seed(old);
    old.close();

    const db = new PodiumDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    await FIXTURES[version]!.check(db);
    await db.delete();
  });
});
