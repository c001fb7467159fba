/**
 * The matching stage of a merge (merge.ts): decides in memory which known
 * event, person and talk each incoming one is, merging into it or creating a
 * new record. Kept apart from the reads and writes so the rules for "the
 * same" (listed in merge.ts) live in one place, with the state they share.
 */
import type { MergeCounts } from '../../shared/archive-format';
import * as i18n from '../../shared/i18n';
import type { PodiumEvent, Speaker, Talk } from '../../shared/types';
import type { PodiumDb } from '../db';
import type { Incoming } from './drafts';
import { newId } from './ids';
import type { IncomingSources, StoredCandidates } from './merge-candidates';
import { absorbEvent, absorbSpeaker, absorbTalk, identifiersConflict, talkYear } from './records';

/** Multi-valued index kept in memory while matching: key → record ids. */
class KeyIndex {
  private map = new Map<string, Set<string>>();
  add(keys: readonly string[], id: string): void {
    for (const k of keys) {
      let ids = this.map.get(k);
      if (!ids) this.map.set(k, (ids = new Set()));
      ids.add(id);
    }
  }
  remove(keys: readonly string[], id: string): void {
    for (const k of keys) this.map.get(k)?.delete(id);
  }
  get(keys: readonly string[]): string[] {
    if (keys.length === 1) {
      const ids = this.map.get(keys[0]!);
      return ids ? [...ids] : [];
    }
    const out = new Set<string>();
    for (const k of keys) for (const id of this.map.get(k) ?? []) out.add(id);
    return [...out];
  }
}

/** One table's side of a merge. */
export interface Matched<T> {
  /** Archive id → record: the stored candidates, then those this merge creates. Merged ones are changed in place. */
  readonly byId: Map<string, T>;
  /** Incoming id (`new:sp:3`, see drafts.ts) → archive id it becomes or merges into. */
  readonly map: Map<string, string>;
  /** Archive ids this merge writes, in the order matching reached them. */
  readonly touched: Set<string>;
  readonly counts: MergeCounts;
}

/**
 * What the stages after the reads share: one merge's inputs and its growing
 * result. Each set of a batch is matched against all of it, so what earlier
 * sets created is found like stored records.
 */
export interface MergeContext {
  readonly db: PodiumDb;
  /** Stamp of the records this merge creates or changes. */
  readonly at: string;
  /** See `MergeOptions.matchById` (merge.ts). */
  readonly matchById: boolean;
  /** Warnings for the import result (namesakes kept apart). */
  readonly warnings: string[];
  readonly sources: IncomingSources;
  readonly stored: StoredCandidates;
  readonly events: Matched<PodiumEvent> & { readonly keys: KeyIndex };
  readonly speakers: Matched<Speaker> & { readonly names: KeyIndex; readonly idKeys: KeyIndex };
  readonly talks: Matched<Talk> & { readonly titles: KeyIndex };
}

/** Builds the context: the stored candidates, indexed by what incoming records are matched on. */
export function startMatching(run: Pick<MergeContext, 'db' | 'at' | 'matchById' | 'warnings'>, sources: IncomingSources, stored: StoredCandidates): MergeContext {
  const matched = <T>(): Matched<T> => ({ byId: new Map(), map: new Map(), touched: new Set(), counts: { created: 0, merged: 0 } });
  const ctx: MergeContext = {
    ...run,
    sources,
    stored,
    events: { ...matched<PodiumEvent>(), keys: new KeyIndex() },
    speakers: { ...matched<Speaker>(), names: new KeyIndex(), idKeys: new KeyIndex() },
    talks: { ...matched<Talk>(), titles: new KeyIndex() },
  };
  for (const e of stored.events) trackEvent(ctx, e);
  for (const s of stored.speakers.values()) trackSpeaker(ctx, s);
  for (const t of stored.talks.values()) trackTalk(ctx, t);
  return ctx;
}

/** Events: the same id (when matching by id), else the same key (normalised name and year). */
export function matchEvents(ctx: MergeContext, group: Incoming): void {
  const { events, matchById, at } = ctx;
  for (const e of group.events) {
    const target = (matchById ? events.byId.get(e.id) : undefined) ?? events.byId.get(events.keys.get([e.eventKey])[0] ?? '');
    if (target) {
      absorbEvent(ctx.sources.rank, target, e, at);
      settle(events, e.id, target.id, 'merged');
    } else {
      const id = matchById && !e.id.startsWith('new:') ? e.id : newId('ev');
      trackEvent(ctx, { ...e, id, createdAt: matchById ? e.createdAt : at, updatedAt: matchById ? e.updatedAt : at });
      settle(events, e.id, id, 'created');
    }
  }
}

/** Time slices of a long matching: `pause` lets the worker answer its messages. */
export interface Breather {
  due(): boolean;
  pause(): Promise<void>;
}

/** People: see {@link resolveSpeaker}. A merged person is re-indexed, having gained names and identifiers. */
export async function matchSpeakers(ctx: MergeContext, group: Incoming, breather?: Breather): Promise<void> {
  const { speakers, matchById, at } = ctx;
  const contextHits = talkContext(ctx, group);
  for (const s of group.speakers) {
    if (breather?.due()) await breather.pause();
    const target = resolveSpeaker(ctx, s, contextHits);
    if (target) {
      speakers.names.remove(target.nameKeys, target.id);
      speakers.idKeys.remove(target.idKeys, target.id);
      absorbSpeaker(ctx.sources.rank, target, s, at);
      trackSpeaker(ctx, target);
      settle(speakers, s.id, target.id, 'merged');
    } else {
      const id = matchById && !s.id.startsWith('new:') && !speakers.byId.has(s.id) ? s.id : newId('sp');
      trackSpeaker(ctx, { ...s, id, createdAt: matchById ? s.createdAt : at, updatedAt: matchById ? s.updatedAt : at });
      settle(speakers, s.id, id, 'created');
    }
  }
}

/**
 * Talks, once their set's events and people are matched: each is pointed at
 * the archive ids of its event and speakers, then merged into a known talk
 * of the same title that {@link sameTalk} accepts, or created.
 */
export function matchTalks(ctx: MergeContext, group: Incoming): void {
  const { talks, matchById, at } = ctx;
  for (const raw of group.talks) {
    const eventId = raw.eventId === undefined ? undefined : ctx.events.map.get(raw.eventId);
    const t: Talk = { ...raw, speakerIds: [...new Set(raw.speakerIds.map((id) => ctx.speakers.map.get(id) ?? id))] };
    if (eventId) t.eventId = eventId;
    else delete t.eventId;
    const target =
      (matchById ? talks.byId.get(t.id) : undefined) ??
      talks.titles
        .get([t.titleKey])
        .map((id) => talks.byId.get(id)!)
        .find((c) => sameTalk(ctx, c, t));
    if (target) {
      absorbTalk(ctx.sources.rank, target, t, at, (x, y) => sameSpeaker(ctx, x, y));
      settle(talks, raw.id, target.id, 'merged');
    } else {
      const id = matchById && !t.id.startsWith('new:') && !talks.byId.has(t.id) ? t.id : newId('tk');
      if (matchById) t.id = id;
      else Object.assign(t, { id, createdAt: at, updatedAt: at });
      trackTalk(ctx, t);
      settle(talks, raw.id, id, 'created');
    }
  }
}

/** Records that incoming record `from` became archive record `to`, which the merge will write. */
function settle<T>(m: Matched<T>, from: string, to: string, how: keyof MergeCounts): void {
  m.map.set(from, to);
  m.touched.add(to);
  m.counts[how]++;
}

function trackEvent(ctx: MergeContext, e: PodiumEvent): void {
  ctx.events.byId.set(e.id, e);
  ctx.events.keys.add([e.eventKey], e.id);
}

function trackSpeaker(ctx: MergeContext, s: Speaker): void {
  ctx.speakers.byId.set(s.id, s);
  ctx.speakers.names.add(s.nameKeys, s.id);
  ctx.speakers.idKeys.add(s.idKeys, s.id);
}

function trackTalk(ctx: MergeContext, t: Talk): void {
  ctx.talks.byId.set(t.id, t);
  ctx.talks.titles.add([t.titleKey], t.id);
}

/**
 * The known person an incoming one is: the same id (when matching by id),
 * else one sharing an identifier, else the only namesake without a
 * conflicting identifier. Among several namesakes the one credited with
 * more of the person's talks wins; a tie keeps them apart, with a warning.
 */
function resolveSpeaker(ctx: MergeContext, s: Speaker, contextHits: (incomingId: string, candidate: string) => number): Speaker | undefined {
  const { speakers } = ctx;
  if (ctx.matchById && speakers.byId.has(s.id)) return speakers.byId.get(s.id);
  const compatible = (ids: string[]) => ids.map((id) => speakers.byId.get(id)!).filter((c) => !identifiersConflict(c, s) && !identifiersConflict(s, c));
  const byIdentifier = compatible(speakers.idKeys.get(s.idKeys));
  if (byIdentifier.length > 0) return byIdentifier[0];
  const byName = compatible(speakers.names.get(s.nameKeys));
  if (byName.length <= 1) return byName[0];
  const scored = byName.map((c) => ({ c, hits: contextHits(s.id, c.id) })).sort((a, b) => b.hits - a.hits);
  if (scored[0]!.hits > 0 && scored[0]!.hits > scored[1]!.hits) return scored[0]!.c;
  ctx.warnings.push(i18n.t('importWarnSameNameKeptApart', byName.length, s.name));
  return undefined;
}

/**
 * Talk context for telling namesakes apart: how many known talks (stored, or
 * created by earlier sets of the batch) that could be one of an incoming
 * person's talks are credited to a candidate. The titles are gathered on
 * first use: only people whose name several candidates share need them.
 */
function talkContext(ctx: MergeContext, group: Incoming): (incomingId: string, candidate: string) => number {
  let titlesOf: Map<string, Set<string>> | undefined;
  return (incomingId, candidate) => {
    if (!titlesOf) {
      titlesOf = new Map();
      for (const t of group.talks) for (const sid of t.speakerIds) (titlesOf.get(sid) ?? titlesOf.set(sid, new Set()).get(sid)!).add(t.titleKey);
    }
    let hits = 0;
    for (const key of titlesOf.get(incomingId) ?? []) for (const id of ctx.talks.titles.get([key])) if (ctx.talks.byId.get(id)!.speakerIds.includes(candidate)) hits++;
    return hits;
  };
}

/** Same person for talk matching: the same id, or a shared name without conflicting identifiers. */
function sameSpeaker(ctx: MergeContext, x: string, y: string): boolean {
  if (x === y) return true;
  const a = ctx.speakers.byId.get(x) ?? ctx.stored.others.get(x);
  const b = ctx.speakers.byId.get(y) ?? ctx.stored.others.get(y);
  return !!a && !!b && a.nameKeys.some((k) => b.nameKeys.includes(k)) && !identifiersConflict(a, b);
}

/** Same talk, given the same title: no differing years, and overlapping speakers (or, without speakers, the same event). */
function sameTalk(ctx: MergeContext, a: Talk, b: Talk): boolean {
  const eventOf = (t: Talk) => (t.eventId ? (ctx.events.byId.get(t.eventId) ?? ctx.stored.otherEvents.get(t.eventId)) : undefined);
  const ya = talkYear(a, eventOf(a));
  const yb = talkYear(b, eventOf(b));
  if (ya !== undefined && yb !== undefined && ya !== yb) return false;
  if (a.speakerIds.length === 0 || b.speakerIds.length === 0) return !!a.eventId && a.eventId === b.eventId;
  return a.speakerIds.some((x) => b.speakerIds.some((y) => sameSpeaker(ctx, x, y)));
}
