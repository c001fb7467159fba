/**
 * The edit recipe's round trip: browser A's hand edits go through
 * `storage.sync` (a quota-enforcing fake) to browser B, whose archive
 * imported the same schedule under other record ids, and B arrives at the
 * same values; replaying again, or importing again, changes nothing, and
 * neither browser writes back what it only received.
 */
import { importBundle } from '../../../src/background/archive/merge';
import { undoHistory } from '../../../src/background/archive/undo';
import type { PodiumDb } from '../../../src/background/db';
import { applyEditRecipe } from '../../../src/background/sync';
import { bundle, speakerNamed } from '../helpers';
import { type Side, twoBrowsers } from './two-browsers';

const schedule = () =>
  bundle({
    name: 'europython-2016.json',
    speakers: [
      { ref: 'a', name: 'Rok Papež', headline: 'Production Engineer at Facebook', identifiers: [{ scheme: 'pretalx', value: 'RKPZ' }] },
      { ref: 'b', name: 'Rok P.', identifiers: [{ scheme: 'sessionize', value: 'r0k' }] },
      { ref: 'c', name: 'Angelo Failla', headline: 'Engineer' },
      { ref: 'd', name: 'Ada Byron', summary: 'Writes about engines.' },
    ],
    talks: [
      { title: 'Facebook infrastructure: under the hood', date: '2016-07-19', start: '10:00', room: 'A1', eventRef: 'e', speakerRefs: ['a', 'c'] },
      { title: 'DHCP at scale', date: '2016-07-20', eventRef: 'e', speakerRefs: ['b'] },
      { title: 'Notes on the analytical engine', date: '2016-07-21', eventRef: 'e', speakerRefs: ['d'] },
    ],
  });

/** The archive without its record ids: what a person sees. */
async function view(db: PodiumDb) {
  const speakers = await db.speakers.toArray();
  const talks = await db.talks.toArray();
  const events = await db.events.toArray();
  const name = new Map(speakers.map((s) => [s.id, s.name]));
  return {
    speakers: speakers
      .map((s) => ({ name: s.name, aliases: s.aliases.map((a) => a.value).sort(), headline: s.headline[0]?.value, summary: s.summary[0]?.value, ids: [...s.idKeys].sort(), pinned: s.pinned ?? [] }))
      .sort((x, y) => x.name.localeCompare(y.name)),
    talks: talks
      .map((t) => ({
        title: t.title,
        room: t.room,
        start: t.start,
        event: events.find((e) => e.id === t.eventId)?.name,
        speakers: t.speakerIds.map((id) => name.get(id)),
        pinned: [...(t.pinned ?? [])].sort(),
      }))
      .sort((x, y) => x.title.localeCompare(y.title)),
  };
}

async function talkTitled(db: PodiumDb, title: string) {
  const t = (await db.talks.toArray()).find((x) => x.title === title);
  if (!t) throw new Error(`no talk ${title}`);
  return t;
}

let a: Side;
let b: Side;
let clock: ReturnType<typeof twoBrowsers>['clock'];
beforeEach(async () => {
  ({ a, b, clock } = twoBrowsers());
  await importBundle(a.db, schedule());
  await importBundle(b.db, schedule());
});
afterEach(async () => {
  await a.db.delete();
  await b.db.delete();
});

/** A's hand edits: each kind the recipe carries. */
async function editOnA() {
  const rok = await speakerNamed(a.db, 'Rok Papež');
  const rokP = await speakerNamed(a.db, 'Rok P.');
  await a.edits.updateSpeaker(rok.id, { headline: 'Staff Engineer at Meta', name: 'Rok Papež Jr.' });
  clock.tick();
  await a.edits.mergeSpeakers(rok.id, rokP.id);
  clock.tick();
  const fb = await talkTitled(a.db, 'Facebook infrastructure: under the hood');
  await a.edits.updateTalk(fb.id, { room: 'Main hall', start: '11:30' });
  clock.tick();
  const angelo = await speakerNamed(a.db, 'Angelo Failla');
  await a.edits.updateSpeaker(angelo.id, { headline: null });
  clock.tick();
  await a.edits.deleteTalk((await talkTitled(a.db, 'Notes on the analytical engine')).id);
  clock.tick();
  await a.edits.deleteSpeaker((await speakerNamed(a.db, 'Ada Byron')).id);
  clock.tick();
}

describe('sync recipe round trip', () => {
  it('brings browser B to the same field values as A, through storage.sync', async () => {
    expect((await a.db.speakers.toArray()).map((s) => s.id).sort()).not.toEqual((await b.db.speakers.toArray()).map((s) => s.id).sort());
    await editOnA();
    await a.engine.syncNow();
    expect(a.sync.bytesInUse()).toBeGreaterThan(0);
    expect(a.sync.bytesInUse()).toBeLessThanOrEqual(102_400);

    const status = await b.engine.syncNow();
    expect(status.on).toBe(true);
    expect(status.synced.edits).toBeGreaterThanOrEqual(6);
    const [va, vb] = [await view(a.db), await view(b.db)];
    expect(vb).toEqual(va);
    expect(vb.speakers.map((s) => s.name)).toEqual(['Angelo Failla', 'Rok Papež Jr.']);
    expect(vb.speakers.find((s) => s.name === 'Rok Papež Jr.')).toMatchObject({ headline: 'Staff Engineer at Meta', ids: ['pretalx:RKPZ', 'sessionize:r0k'] });
    expect(vb.speakers.find((s) => s.name === 'Angelo Failla')!.headline).toBeUndefined();
    expect(vb.talks.find((t) => t.title.startsWith('Facebook'))).toMatchObject({ room: 'Main hall', start: '11:30' });
    expect(vb.talks.map((t) => t.title)).not.toContain('Notes on the analytical engine');
  });

  it('replays idempotently, survives a re-import, and does not write back (no ping-pong)', async () => {
    await editOnA();
    await a.engine.syncNow();
    const writesA = a.sync.writes.length;
    await b.engine.syncNow();
    expect(b.sync.writes).toHaveLength(0); // B only received: nothing of its own to write

    const undos = (await undoHistory(b.db)).length;
    expect(await applyEditRecipe(b.db)).toBe(0);
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect((await undoHistory(b.db)).length).toBe(undos);
    expect(b.sync.writes).toHaveLength(0);
    expect(a.sync.writes).toHaveLength(writesA);

    // The schedule comes again (a subscription's refresh): the import brings back the old values and the deleted talk; the recipe wins.
    clock.tick();
    await importBundle(b.db, schedule());
    await applyEditRecipe(b.db);
    await importBundle(a.db, schedule());
    await applyEditRecipe(a.db);
    expect(await view(b.db)).toEqual(await view(a.db));
    expect((await view(b.db)).talks.map((t) => t.title)).not.toContain('Notes on the analytical engine');
    // Replays are not recorded: the recipe did not grow.
    await b.engine.syncNow();
    expect(b.sync.writes).toHaveLength(0);
  });

  it('sends an undo too: the value goes back on the other browser', async () => {
    const angelo = await speakerNamed(a.db, 'Angelo Failla');
    await a.edits.updateSpeaker(angelo.id, { headline: 'Site Reliability Engineer' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect((await speakerNamed(b.db, 'Angelo Failla')).headline[0]!.value).toBe('Site Reliability Engineer');

    clock.tick();
    await a.edits.undo();
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect((await speakerNamed(a.db, 'Angelo Failla')).headline[0]!.value).toBe('Engineer');
    expect((await speakerNamed(b.db, 'Angelo Failla')).headline[0]!.value).toBe('Engineer');
  });

  it('edits made on both browsers meet: each browser gets the other’s', async () => {
    await a.edits.updateSpeaker((await speakerNamed(a.db, 'Angelo Failla')).id, { headline: 'From A' });
    await b.edits.updateTalk((await talkTitled(b.db, 'DHCP at scale')).id, { room: 'B2' });
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect(await view(a.db)).toEqual(await view(b.db));
    expect((await talkTitled(a.db, 'DHCP at scale')).room).toBe('B2');
  });
});
