/**
 * A subscribed schedule, read again, into the archive: what the schedule says
 * now replaces what it said last time, and nothing else changes.
 *
 * - The talks, people and event the last reading wrote ("candidates", found
 *   from the talks it listed) lose the facts only that reading's sources
 *   stated; then the new reading merges in by the usual rules
 *   (archive/merge.ts), each listed talk matched first by its platform key
 *   (so a retitled talk stays one talk). A moved talk gets its new time and
 *   room, a replaced speaker leaves the talk, a new talk is added.
 * - Candidates the new reading does not mention are put back exactly as they
 *   were; a talk no longer listed is marked `withdrawn`, never deleted, and
 *   loses the mark if it comes back.
 * - The user's own edits stay: facts cite the `manual` source (not stripped),
 *   pinned fields are never replaced (including a talk's speakers chosen by
 *   hand), and a talk the user deleted is not created again.
 *
 * All of it runs in one transaction: a failure leaves the archive as it was.
 */
import type { RefreshSummary } from '../../shared/subscriptions';
import type { ImportBundle, PodiumEvent, Speaker, Talk } from '../../shared/types';
import type { PodiumDb } from '../db';
import { type Incoming, recordsFromBundle } from '../archive/drafts';
import { canonical } from '../archive/facts';
import { stamp } from '../archive/ids';
import { mergeIncomingBatch, type MergePlan } from '../archive/merge';
import { withoutSources } from '../archive/strip-source';

/** What the last refresh left: where each listed talk went, and the sources it cited. */
export interface Snapshot {
  /** Talk key (platform id, or `title:` + normalised title) → archive talk id. */
  talks: Record<string, string>;
  sourceIds: string[];
}

export interface RefreshOutcome {
  summary: RefreshSummary;
  /** The schedule's talks in the archive now: listed by this reading, and withdrawn (earlier ones it no longer lists). */
  listed: { talks: number; withdrawn: number };
  snapshot: Snapshot;
  warnings: string[];
}

/** The key a listed talk is found again by: its platform id, else its normalised title. */
const keyOf = (key: string | undefined, titleKey: string) => key ?? `title:${titleKey}`;

const BOOKKEEPING = new Set(['sources']);

/** What a record says, without who said it or when: a record whose content is equal did not change. */
function content(r: object): string {
  const { updatedAt: _u, createdAt: _c, withdrawn: _w, ...rest } = r as Talk;
  return canonical(rest, BOOKKEEPING);
}

/** Variants no source states any more (the value a refresh replaced) are dropped. */
function dropOrphanVariants(r: { variants?: { sources: string[] }[] }): boolean {
  if (!r.variants) return false;
  const kept = r.variants.filter((v) => v.sources.length > 0);
  if (kept.length === r.variants.length) return false;
  if (kept.length) r.variants = kept as typeof r.variants;
  else delete r.variants;
  return true;
}

export async function applyRefresh(db: PodiumDb, bundles: readonly ImportBundle[], previous: Snapshot, now: Date = new Date()): Promise<RefreshOutcome> {
  const at = stamp(now);
  const gone = new Set(previous.sourceIds);
  return db.transaction('rw', [db.sources, ...db.speakers.scope, db.events, ...db.talks.scope, db.meta], async () => {
    /* ---- candidates: what the last reading wrote, as stored now ---- */
    const prevIds = [...new Set(Object.values(previous.talks))];
    const prevIdSet = new Set(prevIds);
    const stored = await db.talks.bulkGet(prevIds);
    const oldTalks = stored.filter((t): t is Talk => !!t);
    const deletedIds = new Set(prevIds.filter((_, i) => !stored[i]));
    const oldSpeakers = (await db.speakers.bulkGet([...new Set(oldTalks.flatMap((t) => t.speakerIds))])).filter((s): s is Speaker => !!s);
    const oldEvents = (await db.events.bulkGet([...new Set(oldTalks.flatMap((t) => (t.eventId ? [t.eventId] : [])))])).filter((e): e is PodiumEvent => !!e);
    const original = {
      talks: new Map(oldTalks.map((t) => [t.id, structuredClone(t)])),
      speakers: new Map(oldSpeakers.map((s) => [s.id, structuredClone(s)])),
      events: new Map(oldEvents.map((e) => [e.id, structuredClone(e)])),
    };

    /* ---- the new reading, each talk aimed at the record its key had ---- */
    const warnings: string[] = [];
    const batch: Incoming[] = [];
    const keyOfIncoming = new Map<string, string>();
    const aimed = new Set<string>();
    const singleEvent = oldEvents.length === 1 && bundles.reduce((n, b) => n + b.events.length, 0) === 1 ? oldEvents[0]!.id : undefined;
    bundles.forEach((bundle, i) => {
      const { incoming, warnings: w } = recordsFromBundle(bundle, at, bundles.length > 1 ? `${i}.` : '');
      warnings.push(...bundle.warnings, ...w);
      const kept: Talk[] = [];
      incoming.talks.forEach((t, j) => {
        const key = keyOf(bundle.talks[j]?.key, t.titleKey);
        const was = previous.talks[key];
        // A talk the user deleted stays deleted.
        if (was && deletedIds.has(was)) return;
        if (was && !aimed.has(was)) {
          aimed.add(was);
          t.id = was;
        }
        keyOfIncoming.set(t.id, key);
        kept.push(t);
      });
      incoming.talks = kept;
      // The schedule's own event stays the same record when renamed.
      if (singleEvent && incoming.events.length === 1) {
        const from = incoming.events[0]!.id;
        incoming.events[0]!.id = singleEvent;
        for (const t of incoming.talks) if (t.eventId === from) t.eventId = singleEvent;
      }
      batch.push(incoming);
    });

    /* ---- take the last reading's facts out of the candidates ---- */
    const manual = new Set((await db.sources.bulkGet([...new Set([...oldTalks, ...oldSpeakers].flatMap((r) => r.sources))])).filter((s) => s?.kind === 'manual').map((s) => s!.id));
    const strippedTalks = oldTalks.map((t) => {
      const s = withoutSources(structuredClone(t), gone);
      // Speakers come from the new reading, unless another source or the user named them.
      if (!s.pinned?.includes('speakerIds') && s.sources.every((x) => manual.has(x))) s.speakerIds = [];
      return s;
    });
    await Promise.all([
      db.talks.bulkPut(strippedTalks),
      db.speakers.bulkPut(oldSpeakers.map((s) => withoutSources(structuredClone(s), gone))),
      db.events.bulkPut(oldEvents.map((e) => withoutSources(structuredClone(e), gone))),
    ]);

    /* ---- merge by the usual rules ---- */
    let plan: MergePlan | undefined;
    const result = await mergeIncomingBatch(db, batch, {
      matchById: true,
      now,
      beforeWrite: async (p) => {
        plan = p;
        // Other stored talks the reading merges into (another source's), as they were, to count real changes.
        const others = p.merged.talks.filter((id) => !original.talks.has(id));
        for (const t of await db.talks.bulkGet(others)) if (t) original.talks.set(t.id, structuredClone(t));
      },
    });
    warnings.push(...result.warnings);
    const touched = {
      talks: new Set(plan!.talkMap.values()),
      speakers: new Set(plan!.speakerMap.values()),
      events: new Set(plan!.eventMap.values()),
    };

    /* ---- what the new reading does not mention goes back as it was ---- */
    const summary: RefreshSummary = { added: plan!.created.talks.length, updated: 0, withdrawn: 0, restored: 0, unchanged: 0 };
    const restoreTalks: Talk[] = [];
    for (const t of original.talks.values()) {
      if (touched.talks.has(t.id) || !prevIdSet.has(t.id)) continue;
      if (!t.withdrawn) {
        t.withdrawn = at;
        t.updatedAt = at;
        summary.withdrawn++;
      }
      restoreTalks.push(t);
    }
    const restoreSpeakers = [...original.speakers.values()].filter((s) => !touched.speakers.has(s.id));
    const restoreEvents = [...original.events.values()].filter((e) => !touched.events.has(e.id));
    await Promise.all([db.talks.bulkPut(restoreTalks), db.speakers.bulkPut(restoreSpeakers), db.events.bulkPut(restoreEvents)]);

    /* ---- tidy what it does mention, and count; what did not change goes back as it was ---- */
    const merged = plan!.merged.talks;
    const after = (await db.talks.bulkGet(merged)).filter((t): t is Talk => !!t);
    const fixed: Talk[] = [];
    for (const t of after) {
      const changed = dropOrphanVariants(t);
      const before = original.talks.get(t.id);
      const same = !!before && content(before) === content(t);
      if (t.withdrawn) {
        delete t.withdrawn;
        summary.restored++;
        fixed.push(t);
      } else if (same && prevIdSet.has(t.id)) {
        // Unchanged: the record keeps citing the reading that said it first, and its `updatedAt` (undo checks it).
        summary.unchanged++;
        restoreTalks.push(before);
        fixed.push(before);
      } else {
        if (same) summary.unchanged++;
        else summary.updated++;
        if (changed) fixed.push(t);
      }
    }
    const unchangedRecords = async <T extends { id: string }>(ids: string[], table: { bulkGet(ids: string[]): Promise<(T | undefined)[]> }, originals: Map<string, T>) =>
      (await table.bulkGet(ids)).flatMap((r) => {
        const before = r && originals.get(r.id);
        return before && content(before) === content(r) ? [before] : [];
      });
    const sameSpeakers = await unchangedRecords(plan!.merged.speakers, db.speakers, original.speakers);
    const sameEvents = await unchangedRecords(plan!.merged.events, db.events, original.events);
    restoreSpeakers.push(...sameSpeakers);
    restoreEvents.push(...sameEvents);
    const sameEventIds = new Set(sameEvents.map((e) => e.id));
    const events = (await db.events.bulkGet(plan!.merged.events.filter((id) => !sameEventIds.has(id)))).filter((e): e is PodiumEvent => !!e && dropOrphanVariants(e));
    await Promise.all([db.talks.bulkPut(fixed), db.speakers.bulkPut(sameSpeakers), db.events.bulkPut([...events, ...sameEvents])]);

    /* ---- the snapshot the next refresh starts from ---- */
    const talks: Record<string, string> = {};
    // Withdrawn and deleted talks keep their keys: they are found again if listed again.
    for (const [key, id] of Object.entries(previous.talks)) if (!touched.talks.has(id)) talks[key] = id;
    for (const [incomingId, id] of plan!.talkMap) {
      const key = keyOfIncoming.get(incomingId);
      if (key) talks[key] = id;
    }
    // Sources of earlier readings stay listed while a record put back still cites them.
    const cited = new Set<string>();
    for (const r of [...restoreTalks, ...restoreSpeakers, ...restoreEvents]) for (const s of r.sources) cited.add(s);
    const sourceIds = [...new Set([...plan!.sourceIds, ...previous.sourceIds.filter((s) => cited.has(s))])];
    const listed = { talks: touched.talks.size, withdrawn: oldTalks.filter((t) => !touched.talks.has(t.id)).length };
    return { summary, listed, snapshot: { talks, sourceIds }, warnings: [...new Set(warnings)] };
  });
}
