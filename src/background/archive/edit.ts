/**
 * Hand-made changes to the archive: edits, deletes, merging two people and
 * splitting one. Each runs in one transaction and is undoable (undo.ts).
 * Edited values cite the `manual` source, which ranks above every import,
 * and the edited fields are pinned so later imports do not replace them.
 */
import * as i18n from '../../shared/i18n';
import { normalizeTitle } from '../../shared/names';
import type { SpeakerChanges, SplitRequest, TalkChanges } from '../../shared/archive-format';
import type { Fact, PodiumEvent, Source, Speaker, Talk } from '../../shared/types';
import type { PodiumDb } from '../db';
import { rankSources, type SourceRank, unionSources } from './facts';
import { newId } from './ids';
import { absorbSpeaker, absorbTalk, talkYear } from './records';
import { speakerIdKeys, speakerNameKeys } from './schema';
import { ChangeSet, undoableTables } from './undo';

/** The one source every hand edit cites. */
export const MANUAL_SOURCE_ID = 'src_manual';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

async function manualSource(db: PodiumDb, at: string): Promise<string> {
  if (!(await db.sources.get(MANUAL_SOURCE_ID))) {
    const source: Source = { id: MANUAL_SOURCE_ID, kind: 'manual', name: 'Your edits', format: 'manual', importedAt: at };
    await db.sources.add(source);
  }
  return MANUAL_SOURCE_ID;
}

const NOT_FOUND = { speaker: 'popupNotFoundSpeaker', talk: 'popupNotFoundTalk', event: 'popupNotFoundEvent' } as const;

async function mustGet<T>(p: Promise<T | undefined>, what: keyof typeof NOT_FOUND, id: string): Promise<T> {
  const r = await p;
  if (!r) throw new NotFoundError(i18n.t(NOT_FOUND[what], id));
  return r;
}

async function rankAll(db: PodiumDb): Promise<SourceRank> {
  return rankSources(new Map((await db.sources.toArray()).map((s) => [s.id, s])));
}

const pin = (r: { pinned?: string[] }, fields: string[]) => {
  r.pinned = [...new Set([...(r.pinned ?? []), ...fields])];
};

/** Puts a hand-set value first in a fact list (or clears the list for `null`). */
function setFact<T>(facts: Fact<T>[], value: T | null, src: string): Fact<T>[] {
  if (value === null) return [];
  const rest = facts.filter((f) => JSON.stringify(f.value) !== JSON.stringify(value));
  const same = facts.find((f) => JSON.stringify(f.value) === JSON.stringify(value));
  return [{ value, sources: [src, ...(same?.sources ?? []).filter((s) => s !== src)] }, ...rest];
}

/** Edits a speaker. A new name keeps the old one as an alias, so imports still find the person. */
export async function updateSpeaker(db: PodiumDb, id: string, changes: SpeakerChanges): Promise<{ speaker: Speaker; undoId: string }> {
  return db.transaction('rw', undoableTables(db), async () => {
    const cs = new ChangeSet();
    const [s] = cs.track('speakers', [await mustGet(db.speakers.get(id), 'speaker', id)]);
    const src = await manualSource(db, cs.at);
    const fields: string[] = [];
    if (changes.name !== undefined && changes.name.trim() !== s!.name) {
      const old = s!.name;
      s!.name = changes.name.trim();
      if (changes.aliases === undefined && !s!.aliases.some((a) => a.value === old)) s!.aliases.push({ value: old, sources: [src] });
      fields.push('name');
    }
    if (changes.aliases !== undefined) {
      const keep = new Map(s!.aliases.map((a) => [a.value, a]));
      s!.aliases = [...new Set(changes.aliases.map((a) => a.trim()).filter((a) => a && a !== s!.name))].map(
        (value) => keep.get(value) ?? { value, sources: [src] },
      );
    }
    if (changes.headline !== undefined) s!.headline = setFact(s!.headline, changes.headline, src);
    if (changes.summary !== undefined) s!.summary = setFact(s!.summary, changes.summary, src);
    if (changes.photoUrl !== undefined) s!.photoUrl = setFact(s!.photoUrl, changes.photoUrl, src);
    if (changes.location !== undefined) s!.location = setFact(s!.location, changes.location, src);
    if (changes.links !== undefined) {
      const old = new Map(s!.links.map((l) => [l.url, l]));
      s!.links = changes.links.map((l) => ({ ...l, sources: old.get(l.url)?.sources ?? [src] }));
    }
    if (fields.length) pin(s!, fields);
    s!.nameKeys = speakerNameKeys(s!);
    s!.idKeys = speakerIdKeys(s!);
    if (!s!.sources.includes(src)) s!.sources = [src, ...s!.sources];
    cs.put('speakers', s!);
    const undoId = await cs.commit(db, i18n.t('popupUndoEdit', s!.name));
    return { speaker: s!, undoId };
  });
}

const TALK_SCALAR_EDITS = ['title', 'kind', 'language', 'date', 'start', 'end', 'timeZone', 'durationMinutes', 'room', 'eventId'] as const;

/** Edits a talk; edited single-valued fields are pinned against later imports. */
export async function updateTalk(db: PodiumDb, id: string, changes: TalkChanges): Promise<{ talk: Talk; undoId: string }> {
  return db.transaction('rw', undoableTables(db), async () => {
    const cs = new ChangeSet();
    const [t] = cs.track('talks', [await mustGet(db.talks.get(id), 'talk', id)]);
    const talk = t!;
    const src = await manualSource(db, cs.at);
    if (changes.speakerIds) {
      const found = await db.speakers.bulkGet(changes.speakerIds);
      const i = found.findIndex((s) => !s);
      if (i >= 0) throw new NotFoundError(i18n.t('popupNotFoundSpeaker', String(changes.speakerIds[i])));
      talk.speakerIds = [...new Set(changes.speakerIds)];
    }
    if (changes.eventId) await mustGet(db.events.get(changes.eventId), 'event', changes.eventId);
    const record = talk as unknown as Record<string, unknown>;
    const fields: string[] = [];
    for (const f of TALK_SCALAR_EDITS) {
      const v = changes[f];
      if (v === undefined) continue;
      if (v === null) delete record[f];
      else record[f] = v;
      fields.push(f);
    }
    if (changes.abstract !== undefined) talk.abstract = setFact(talk.abstract, changes.abstract, src);
    if (changes.tags) talk.tags = [...new Set(changes.tags)];
    // Speakers chosen by hand stay when a subscribed schedule lists others.
    if (changes.speakerIds) fields.push('speakerIds');
    if (changes.links) {
      const old = new Map(talk.links.map((l) => [l.url, l]));
      talk.links = changes.links.map((l) => ({ ...l, sources: old.get(l.url)?.sources ?? [src] }));
    }
    if (fields.length) pin(talk, fields);
    talk.titleKey = normalizeTitle(talk.title);
    if (!talk.sources.includes(src)) talk.sources = [src, ...talk.sources];
    cs.put('talks', talk);
    const undoId = await cs.commit(db, i18n.t('popupUndoEdit', talk.title));
    return { talk, undoId };
  });
}

/**
 * Deletes a speaker. Their talks lose them; a talk left with no speaker is
 * deleted too (it would be an orphan nobody can find).
 */
export async function deleteSpeaker(db: PodiumDb, id: string): Promise<{ talksDeleted: number; undoId: string }> {
  return db.transaction('rw', undoableTables(db), async () => {
    const cs = new ChangeSet();
    const s = await mustGet(db.speakers.get(id), 'speaker', id);
    cs.remove('speakers', s);
    let talksDeleted = 0;
    for (const t of cs.track('talks', await db.talks.ofSpeakers([id]))) {
      t.speakerIds = t.speakerIds.filter((x) => x !== id);
      if (t.speakerIds.length === 0) {
        cs.remove('talks', t);
        talksDeleted++;
      } else cs.put('talks', t);
    }
    return { talksDeleted, undoId: await cs.commit(db, i18n.t('popupUndoDelete', s.name)) };
  });
}

/** Deletes a talk (its speakers and event stay). */
export async function deleteTalk(db: PodiumDb, id: string): Promise<{ undoId: string }> {
  return db.transaction('rw', undoableTables(db), async () => {
    const cs = new ChangeSet();
    const t = await mustGet(db.talks.get(id), 'talk', id);
    cs.remove('talks', t);
    return { undoId: await cs.commit(db, i18n.t('popupUndoDelete', t.title)) };
  });
}

/**
 * Merges speaker `otherId` into `keepId`: facts unioned, the other's name
 * kept as an alias, their talks credited to the kept person; talks that
 * thereby become the same talk (same title and year) are merged too.
 */
export async function mergeSpeakers(db: PodiumDb, keepId: string, otherId: string): Promise<{ speaker: Speaker; undoId: string }> {
  if (keepId === otherId) throw new Error(i18n.t('popupMergeSelf'));
  return db.transaction('rw', undoableTables(db), async () => {
    const cs = new ChangeSet();
    const [keep, other] = cs.track('speakers', [
      await mustGet(db.speakers.get(keepId), 'speaker', keepId),
      await mustGet(db.speakers.get(otherId), 'speaker', otherId),
    ]) as [Speaker, Speaker];
    const rank = await rankAll(db);
    absorbSpeaker(rank, keep, other, cs.at);
    cs.put('speakers', keep);
    cs.remove('speakers', other);

    const talks = cs.track('talks', await db.talks.ofSpeakers([keepId, otherId]));
    const eventIds = [...new Set(talks.map((t) => t.eventId).filter((x): x is string => !!x))];
    const events = new Map((await db.events.bulkGet(eventIds)).filter((e): e is PodiumEvent => !!e).map((e) => [e.id, e]));
    const groups = new Map<string, Talk>();
    for (const t of talks) {
      t.speakerIds = [...new Set(t.speakerIds.map((x) => (x === otherId ? keepId : x)))];
      const key = `${t.titleKey}|${talkYear(t, t.eventId ? events.get(t.eventId) : undefined) ?? ''}`;
      const first = groups.get(key);
      if (first) {
        absorbTalk(rank, first, t, cs.at);
        cs.put('talks', first);
        cs.remove('talks', t);
      } else {
        groups.set(key, t);
        cs.put('talks', t);
      }
    }
    return { speaker: keep, undoId: await cs.commit(db, i18n.t('popupUndoMerge', other.name, keep.name)) };
  });
}

/**
 * Splits one speaker into two: the given talks, identifiers and aliases move
 * to a new speaker; everything else stays.
 */
export async function splitSpeaker(db: PodiumDb, id: string, req: SplitRequest): Promise<{ speaker: Speaker; undoId: string }> {
  return db.transaction('rw', undoableTables(db), async () => {
    const cs = new ChangeSet();
    const [s] = cs.track('speakers', [await mustGet(db.speakers.get(id), 'speaker', id)]) as [Speaker];
    const talks = cs.track('talks', (await db.talks.bulkGet(req.talkIds)).map((t, i) => {
      if (!t || !t.speakerIds.includes(id)) throw new NotFoundError(i18n.t('popupTalkNotTheirs', String(req.talkIds[i]), s.name));
      return t;
    }));
    const moveIds = new Set(req.idKeys ?? []);
    const moveAliases = new Set(req.aliases ?? []);
    const rank = await rankAll(db);
    const sources = unionSources(rank, ...talks.map((t) => t.sources.filter((x) => s.sources.includes(x))));
    const other: Speaker = {
      id: newId('sp'),
      name: req.name?.trim() || s.name,
      aliases: s.aliases.filter((a) => moveAliases.has(a.value)),
      nameKeys: [],
      headline: [],
      location: [],
      summary: [],
      positions: [],
      education: [],
      skills: [],
      publications: [],
      projects: [],
      links: [],
      photoUrl: [],
      identifiers: s.identifiers.filter((i) => moveIds.has(`${i.scheme}:${i.value}`)),
      idKeys: [],
      sources: sources.length ? sources : [...s.sources],
      createdAt: cs.at,
      updatedAt: cs.at,
    };
    other.nameKeys = speakerNameKeys(other);
    other.idKeys = speakerIdKeys(other);
    s.aliases = s.aliases.filter((a) => !moveAliases.has(a.value));
    s.identifiers = s.identifiers.filter((i) => !moveIds.has(`${i.scheme}:${i.value}`));
    s.nameKeys = speakerNameKeys(s);
    s.idKeys = speakerIdKeys(s);
    cs.put('speakers', s);
    cs.put('speakers', other);
    for (const t of talks) {
      t.speakerIds = t.speakerIds.map((x) => (x === id ? other.id : x));
      cs.put('talks', t);
    }
    return { speaker: other, undoId: await cs.commit(db, i18n.t('popupUndoSplit', other.name, s.name)) };
  });
}
