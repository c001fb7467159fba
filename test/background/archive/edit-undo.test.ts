import { deleteSpeaker, deleteTalk, mergeSpeakers, splitSpeaker, updateSpeaker, updateTalk } from '../../../src/background/archive/edit';
import { importBundle } from '../../../src/background/archive/merge';
import { undo, undoHistory } from '../../../src/background/archive/undo';
import { PodiumDb } from '../../../src/background/db';
import { bundle, freshDb, snapshot, speakerNamed } from '../helpers';

let db: PodiumDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

/** Two records of one person (the import could not know) with one talk each, one shared. */
async function twoRoks() {
  await importBundle(
    db,
    bundle({
      speakers: [
        { ref: 'a', name: 'Rok Papež', headline: 'Production Engineer at Facebook' },
        { ref: 'b', name: 'Rok P.', identifiers: [{ scheme: 'sessionize', value: 'r0k' }] },
        { ref: 'c', name: 'Angelo Failla' },
      ],
      talks: [
        { title: 'Facebook infrastructure: Under the Hood', date: '2018-12-20', eventRef: 'e', speakerRefs: ['a'] },
        { title: 'Facebook infrastructure: under the hood', date: '2018-12-20', eventRef: 'e', speakerRefs: ['b', 'c'] },
        { title: 'DHCP at scale', date: '2019', speakerRefs: ['b'] },
      ],
    }),
  );
  return { rok: await speakerNamed(db, 'Rok Papež'), rokP: await speakerNamed(db, 'Rok P.') };
}

describe('manual merge and split', () => {
  it('merges two people, their identical talks too, and undoes it exactly', async () => {
    const { rok, rokP } = await twoRoks();
    const before = await snapshot(db);
    const { speaker } = await mergeSpeakers(db, rok.id, rokP.id);
    expect(speaker.aliases.map((a) => a.value)).toEqual(['Rok P.']);
    expect(speaker.idKeys).toEqual(['sessionize:r0k']);
    expect(await db.speakers.get(rokP.id)).toBeUndefined();
    const talks = await db.talks.ofSpeakers([rok.id]);
    expect(talks.map((t) => t.title.toLowerCase()).sort()).toEqual(['dhcp at scale', 'facebook infrastructure: under the hood']);
    expect(talks.find((t) => t.title.startsWith('Facebook'))!.speakerIds).toHaveLength(2); // Rok and Angelo

    expect((await undoHistory(db))[0]!.label).toBe('Merge “Rok P.” into “Rok Papež”');
    await undo(db);
    expect(await snapshot(db)).toEqual({ ...before, sources: before.sources });
    expect(await undoHistory(db)).toEqual([]);
  });

  it('splits a person and undoes the split after a worker restart', async () => {
    const { rokP } = await twoRoks();
    const before = await snapshot(db);
    const dhcp = (await db.talks.toArray()).find((t) => t.title === 'DHCP at scale')!;
    const { speaker: other } = await splitSpeaker(db, rokP.id, { talkIds: [dhcp.id], name: 'Rok Pavlin', idKeys: ['sessionize:r0k'] });
    expect(other.name).toBe('Rok Pavlin');
    expect(other.idKeys).toEqual(['sessionize:r0k']);
    expect((await db.talks.get(dhcp.id))!.speakerIds).toEqual([other.id]);
    expect((await db.speakers.get(rokP.id))!.idKeys).toEqual([]);

    // A new worker: a new connection to the same database, nothing in memory.
    const name = db.name;
    db.close();
    db = new PodiumDb(name);
    await undo(db);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses to undo when a record changed since, and says so', async () => {
    const { rok, rokP } = await twoRoks();
    await mergeSpeakers(db, rok.id, rokP.id);
    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Rok Papez', skills: ['Go'] }] }));
    await expect(undo(db)).rejects.toThrow(/cannot be undone: the speaker sp_\w+ has changed since/);
  });

  it('rejects bad merges and splits with a readable error', async () => {
    const { rok, rokP } = await twoRoks();
    await expect(mergeSpeakers(db, rok.id, rok.id)).rejects.toThrow('cannot be merged with themself');
    await expect(mergeSpeakers(db, rok.id, 'sp_nobody')).rejects.toThrow('No speaker with id “sp_nobody”');
    const dhcp = (await db.talks.toArray()).find((t) => t.title === 'DHCP at scale')!;
    await expect(splitSpeaker(db, rok.id, { talkIds: [dhcp.id] })).rejects.toThrow('is not one of Rok Papež’s talks');
    expect(await db.undo.count()).toBe(0);
    void rokP;
  });
});

describe('edits and deletes', () => {
  it('edits a speaker by hand; the edit wins over later imports and can be undone', async () => {
    const { rok } = await twoRoks();
    const before = await snapshot(db);
    await updateSpeaker(db, rok.id, { name: 'Rok Papež Jr', headline: 'Engineer at Meta' });
    let s = (await db.speakers.get(rok.id))!;
    expect(s.name).toBe('Rok Papež Jr');
    expect(s.aliases.map((a) => a.value)).toEqual(['Rok Papež']); // imports still find him
    expect(s.headline[0]!.value).toBe('Engineer at Meta');
    expect(s.pinned).toEqual(['name']);

    await importBundle(db, bundle({ speakers: [{ ref: 'a', name: 'Rok Papez', headline: 'Something newer' }] }));
    s = (await db.speakers.get(rok.id))!;
    expect(s.headline.map((h) => h.value)).toEqual(['Engineer at Meta', 'Something newer', 'Production Engineer at Facebook']);
    expect(s.name).toBe('Rok Papež Jr');
    await expect(undo(db)).rejects.toThrow(/changed since/);

    // Without the later import, undo restores the speaker exactly (the manual source stays, harmless).
    await db.delete();
    db = freshDb();
    const again = await twoRoks();
    const before2 = await snapshot(db);
    await updateSpeaker(db, again.rok.id, { headline: null, aliases: ['Roki'] });
    expect((await db.speakers.get(again.rok.id))!.headline).toEqual([]);
    await undo(db);
    const after = await snapshot(db);
    expect(after.speakers).toEqual(before2.speakers);
    void before;
  });

  it('edits a talk and pins the edited fields', async () => {
    await twoRoks();
    const dhcp = (await db.talks.toArray()).find((t) => t.title === 'DHCP at scale')!;
    await updateTalk(db, dhcp.id, { room: 'Main hall', date: '2019-05-01', abstract: 'About DHCP.' });
    const t = (await db.talks.get(dhcp.id))!;
    expect(t).toMatchObject({ room: 'Main hall', date: '2019-05-01', pinned: ['date', 'room'] });
    expect(t.abstract[0]).toEqual({ value: 'About DHCP.', sources: ['src_manual'] });
    await updateTalk(db, dhcp.id, { room: null });
    expect((await db.talks.get(dhcp.id))!.room).toBeUndefined();
    await expect(updateTalk(db, dhcp.id, { speakerIds: ['sp_nobody'] })).rejects.toThrow('No speaker with id “sp_nobody”');
  });

  it('deletes a speaker (and talks left without speakers) and undoes it', async () => {
    const { rokP } = await twoRoks();
    const before = await snapshot(db);
    const { talksDeleted } = await deleteSpeaker(db, rokP.id);
    expect(talksDeleted).toBe(1); // "DHCP at scale"; the shared talk keeps Angelo
    expect(await db.talks.count()).toBe(2);
    await undo(db);
    expect(await snapshot(db)).toEqual(before);
  });

  it('deletes a talk and undoes it', async () => {
    await twoRoks();
    const before = await snapshot(db);
    const [t] = await db.talks.toArray();
    await deleteTalk(db, t!.id);
    expect(await db.talks.get(t!.id)).toBeUndefined();
    await undo(db);
    expect(await snapshot(db)).toEqual(before);
    await expect(undo(db)).rejects.toThrow('There is nothing to undo.');
  });
});
