/** Removing a source from the archive, with everything only it said (undoable). */
import * as i18n from '../../shared/i18n';
import type { PodiumDb } from '../db';
import { speakerIdKeys, speakerNameKeys } from './schema';
import { withoutSources } from './strip-source';
import { ChangeSet, undoableTables } from './undo';

/**
 * Removes a source: every fact it alone stated goes, facts other sources
 * also stated stay; a record no source supports any more is deleted (a talk
 * left without speakers too). Undoable like any hand change.
 */
export async function removeSource(db: PodiumDb, sourceId: string) {
  return db.transaction('rw', undoableTables(db), async () => {
    const source = await db.sources.get(sourceId);
    if (!source) throw new Error(i18n.t('popupNotFoundSource', sourceId));
    const cs = new ChangeSet();
    const removing = new Set([sourceId]);
    const removed = { speakers: 0, talks: 0, events: 0 };
    const gone = new Set<string>();
    const cited = <T extends { sources: string[] }>(rows: T[]) => rows.filter((r) => JSON.stringify(r).includes(`"${sourceId}"`));
    for (const s of cs.track('speakers', cited(await db.speakers.toArray()))) {
      withoutSources(s, removing);
      if (s.sources.length === 0) {
        cs.remove('speakers', s);
        gone.add(s.id);
        removed.speakers++;
        continue;
      }
      s.nameKeys = speakerNameKeys(s);
      s.idKeys = speakerIdKeys(s);
      cs.put('speakers', s);
    }
    for (const e of cs.track('events', cited(await db.events.toArray()))) {
      withoutSources(e, removing);
      if (e.sources.length === 0) {
        cs.remove('events', e);
        removed.events++;
      } else cs.put('events', e);
    }
    const talks = await db.talks.toArray();
    const affected = talks.filter((t) => t.speakerIds.some((x) => gone.has(x)) || JSON.stringify(t).includes(`"${sourceId}"`));
    for (const t of cs.track('talks', affected)) {
      withoutSources(t, removing);
      t.speakerIds = t.speakerIds.filter((x) => !gone.has(x));
      if (t.sources.length === 0 || t.speakerIds.length === 0) {
        cs.remove('talks', t);
        removed.talks++;
      } else cs.put('talks', t);
    }
    // The source record itself stays: undo restores facts that cite it (the undo log covers speakers, talks and events).
    const undoId = await cs.commit(db, i18n.t('popupUndoRemoveSource', source.name));
    return { undoId, removed };
  });
}
