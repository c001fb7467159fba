import { mergeSpeakers, updateTalk } from '../../../src/background/archive/edit';
import { importBundle } from '../../../src/background/archive/merge';
import { syntheticBundle } from '../../fixtures/synthetic';
import { exportArchive, importArchive } from '../../../src/background/archive/transfer';
import type { PodiumDb } from '../../../src/background/db';
import { SAMPLE_BUNDLES } from '../../../src/background/sample-archive';
import { type ArchiveDocument, parseArchive } from '../../../src/shared/archive-format';
import { bundle, freshDb, snapshot } from '../helpers';

// Each case builds a sample-plus-synthetic archive in fake-indexeddb; the machine is shared.
jest.setTimeout(30_000);

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

/** An archive with every kind of record and field: samples, variants, pins, aliases, identifiers. */
async function richArchive(): Promise<void> {
  for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
  await importBundle(db, syntheticBundle({ talks: 60, speakers: 30, seed: 7 }));
  await importBundle(
    db,
    bundle({
      speakers: [{ ref: 'a', name: 'Angelo Failla', aliases: ['A. Failla'], identifiers: [{ scheme: 'pretalx', value: 'ep:AF' }], skills: ['Python'], location: { city: 'Dublin' } }],
      talks: [{ title: 'FBTFTP: Facebook’s open source python3 framework for dynamic TFTP servers', room: 'Barria 1', abstract: 'TFTP…', eventRef: 'e', speakerRefs: ['a'] }],
    }),
  );
  await importBundle(
    db,
    bundle({
      speakers: [{ ref: 'a', name: 'Angelo FAILLA' }],
      talks: [{ title: 'FBTFTP: Facebook’s open source python3 framework for dynamic TFTP servers', room: 'Sala 2', eventRef: 'e', speakerRefs: ['a'] }],
    }),
  );
  const [a, b] = await db.speakers.toArray();
  await mergeSpeakers(db, a!.id, b!.id);
  const [t] = await db.talks.toArray();
  await updateTalk(db, t!.id, { room: 'Hall 3' });
}

/** JSON as a file would carry it. */
const viaFile = (doc: unknown) => JSON.parse(JSON.stringify(doc)) as ArchiveDocument;

describe('export and import of the whole archive', () => {
  it('round-trips exactly (every table deep-equal)', async () => {
    await richArchive();
    const before = await snapshot(db);
    const doc = await exportArchive(db);
    expect(doc).toMatchObject({ format: 'podium-archive', version: 1 });
    expect(doc.talks.some((t) => t.variants?.length)).toBe(true);

    const other = freshDb();
    await importArchive(other, viaFile(doc), 'replace');
    expect(await snapshot(other)).toEqual(before);
    await other.delete();

    // Replace over a non-empty archive gives the same.
    await importBundle(db, bundle({ speakers: [{ ref: 'x', name: 'Someone Else' }] }));
    await importArchive(db, viaFile(doc), 'replace');
    expect(await snapshot(db)).toEqual(before);
  });

  it('merging an export into its own archive changes no record', async () => {
    await richArchive();
    const before = await snapshot(db);
    const r = await importArchive(db, viaFile(await exportArchive(db)), 'merge');
    expect(r.merge!.speakers.created).toBe(0);
    expect(r.merge!.talks.created).toBe(0);
    const after = await snapshot(db);
    expect(after.sources).toEqual(before.sources);
    const strip = <T extends { updatedAt: string }>(xs: T[]) => xs.map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip(after.speakers)).toEqual(strip(before.speakers));
    expect(strip(after.talks)).toEqual(strip(before.talks));
  });

  it('merges another archive, keeping its sources and facts', async () => {
    for (const b of SAMPLE_BUNDLES) await importBundle(db, b);
    const other = freshDb();
    await importBundle(other, bundle({ speakers: [{ ref: 'a', name: 'Rok Papez', skills: ['C++'] }, { ref: 'b', name: 'New Person' }] }));
    const doc = viaFile(await exportArchive(other));
    await other.delete();
    const r = await importArchive(db, doc, 'merge');
    expect(r.merge!.speakers).toEqual({ created: 1, merged: 1 });
    const rok = (await db.speakers.withNameKeys(['rok papez']))[0]!;
    expect(rok.skills).toEqual([{ value: 'C++', sources: [doc.sources[0]!.id] }]);
    expect(await db.sources.count()).toBe(SAMPLE_BUNDLES.length + 1);
  });
});

describe('a bad archive file changes nothing and says what and where', () => {
  let good: ArchiveDocument;
  beforeEach(async () => {
    await richArchive();
    good = viaFile(await exportArchive(db));
  });

  const cases: [string, (d: Record<string, any>) => unknown, RegExp][] = [
    ['not an object', () => 'hello', /expected an object, got a string/],
    ['wrong format', (d) => ({ ...d, format: 'zotero' }), /format: expected one of podium-archive/],
    ['a newer version', (d) => ({ ...d, version: 2 }), /version: this file is version 2; this Podium reads version 1/],
    ['a missing table', (d) => ({ ...d, talks: undefined }), /talks: expected a list/],
    ['unknown speaker reference', (d) => { d.talks[12].speakerIds[0] = 'sp_x'; return d; }, /talks\[12\]\.speakerIds\[0\]: unknown speaker "sp_x"/],
    ['unknown event reference', (d) => { d.talks[3].eventId = 'ev_nope'; return d; }, /talks\[3\]\.eventId: unknown event "ev_nope"/],
    ['unknown source in a fact', (d) => { d.speakers[1].sources = ['src_ghost']; return d; }, /speakers\[1\]\.sources\[0\]: unknown source "src_ghost"/],
    ['duplicate ids', (d) => { d.speakers[2].id = d.speakers[1].id; return d; }, /speakers\[2\]\.id: duplicate id/],
    ['wrong type', (d) => { d.talks[0].durationMinutes = '45'; return d; }, /talks\[0\]\.durationMinutes: expected a number, got a string/],
    ['huge string', (d) => { d.speakers[0].name = 'x'.repeat(1_000_000); return d; }, /speakers\[0\]\.name: text longer than 500 characters/],
    ['unexpected field', (d) => { d.events[0].evil = true; return d; }, /events\[0\]\.evil: unexpected field/],
    ['__proto__ key', (d) => JSON.parse(JSON.stringify(d).replace('"headline":', '"__proto__":{"polluted":true},"headline":')), /speakers\[0\]\.__proto__: forbidden field name/],
    ['constructor key', (d) => { d.talks[0].constructor = { prototype: {} }; return JSON.parse(JSON.stringify(d)); }, /talks\[0\]\.constructor: forbidden field name/],
    ['too many records', (d) => ({ ...d, events: Array.from({ length: 100_001 }, () => d.events[0]) }), /events: more than 100000 items/],
    ['a bad id', (d) => { d.sources[0].id = '../../etc'; return d; }, /sources\[0\]\.id: an id may hold only/],
  ];

  it.each(cases)('%s', async (_label, corrupt, message) => {
    const before = await snapshot(db);
    const bad = corrupt(viaFile(good) as Record<string, any>);
    for (const mode of ['replace', 'merge'] as const) {
      await expect(importArchive(db, bad, mode)).rejects.toThrow(message);
      await expect(importArchive(db, bad, mode)).rejects.toThrow(/^This is not a valid Podium archive: /);
    }
    expect(await snapshot(db)).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('accepts the good document', () => {
    expect(() => parseArchive(good)).not.toThrow();
  });
});
