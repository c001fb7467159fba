/**
 * The edit recipe: the user's hand edits as entries another browser can
 * replay on its own archive. Record ids are random per browser, so an entry
 * names its record by what any browser that imported the same schedules
 * can find: a speaker by a strong identifier (`pretalx:…`) or else its
 * normalised name, a talk by its normalised title and its event's key (or,
 * without an event, its year and first speaker), an event by its key.
 *
 * Replaying goes through the same hand-edit functions (archive/edit.ts), so
 * a replayed value cites the `manual` source and is pinned against imports,
 * and it is undoable. It writes only where the target exists and differs,
 * so replaying twice changes nothing, and it never records new entries
 * (only the message handlers record): no ping-pong between browsers.
 */
import type { SpeakerChanges, TalkChanges } from '../../shared/archive-format';
import { normalizeName } from '../../shared/names';
import { type Fact, type Link, type PodiumEvent, type Speaker, type Talk, TALK_KINDS } from '../../shared/types';
import { deleteSpeaker, deleteTalk, MANUAL_SOURCE_ID, mergeSpeakers, updateSpeaker, updateTalk } from '../archive/edit';
import { yearOf } from '../archive/schema';
import type { PodiumDb } from '../db';
import { canonical, type Item } from './items';

/** A speaker: strong identifiers (sorted, at most three) and a name key. */
export interface SpeakerRef {
  i?: string[];
  n: string;
}

/** A talk: normalised title, and its event's key or else its year and first speaker. */
export interface TalkRef {
  t: string;
  e?: string;
  y?: number;
  s?: SpeakerRef;
}

export type Target = { s: SpeakerRef } | { t: TalkRef };

/**
 * `set`: a field's value (null clears it). `revert`: an undone `set`, its
 * value before (applied without pinning a value already there). `delete`:
 * the record. `merge`: speaker `v` into the target. `undone`: an undone
 * delete or merge, replayed no more.
 */
export type EntryOp = 'set' | 'revert' | 'delete' | 'merge' | 'undone';

export interface RecipeEntry {
  o: EntryOp;
  on: Target;
  /** The field of a `set` or `revert`. */
  f?: string;
  /** A `set`'s value, or the other speaker of a `merge`. */
  v?: unknown;
  /** A `set`'s value before, when small: an undo sends it to the other browser. */
  p?: unknown;
  /** What the user knows the record by, for Settings. */
  l: string;
}

export const SPEAKER_FIELDS = ['name', 'aliases', 'headline', 'summary', 'photoUrl', 'location', 'links'] as const;
export const TALK_FIELDS = ['title', 'abstract', 'kind', 'language', 'date', 'start', 'end', 'timeZone', 'durationMinutes', 'room', 'eventId', 'speakerIds', 'tags', 'links'] as const;
const TALK_SCALARS = new Set(['title', 'kind', 'language', 'date', 'start', 'end', 'timeZone', 'durationMinutes', 'room']);
const FACT_FIELDS = new Set(['headline', 'summary', 'photoUrl', 'location', 'abstract']);
/** A previous value is kept for undo only up to this size (the sync quota is small). */
const MAX_PREV_CHARS = 300;

/* ---------- naming records the same way on every browser ---------- */

export function speakerRef(s: Pick<Speaker, 'idKeys' | 'name' | 'nameKeys'>): SpeakerRef {
  const ids = [...s.idKeys].sort().slice(0, 3);
  const n = normalizeName(s.name) || s.nameKeys[0] || s.name;
  return ids.length ? { i: ids, n } : { n };
}

export async function talkRef(db: PodiumDb, t: Talk): Promise<TalkRef> {
  const event = t.eventId ? await db.events.get(t.eventId) : undefined;
  if (event) return { t: t.titleKey, e: event.eventKey };
  const first = t.speakerIds[0] ? await db.speakers.get(t.speakerIds[0]) : undefined;
  const y = yearOf(t.date);
  return { t: t.titleKey, ...(y !== undefined ? { y } : {}), ...(first ? { s: speakerRef(first) } : {}) };
}

export const speakerKey = (r: SpeakerRef): string => r.i?.[0] ?? `n:${r.n}`;
const talkKey = (r: TalkRef): string => `${r.t}|${r.e ?? `${r.y ?? ''}|${r.s ? speakerKey(r.s) : ''}`}`;
const targetKey = (on: Target): string => ('s' in on ? `s:${speakerKey(on.s)}` : `t:${talkKey(on.t)}`);

/** The item key of an entry: one per record and field, so two browsers' edits of one field meet as one item. */
export function entryKey(e: RecipeEntry): string {
  const what = e.o === 'merge' || (e.o === 'undone' && e.v) ? `merge:${speakerKey(e.v as SpeakerRef)}` : (e.f ?? '-');
  return `e:${targetKey(e.on)}:${what}`;
}

/* ---------- recording ---------- */

const plainLinks = (links: readonly Link[]) => links.map(({ kind, url, label }) => (label === undefined ? { kind, url } : { kind, url, label }));
const firstFact = <T>(facts: readonly Fact<T>[]): T | null => facts[0]?.value ?? null;

function speakerValue(s: Speaker, f: string): unknown {
  switch (f) {
    case 'name':
      return s.name;
    case 'aliases':
      return s.aliases.map((a) => a.value);
    case 'links':
      return plainLinks(s.links);
    default:
      return firstFact((s as unknown as Record<string, Fact<unknown>[]>)[f] ?? []);
  }
}

const small = (v: unknown) => (JSON.stringify(v) ?? '').length <= MAX_PREV_CHARS;

/** Entries for a hand edit of `before` (the speaker as it was). */
export function speakerEdits(before: Speaker, changes: SpeakerChanges): RecipeEntry[] {
  const on = { s: speakerRef(before) };
  return SPEAKER_FIELDS.filter((f) => changes[f] !== undefined).map((f) => {
    const p = speakerValue(before, f);
    return { o: 'set', on, f, v: changes[f], ...(small(p) ? { p } : {}), l: before.name };
  });
}

/** A talk field's value as the recipe writes it: an event by its key, speakers by their refs. */
async function portableTalkValue(db: PodiumDb, f: string, v: unknown): Promise<unknown> {
  if (f === 'eventId') return typeof v === 'string' ? ((await db.events.get(v))?.eventKey ?? null) : null;
  if (f === 'speakerIds') return (await db.speakers.bulkGet(v as string[])).filter((s): s is Speaker => !!s).map(speakerRef);
  return v;
}

function talkValue(t: Talk, f: string): unknown {
  if (f === 'abstract') return firstFact(t.abstract);
  if (f === 'links') return plainLinks(t.links);
  if (f === 'tags') return [...t.tags];
  return (t as unknown as Record<string, unknown>)[f] ?? null;
}

/** Entries for a hand edit of `before` (the talk as it was). */
export async function talkEdits(db: PodiumDb, before: Talk, changes: TalkChanges): Promise<RecipeEntry[]> {
  const on = { t: await talkRef(db, before) };
  const out: RecipeEntry[] = [];
  for (const f of TALK_FIELDS) {
    if (changes[f] === undefined) continue;
    const p = await portableTalkValue(db, f, talkValue(before, f));
    out.push({ o: 'set', on, f, v: await portableTalkValue(db, f, changes[f]), ...(small(p) ? { p } : {}), l: before.title });
  }
  return out;
}

export const speakerDelete = (s: Speaker): RecipeEntry => ({ o: 'delete', on: { s: speakerRef(s) }, l: s.name });
export const talkDelete = async (db: PodiumDb, t: Talk): Promise<RecipeEntry> => ({ o: 'delete', on: { t: await talkRef(db, t) }, l: t.title });
export const speakerMerge = (keep: Speaker, other: Speaker): RecipeEntry => ({ o: 'merge', on: { s: speakerRef(keep) }, v: speakerRef(other), l: `${other.name} → ${keep.name}` });

/** What undoing an entry's action tells other browsers: a `set` goes back to its value before, when known. */
export function undoneEntry(e: RecipeEntry): RecipeEntry {
  if (e.o === 'set' && 'p' in e) return { o: 'revert', on: e.on, f: e.f!, v: e.p, l: e.l };
  return { o: 'undone', on: e.on, ...(e.f ? { f: e.f } : {}), ...(e.o === 'merge' ? { v: e.v } : {}), l: e.l };
}

/* ---------- checking entries from another browser ---------- */

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;
const isStrList = (v: unknown, max = 500): v is string[] => Array.isArray(v) && v.length <= max && v.every((x) => isStr(x));

function parseSpeakerRef(v: unknown): SpeakerRef | undefined {
  if (!isObj(v) || !isStr(v['n'], 600)) return undefined;
  if (v['i'] !== undefined && !(isStrList(v['i'], 3) && v['i'].length > 0)) return undefined;
  return v['i'] ? { i: v['i'] as string[], n: v['n'] } : { n: v['n'] };
}

function parseTarget(v: unknown): Target | undefined {
  if (!isObj(v)) return undefined;
  if ('s' in v) {
    const s = parseSpeakerRef(v['s']);
    return s ? { s } : undefined;
  }
  const t = v['t'];
  if (!isObj(t) || !isStr(t['t'], 1000)) return undefined;
  const ref: TalkRef = { t: t['t'] };
  if (isStr(t['e'], 1100)) ref.e = t['e'];
  if (typeof t['y'] === 'number' && Number.isInteger(t['y'])) ref.y = t['y'];
  const s = t['s'] === undefined ? undefined : parseSpeakerRef(t['s']);
  if (s) ref.s = s;
  return { t: ref };
}

const place = (v: unknown) => isObj(v) && Object.entries(v).every(([k, x]) => (k === 'city' || k === 'country') && isStr(x, 200));
const links = (v: unknown) => Array.isArray(v) && v.length <= 200 && v.every((l) => isObj(l) && isStr(l['kind'], 20) && isStr(l['url'], 2048) && (l['label'] === undefined || isStr(l['label'], 200)));
const optText = (max: number) => (v: unknown) => v === null || isStr(v, max);

/** What a field's value may be (the message map's checkers in brief: another browser's extension wrote it). */
const FIELD_VALUES: Record<string, (v: unknown) => boolean> = {
  name: (v) => isStr(v, 500) && v.trim() !== '',
  aliases: (v) => isStrList(v, 200),
  headline: optText(1000),
  summary: optText(100_000),
  photoUrl: optText(2048),
  location: (v) => v === null || place(v),
  links,
  title: (v) => isStr(v, 1000) && v.trim() !== '',
  abstract: optText(100_000),
  kind: (v) => (TALK_KINDS as readonly unknown[]).includes(v),
  language: optText(35),
  date: (v) => v === null || (isStr(v, 40) && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)),
  start: (v) => v === null || (isStr(v, 5) && /^\d{2}:\d{2}$/.test(v)),
  end: (v) => v === null || (isStr(v, 5) && /^\d{2}:\d{2}$/.test(v)),
  timeZone: optText(64),
  durationMinutes: (v) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100_000),
  room: optText(200),
  eventId: optText(1100),
  speakerIds: (v) => Array.isArray(v) && v.length <= 100 && v.every((r) => !!parseSpeakerRef(r)),
  tags: (v) => isStrList(v, 200),
};

/** An entry from an untrusted value, or undefined. */
export function parseEntry(raw: unknown): RecipeEntry | undefined {
  if (!isObj(raw) || !['set', 'revert', 'delete', 'merge', 'undone'].includes(raw['o'] as string)) return undefined;
  const on = parseTarget(raw['on']);
  if (!on) return undefined;
  const o = raw['o'] as EntryOp;
  const l = isStr(raw['l'], 1100) ? raw['l'] : '';
  if (o === 'set' || o === 'revert') {
    const f = raw['f'];
    const fields: readonly string[] = 's' in on ? SPEAKER_FIELDS : TALK_FIELDS;
    if (typeof f !== 'string' || !fields.includes(f) || !FIELD_VALUES[f]!(raw['v'])) return undefined;
    // A value before that does not fit the field is dropped, not trusted: its undo then only stops replaying.
    const p = 'p' in raw && FIELD_VALUES[f]!(raw['p']) ? { p: raw['p'] } : {};
    return { o, on, f, v: raw['v'], ...p, l };
  }
  if (o === 'merge') {
    const v = parseSpeakerRef(raw['v']);
    return v && 's' in on ? { o, on, v, l } : undefined;
  }
  return { o, on, l };
}

/* ---------- replaying ---------- */

/** The one stored speaker a ref names: by a strong identifier, else by a name nobody else has. */
export async function findSpeaker(db: PodiumDb, ref: SpeakerRef): Promise<Speaker | undefined> {
  for (const key of ref.i ?? []) {
    const found = await db.speakers.withIdKeys([key]);
    if (found.length === 1) return found[0];
  }
  const named = await db.speakers.withNameKeys([ref.n]);
  return named.length === 1 ? named[0] : undefined;
}

async function findEvent(db: PodiumDb, key: string): Promise<PodiumEvent | undefined> {
  return db.events.where('eventKey').equals(key).first();
}

export async function findTalk(db: PodiumDb, ref: TalkRef): Promise<Talk | undefined> {
  if (ref.e) {
    const event = await findEvent(db, ref.e);
    return event ? (await db.talks.ofEvents([event.id])).find((t) => t.titleKey === ref.t) : undefined;
  }
  const speaker = ref.s && (await findSpeaker(db, ref.s));
  if (!speaker) return undefined;
  return (await db.talks.ofSpeakers([speaker.id])).find((t) => t.titleKey === ref.t && !t.eventId && (ref.y === undefined || yearOf(t.date) === ref.y));
}

/** True when the field holds a value the user set by hand here (imports cannot replace it). */
function heldByHand(r: Speaker | Talk, f: string): boolean {
  if (FACT_FIELDS.has(f)) {
    const facts = (r as unknown as Record<string, Fact<unknown>[]>)[f] ?? [];
    return facts.length === 0 || !!facts[0]?.sources.includes(MANUAL_SOURCE_ID);
  }
  // A name equal to the one stored cannot be pinned by an edit (updateSpeaker ignores it): the value is what counts.
  if (TALK_SCALARS.has(f)) return !!r.pinned?.includes(f);
  return true;
}

const sameList = (x: unknown, y: unknown, ordered: boolean) => {
  const norm = (v: unknown) => (ordered ? canonical(v) : canonical([...(v as unknown[])].map(canonical).sort()));
  return norm(x) === norm(y);
};

/** A speaker edit's change for this archive, or undefined when there is nothing to do. */
function speakerChange(s: Speaker, e: RecipeEntry): SpeakerChanges | undefined {
  const f = e.f as (typeof SPEAKER_FIELDS)[number];
  const now = speakerValue(s, f);
  const same = f === 'aliases' ? sameList(now, e.v, false) : canonical(now) === canonical(e.v);
  if (same && (e.o === 'revert' || heldByHand(s, f))) return undefined;
  return { [f]: e.v } as SpeakerChanges;
}

async function talkChange(db: PodiumDb, t: Talk, e: RecipeEntry): Promise<TalkChanges | undefined> {
  const f = e.f as (typeof TALK_FIELDS)[number];
  let value: unknown = e.v;
  if (f === 'eventId' && e.v !== null) {
    const event = await findEvent(db, e.v as string);
    if (!event) return undefined;
    value = event.id;
  }
  if (f === 'speakerIds') {
    const found = await Promise.all((e.v as SpeakerRef[]).map((r) => findSpeaker(db, r)));
    if (found.some((s) => !s)) return undefined;
    value = found.map((s) => s!.id);
  }
  const now = talkValue(t, f);
  const same = f === 'tags' ? sameList(now, value, false) : canonical(now) === canonical(value);
  if (same && (e.o === 'revert' || heldByHand(t, f))) return undefined;
  return { [f]: value } as TalkChanges;
}

/** What one replay did, for its undo to reach the other browser too. */
export interface Replayed {
  key: string;
  undoId: string;
}

/**
 * Replays entries (items of the recipe, in order of their change) on this
 * archive where their target exists and differs. An entry that no longer
 * fits this archive is skipped, never an error.
 */
export async function replayEntries(db: PodiumDb, items: readonly Item[], onError?: (key: string, e: unknown) => void): Promise<Replayed[]> {
  const done: Replayed[] = [];
  const ordered = [...items].sort((x, y) => x.a - y.a || (x.k < y.k ? -1 : 1));
  for (const item of ordered) {
    const e = parseEntry(item.v);
    if (!e || e.o === 'undone') continue;
    try {
      const undoId = await replay(db, e);
      if (undoId) done.push({ key: item.k, undoId });
    } catch (err) {
      onError?.(item.k, err);
    }
  }
  return done;
}

async function replay(db: PodiumDb, e: RecipeEntry): Promise<string | undefined> {
  if ('s' in e.on) {
    const s = await findSpeaker(db, e.on.s);
    if (!s) return undefined;
    if (e.o === 'delete') return (await deleteSpeaker(db, s.id)).undoId;
    if (e.o === 'merge') {
      const other = await findSpeaker(db, e.v as SpeakerRef);
      return other && other.id !== s.id ? (await mergeSpeakers(db, s.id, other.id)).undoId : undefined;
    }
    const changes = speakerChange(s, e);
    return changes ? (await updateSpeaker(db, s.id, changes)).undoId : undefined;
  }
  const t = await findTalk(db, e.on.t);
  if (!t) return undefined;
  if (e.o === 'delete') return (await deleteTalk(db, t.id)).undoId;
  if (e.o === 'merge') return undefined;
  const changes = await talkChange(db, t, e);
  return changes ? (await updateTalk(db, t.id, changes)).undoId : undefined;
}
