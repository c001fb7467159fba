/**
 * A subscribed schedule read again: moved, retitled, replaced, removed and
 * returning talks, and the user's edits, against a real (fake-indexeddb)
 * archive.
 */
import { applyRefresh, type Snapshot } from '../../../src/background/subscriptions/apply';
import { updateSpeaker, updateTalk, deleteTalk } from '../../../src/background/archive/edit';
import { importBundle } from '../../../src/background/archive/merge';
import type { PodiumDb } from '../../../src/background/db';
import type { DraftSpeaker, DraftTalk, ImportBundle } from '../../../src/shared/types';
import { freshDb, speakerNamed } from '../helpers';

const ada: DraftSpeaker = { ref: 'ada', name: 'Ada Lovelace', headline: 'Engineer at Analytical', identifiers: [{ scheme: 'pretalx' as const, value: 'pretalx.com/conf:ADA' }] };
const grace = { ref: 'grace', name: 'Grace Hopper', identifiers: [{ scheme: 'pretalx' as const, value: 'pretalx.com/conf:GRACE' }] };
const alan = { ref: 'alan', name: 'Alan Turing', identifiers: [{ scheme: 'pretalx' as const, value: 'pretalx.com/conf:ALAN' }] };

const engines: DraftTalk = { key: 'pretalx:AAA', title: 'Engines of thought', date: '2026-05-04', start: '10:00', room: 'Hall A', speakerRefs: ['ada'], eventRef: 'e' };
const compilers: DraftTalk = { key: 'pretalx:BBB', title: 'Compilers for everyone', date: '2026-05-04', start: '11:00', room: 'Hall B', speakerRefs: ['grace'], eventRef: 'e' };
const machines: DraftTalk = { key: 'pretalx:CCC', title: 'Thinking machines', date: '2026-05-05', start: '09:00', room: 'Hall A', speakerRefs: ['alan'], eventRef: 'e' };

function reading(talks: DraftTalk[], speakers = [ada, grace, alan]): ImportBundle {
  return {
    source: { kind: 'api', name: 'conf', format: 'pretalx-api', url: 'https://pretalx.com/conf/' },
    speakers,
    talks,
    events: [{ ref: 'e', name: 'Conf 2026', year: 2026, startDate: '2026-05-04' }],
    warnings: [],
  };
}

const EMPTY: Snapshot = { talks: {}, sourceIds: [] };

async function talkTitled(db: PodiumDb, title: string) {
  const all = (await db.talks.toArray()).filter((t) => t.title === title);
  if (all.length !== 1) throw new Error(`${all.length} talks titled ${title}`);
  return all[0]!;
}

describe('applyRefresh', () => {
  let db: PodiumDb;
  beforeEach(() => {
    db = freshDb();
  });
  afterEach(() => db.delete());

  it('the first reading adds everything and remembers each talk by its key', async () => {
    const { summary, snapshot } = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    expect(summary).toEqual({ added: 3, updated: 0, withdrawn: 0, restored: 0, unchanged: 0 });
    expect(Object.keys(snapshot.talks).sort()).toEqual(['pretalx:AAA', 'pretalx:BBB', 'pretalx:CCC']);
    expect(snapshot.sourceIds).toHaveLength(1);
    expect(await db.talks.count()).toBe(3);
  });

  it('the same reading again changes nothing', async () => {
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    const before = await db.talks.toArray();
    const second = await applyRefresh(db, [reading([engines, compilers, machines])], first.snapshot);
    expect(second.summary).toEqual({ added: 0, updated: 0, withdrawn: 0, restored: 0, unchanged: 3 });
    expect(await db.talks.count()).toBe(3);
    expect(await db.speakers.count()).toBe(3);
    // Unchanged records are left as they were: same citations, same `updatedAt` (undo checks it).
    expect(second.snapshot.sourceIds).toEqual(expect.arrayContaining(first.snapshot.sourceIds));
    expect(await db.talks.toArray()).toEqual(before);
  });

  it('a moved talk gets its new time and room, with no trace of the old ones', async () => {
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    const moved = { ...engines, start: '15:30', room: 'Hall C' };
    const { summary } = await applyRefresh(db, [reading([moved, compilers, machines])], first.snapshot);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 2, withdrawn: 0 });
    const t = await talkTitled(db, 'Engines of thought');
    expect(t).toMatchObject({ start: '15:30', room: 'Hall C' });
    expect(t.variants).toBeUndefined();
  });

  it('a retitled talk stays one talk (found by its key)', async () => {
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    const before = await talkTitled(db, 'Engines of thought');
    await applyRefresh(db, [reading([{ ...engines, title: 'Engines of thought, revised' }, compilers, machines])], first.snapshot);
    const after = await talkTitled(db, 'Engines of thought, revised');
    expect(after.id).toBe(before.id);
    expect(await db.talks.count()).toBe(3);
  });

  it('a replaced speaker leaves the talk, keeps their record, and the new one takes the stage', async () => {
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    const replaced = { ...compilers, speakerRefs: ['alan'] };
    await applyRefresh(db, [reading([engines, replaced, machines])], first.snapshot);
    const t = await talkTitled(db, 'Compilers for everyone');
    const alanRec = await speakerNamed(db, 'Alan Turing');
    expect(t.speakerIds).toEqual([alanRec.id]);
    // Grace is still in the archive with what the schedule said of her, on no listed talk.
    const graceRec = await speakerNamed(db, 'Grace Hopper');
    expect(graceRec.identifiers[0]!.value).toBe('pretalx.com/conf:GRACE');
  });

  it('a talk removed from the schedule is marked withdrawn, not deleted, and comes back if listed again', async () => {
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    const second = await applyRefresh(db, [reading([engines, compilers], [ada, grace])], first.snapshot, new Date('2030-05-01T10:00:00Z'));
    expect(second.summary).toMatchObject({ withdrawn: 1, unchanged: 2 });
    expect(second.listed).toEqual({ talks: 2, withdrawn: 1 });
    const gone = await talkTitled(db, 'Thinking machines');
    expect(gone.withdrawn).toBe('2030-05-01T10:00:00.000Z');
    expect(gone.room).toBe('Hall A');
    expect((await speakerNamed(db, 'Alan Turing')).name).toBe('Alan Turing');
    // Still gone at the next refresh: counted once.
    const third = await applyRefresh(db, [reading([engines, compilers], [ada, grace])], second.snapshot);
    expect(third.summary.withdrawn).toBe(0);
    const fourth = await applyRefresh(db, [reading([engines, compilers, machines])], third.snapshot);
    expect(fourth.summary).toMatchObject({ restored: 1, added: 0 });
    expect((await talkTitled(db, 'Thinking machines')).withdrawn).toBeUndefined();
    expect(await db.talks.count()).toBe(3);
  });

  it("never overwrites the user's edits, and does not bring back a talk the user deleted", async () => {
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    const t = await talkTitled(db, 'Engines of thought');
    await updateTalk(db, t.id, { room: 'My room' });
    const adaRec = await speakerNamed(db, 'Ada Lovelace');
    await updateSpeaker(db, adaRec.id, { headline: 'Countess, mathematician' });
    const doomed = await talkTitled(db, 'Thinking machines');
    await deleteTalk(db, doomed.id);
    const moved = { ...engines, room: 'Hall C', start: '16:00' };
    const { summary } = await applyRefresh(db, [reading([moved, compilers, machines], [{ ...ada, headline: 'Chief engineer' }, grace, alan])], first.snapshot);
    expect(summary.added).toBe(0);
    const after = await talkTitled(db, 'Engines of thought');
    expect(after.room).toBe('My room');
    expect(after.start).toBe('16:00');
    expect((await speakerNamed(db, 'Ada Lovelace')).headline[0]!.value).toBe('Countess, mathematician');
    expect((await db.talks.toArray()).map((x) => x.title)).not.toContain('Thinking machines');
  });

  it('keeps what another source said of the same talk', async () => {
    await importBundle(db, {
      source: { kind: 'file', name: 'cv.txt', format: 'cv-text' },
      speakers: [{ ref: 'a', name: 'Ada Lovelace', summary: 'Wrote the first program.' }],
      talks: [{ title: 'Engines of thought', speakerRefs: ['a'], abstract: 'From the CV.' }],
      events: [],
      warnings: [],
    });
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    await applyRefresh(db, [reading([{ ...engines, room: 'Hall Z' }, compilers, machines])], first.snapshot);
    const t = await talkTitled(db, 'Engines of thought');
    expect(t.room).toBe('Hall Z');
    expect(t.abstract.map((f) => f.value)).toContain('From the CV.');
    expect((await speakerNamed(db, 'Ada Lovelace')).summary[0]!.value).toBe('Wrote the first program.');
  });

  it('a failing write leaves the archive exactly as it was', async () => {
    const first = await applyRefresh(db, [reading([engines, compilers, machines])], EMPTY);
    const before = (await db.talks.toArray()).sort((a, b) => a.id.localeCompare(b.id));
    const spy = jest.spyOn(db.talks, 'bulkPut').mockImplementationOnce(() => Promise.reject(new Error('disk full')));
    await expect(applyRefresh(db, [reading([{ ...engines, room: 'Hall C' }])], first.snapshot)).rejects.toThrow('disk full');
    spy.mockRestore();
    expect((await db.talks.toArray()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);
  });
});
