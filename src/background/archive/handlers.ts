/**
 * The worker's archive handlers: one entry per archive method of the message
 * map, each with the checker for its parameters (shape and size). The
 * router (router.ts) checks the sender before any of these run; the matcher
 * adds its own methods (matcher/handlers.ts).
 */
import { ARCHIVE_TABLES, checkImportBundle, LIMITS, MAX_SLICE_RECORDS } from '../../shared/archive-format';
import browser from '../../shared/browser';
import type { ArchiveCalls } from '../../shared/messages';
import { LINK_KINDS, TALK_KINDS } from '../../shared/types';
import { arr, type Check, empty, literal, num, obj, optional, str, ValidationError } from '../../shared/validate';
import { importBundle } from './merge';
import { counts, findSpeakers, getEvent, getTalk, speakerWithTalks, talksForExport } from './queries';
import { removeSource } from './remove-source';
import { ArchiveImports, clearArchive, exportArchive, exportArchiveBegin, exportArchiveSlice, importArchive } from './transfer';
import { undoHistory } from './undo';
import type { PodiumDb } from '../db';
import type { AreaHandlers } from '../router';
import { SAMPLE_BUNDLES } from '../sample-archive';
import { searchService } from '../search/service';
import { applyEditRecipe, recordingEdits, thenApplyRecipe } from '../sync';

const id = str({ min: 1, max: LIMITS.id });
const short = str({ max: LIMITS.short });
const clearable = <T>(c: Check<T>): Check<T | null | undefined> => (v, p) => (v === null ? null : optional(c)(v, p));
const place = obj({ city: optional(short), country: optional(short) });
const links = arr(
  obj({
    kind: literal(...LINK_KINDS),
    url: str({ min: 1, max: LIMITS.url }),
    label: optional(short),
  }),
  { max: 200 },
);

const speakerChanges = obj({
  name: optional(str({ min: 1, max: LIMITS.name })),
  aliases: optional(arr(str({ min: 1, max: LIMITS.name }), { max: 200 })),
  headline: clearable(str({ max: 1000 })),
  summary: clearable(str({ max: LIMITS.text })),
  photoUrl: clearable(str({ min: 1, max: LIMITS.url })),
  location: clearable(place),
  links: optional(links),
});

const date: Check<string> = (v, p) => {
  const s = str({ max: 40 })(v, p);
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) throw new ValidationError(p, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD');
  return s;
};
const time: Check<string> = (v, p) => {
  const s = str({ max: 40 })(v, p);
  if (!/^\d{2}:\d{2}$/.test(s)) throw new ValidationError(p, 'expected a time as HH:MM');
  return s;
};

const talkChanges = obj({
  title: optional(str({ min: 1, max: 1000 })),
  abstract: clearable(str({ max: LIMITS.text })),
  kind: optional(literal(...TALK_KINDS)),
  language: clearable(str({ min: 1, max: 35 })),
  date: clearable(date),
  start: clearable(time),
  end: clearable(time),
  timeZone: clearable(str({ min: 1, max: 64 })),
  durationMinutes: clearable(num({ min: 0, max: 100_000 })),
  room: clearable(short),
  eventId: clearable(id),
  speakerIds: optional(arr(id, { max: 100 })),
  tags: optional(arr(short, { max: 200 })),
  links: optional(links),
});

/** Any object; the handler checks it in full (an archive document is too big to check twice). */
const anyObject: Check<object> = (v, p) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValidationError(p, 'expected a Podium archive document');
  return v;
};

/** Any value; the commit checks the assembled document in full. */
const anyValue: Check<unknown> = (v) => v;
const importId = str({ min: 1, max: 64 });
const exportCursor = obj({
  revision: num({ integer: true, min: 0 }),
  table: literal(...ARCHIVE_TABLES),
  after: optional(str({ min: 1, max: LIMITS.id })),
});

/** Builds the archive handlers over one database. */
export function createArchiveHandlers(db: PodiumDb): AreaHandlers<ArchiveCalls> {
  const imports = new ArchiveImports(db);
  // Hand edits join the sync recipe; imports replay it afterwards (src/background/sync).
  const edits = recordingEdits(db);
  return {
    ping: {
      params: empty,
      run: async () => ({ version: browser.runtime.getManifest().version, counts: await counts(db) }),
    },
    counts: { params: empty, run: () => counts(db) },
    getSpeaker: { params: obj({ id }), run: ({ id }) => speakerWithTalks(db, id) },
    findSpeakers: {
      params: obj({ names: arr(str({ max: 200 }), { max: 2000 }) }),
      run: ({ names }) => findSpeakers(db, names),
    },
    importBundle: {
      params: obj({ bundle: checkImportBundle }),
      run: ({ bundle }) => thenApplyRecipe(db, () => importBundle(db, bundle)),
    },
    exportArchive: { params: empty, run: () => exportArchive(db) },
    importArchive: {
      params: obj({ document: anyObject, mode: literal('replace', 'merge') }),
      run: ({ document, mode }) => thenApplyRecipe(db, () => importArchive(db, document, mode)),
    },
    exportArchiveBegin: { params: empty, run: () => exportArchiveBegin(db) },
    exportArchiveSlice: {
      params: obj({ cursor: exportCursor, limit: optional(num({ integer: true, min: 1, max: MAX_SLICE_RECORDS })) }),
      run: ({ cursor, limit }) => exportArchiveSlice(db, cursor, limit),
    },
    importArchiveBegin: {
      params: obj({ mode: literal('replace', 'merge'), head: anyObject as Check<Record<string, unknown>> }),
      run: ({ mode, head }) => imports.begin(mode, head),
    },
    importArchiveSlice: {
      params: obj({ importId, table: literal(...ARCHIVE_TABLES), records: arr(anyValue, { max: MAX_SLICE_RECORDS }) }),
      run: ({ importId, table, records }) => imports.add(importId, table, records),
    },
    importArchiveCommit: { params: obj({ importId }), run: ({ importId }) => thenApplyRecipe(db, () => imports.commit(importId)) },
    importArchiveAbort: { params: obj({ importId }), run: ({ importId }) => imports.abort(importId) },
    updateSpeaker: {
      params: obj({ id, changes: speakerChanges }),
      run: ({ id, changes }) => edits.updateSpeaker(id, changes),
    },
    updateTalk: {
      params: obj({ id, changes: talkChanges }),
      run: ({ id, changes }) => edits.updateTalk(id, changes),
    },
    deleteSpeaker: { params: obj({ id }), run: ({ id }) => edits.deleteSpeaker(id) },
    deleteTalk: { params: obj({ id }), run: ({ id }) => edits.deleteTalk(id) },
    mergeSpeakers: {
      params: obj({ keepId: id, otherId: id }),
      run: ({ keepId, otherId }) => edits.mergeSpeakers(keepId, otherId),
    },
    splitSpeaker: {
      params: obj({
        id,
        talkIds: arr(id, { max: 10_000 }),
        name: optional(str({ min: 1, max: LIMITS.name })),
        idKeys: optional(arr(str({ min: 1, max: 300 }), { max: 100 })),
        aliases: optional(arr(str({ min: 1, max: LIMITS.name }), { max: 200 })),
      }),
      run: ({ id, ...req }) => edits.splitSpeaker(id, req),
    },
    undo: { params: obj({ id: optional(id) }), run: ({ id }) => edits.undo(id) },
    undoHistory: { params: empty, run: () => undoHistory(db) },
    loadSample: {
      params: empty,
      run: async () => {
        for (const bundle of SAMPLE_BUNDLES) await importBundle(db, bundle);
        await applyEditRecipe(db).catch(() => undefined);
        return counts(db);
      },
    },
    clearArchive: {
      params: empty,
      run: async () => {
        await clearArchive(db);
        // The stored search index would otherwise answer with the old words after a worker restart.
        await searchService(db).clearStored();
        return counts(db);
      },
    },
    getTalk: { params: obj({ id }), run: ({ id }) => getTalk(db, id) },
    getEvent: { params: obj({ id }), run: ({ id }) => getEvent(db, id) },
    removeSource: { params: obj({ id }), run: ({ id }) => removeSource(db, id) },
    talksForExport: { params: obj({ ids: arr(id, { max: 5000 }) }), run: ({ ids }) => talksForExport(db, ids) },
  };
}
