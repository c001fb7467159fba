/**
 * Every earlier schema version, filled with data, upgrades to the current
 * one without losing anything. To add a version: append it to SCHEMA
 * (src/background/archive/schema.ts) and add its fixture to FIXTURES here.
 */
import Dexie from 'dexie';
import { CURRENT_VERSION, SCHEMA } from '../../src/background/archive/schema';
import { PodiumDb } from '../../src/background/db';
import type { PodiumEvent, Source, Speaker, Talk } from '../../src/shared/types';

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

const FIXTURES: Record<number, Fixture> = {
  1: {
    async seed(db) {
      await db.table('sources').bulkAdd(v1.sources);
      await db.table('speakers').bulkAdd(v1.speakers);
      await db.table('talks').bulkAdd(v1.talks);
      await db.table('events').bulkAdd(v1.events);
    },
    async check(db) {
      // Nothing lost: every record, every field; only derived keys change.
      expect(await db.sources.toArray()).toEqual(v1.sources);
      expect(await db.speakers.toArray()).toEqual([{ ...v1.speakers[0], nameKeys: ['rok papez'], idKeys: ['pretalx:ep:ROKP'] }]);
      expect(await db.talks.toArray()).toEqual(v1.talks);
      expect(await db.events.toArray()).toEqual(v1.events);
      // The new indexes answer.
      expect(await db.speakers.where('nameKeys').equals('rok papez').primaryKeys()).toEqual(['sp_1']);
      expect(await db.speakers.where('idKeys').equals('pretalx:ep:ROKP').primaryKeys()).toEqual(['sp_1']);
      expect(await db.talks.where('titleKey').equals('facebook infrastructure under the hood').primaryKeys()).toEqual(['tk_1']);
      expect(await db.talks.where('date').above('2018').primaryKeys()).toEqual(['tk_1']);
      expect(await db.events.where('eventKey').equals('fri 2018|2018').primaryKeys()).toEqual(['ev_1']);
      expect(await db.undo.count()).toBe(0);
      expect(await db.meta.count()).toBe(0);
    },
  },
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
