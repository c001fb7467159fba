/**
 * Keeps the search index current and persisted. The index is stored in a
 * small database of its own (`<archive>-search`) with the archive revision
 * it matches (archive/revision.ts), so a restarted worker loads it at once.
 *
 * Incremental updates: a Dexie middleware on the archive database notes the
 * records every committed write touched (imports, edits, merges, undo,
 * archive imports) with the values it wrote, with no change to the
 * archive's code. The next search (or a timer) replaces those documents from
 * the committed values, without reading the archive back: after a big
 * import the new words are searchable about as soon as the merge commits.
 * A cleared table, or a large change whose values are not known, rebuilds.
 */
import Dexie, { type DBCoreMutateRequest, type EntityTable, type Table } from 'dexie';
import { Slices } from '../slices';
import { afterCommit, followWrites } from '../archive/committed-writes';
import type { BucketTable } from '../archive/bucket-store';
import type { SearchResults, SearchStatus } from '../../shared/messages';
import type { PodiumEvent, Speaker, Talk } from '../../shared/types';
import { getRevision, REVISION_KEY } from '../archive/revision';
import { importSessionBusy, onImportSessionStarted, onImportSessionsSettled, SESSION_QUIET_MS } from '../archive/import-activity';
import type { PodiumDb } from '../db';
import { eventDoc, eventFromShared, eventShared, speakerDoc, talkDoc } from './documents';
import { SearchIndex, type SerializedIndex } from './search-index';

interface StoredIndex {
  key: 'current';
  archiveRevision: number;
  builtAt: string;
  index: SerializedIndex;
}

class SearchStoreDb extends Dexie {
  indexes!: EntityTable<StoredIndex, 'key'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ indexes: '&key' });
  }
}

const WATCHED = new Set(['events']);
/** Archives up to this many talks are indexed before a first search is answered (well under a second). */
const WAIT_FOR_BUILD_TALKS = 5000;
/** Pending records a search applies before answering; above, it answers from the index as it is (see `answersStale`). */
const SMALL_CHANGE = 500;
const PAGE = 5000;
/** Committed values kept for pending changes; past this, the rest are read back (memory stays bounded). */
const KNOWN_MAX = 400_000;

type ArchiveRecord = Speaker | Talk | PodiumEvent;

/**
 * Records changed since the index last read them, by table and id: the
 * value committed, `null` when deleted, `undefined` when it is to be read
 * back (not kept past {@link KNOWN_MAX}).
 */
class Changes {
  constructor(private readonly knownMax: number) {}
  readonly speakers = new Map<string, Speaker | null | undefined>();
  readonly talks = new Map<string, Talk | null | undefined>();
  readonly events = new Map<string, PodiumEvent | null | undefined>();
  /** Records whose value has to be read back. */
  unread = 0;
  get size(): number {
    return this.speakers.size + this.talks.size + this.events.size;
  }
  note(table: string, ids: readonly unknown[], values: readonly ArchiveRecord[] | null): void {
    const map = (table === 'speakers' ? this.speakers : table === 'talks' ? this.talks : table === 'events' ? this.events : undefined) as
      | Map<string, ArchiveRecord | null | undefined>
      | undefined;
    if (!map) return;
    const keep = this.size < this.knownMax;
    ids.forEach((id, i) => {
      if (typeof id !== 'string') return;
      if (map.has(id) && map.get(id) === undefined) this.unread--;
      // A value not kept must not leave an older one standing in for it.
      const value = keep ? (values ? values[i] : null) : undefined;
      if (value === undefined) this.unread++;
      map.set(id, value);
    });
  }
}

/** The archive revision a write to `meta` puts, if it puts one. */
function revisionWritten(req: DBCoreMutateRequest): number | undefined {
  if (req.type !== 'put') return undefined;
  const row = req.values.find((v: { key?: string }) => v?.key === REVISION_KEY) as { value?: unknown } | undefined;
  return typeof row?.value === 'number' ? row.value : undefined;
}

/** Reads a whole table in pages of primary keys, each page its own transaction, handing each page over before reading the next. */
async function readPages<T extends { id: string }>(table: Table<T, string, any>, size: number, visit: (rows: T[]) => Promise<void>): Promise<void> {
  let batch = await table.orderBy(':id').limit(size).toArray();
  while (batch.length) {
    await visit(batch);
    if (batch.length < size) break;
    batch = await table.where(':id').above(batch[batch.length - 1]!.id).limit(size).toArray();
  }
}

/**
 * A large write transaction (an import's merge) indexed while the database
 * writes it: each write's documents go into a copy of the index as the write
 * starts, and the copy is compacted before the transaction commits. Once it
 * commits, the copy takes the index's place. Indexing 150,000 documents
 * after the commit made the new words wait 6–10 s more; done while the
 * database writes, they answer within a second of the commit in Chromium.
 * On two cores the merge takes some of that time longer: the worker waits on
 * IndexedDB for much of it, but the database's own threads keep the other
 * core busy.
 *
 * Only what needs no reading: a transaction that removes records, or renames
 * an event whose other talks show its name, or writes while the index has
 * changes pending, is left to the usual path (`applyDirty`).
 */
interface Ahead {
  trans: IDBTransaction;
  /** The index copied, and its edit count: the copy is adopted only while both are unchanged. */
  from: SearchIndex;
  fromEdits: number;
  /** What the transaction wrote. */
  changes: Changes;
  /** The copy, once the transaction has written more than {@link SMALL_CHANGE} records. */
  index: SearchIndex | undefined;
  /** Writes noted, not yet in the copy. */
  queue: { table: string; values: readonly ArchiveRecord[] }[];
  work: Promise<void>;
  usable: boolean;
  talksSeen: boolean;
  committed: boolean;
  /** The archive revision the transaction set. */
  revision: number;
}

/** Speaker buckets read per transaction by a build (about 800 people at 50,000): a page's deserialisation is a stretch the worker cannot answer in. */
const SPEAKER_PAGE_BUCKETS = 32;

export interface SearchServiceOptions {
  /** How long after the last change the index is stored again. */
  persistDelayMs?: number;
  /** Work that goes first: background refreshes start once it resolves (the matcher's recompile, which pages wait for). */
  after?: () => Promise<unknown>;
  /** Committed values kept for pending changes (default {@link KNOWN_MAX}; tests pass 0 to read every change back). */
  knownMax?: number;
}

export class SearchService {
  private readonly store: SearchStoreDb;
  private index: SearchIndex | undefined;
  private revision = -1;
  /** The newest archive revision a committed write set. */
  private latestRevision = -1;
  private origin: SearchStatus['origin'] = 'none';
  private readyMs = 0;
  private dirty: Changes;
  private rebuildNeeded = false;
  /** True when the middleware sees every write; else each search checks the revision. */
  private readonly watching: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** A background refresh put off until the running import session ends. */
  private deferred = false;
  /** True while a rebuild or a large change is being added (searches answer from the index as it was). */
  private updating = false;
  /** Records were deleted since the index last read the archive. */
  private removed = false;
  /** The index was loaded from storage though the archive moved on since (see `loadStored`). */
  private outdated = false;
  /** Changes applied to the index; with the index and revision, what `persist` last stored (so it stores once). */
  private edits = 0;
  /** When the last search came (storing waits for a pause in typing). */
  private searchedAt = -Infinity;
  private stored: { index?: SearchIndex; edits: number; revision: number } = { edits: -1, revision: -1 };
  private fromOutdated = false;
  private refreshing: ReturnType<typeof setTimeout> | undefined;
  /** The write transaction being indexed as it writes, if any (one at a time). */
  private ahead: Ahead | undefined;
  private readonly unlisten: (() => void)[];

  constructor(
    private readonly archive: PodiumDb,
    private readonly opts: SearchServiceOptions = {},
  ) {
    this.store = new SearchStoreDb(`${archive.name}-search`);
    this.dirty = new Changes(this.knownMax);
    // Middleware joins the stack when the database opens: only a closed database can be watched.
    this.watching = !archive.isOpen();
    if (this.watching) {
      archive.use(
        followWrites(
          'podium-search-changes',
          (table) => WATCHED.has(table) || table === 'meta',
          (req, table) => this.committed(req, table),
          (req, table) => this.writing(req, table),
        ),
      );
      // People and talks are not Dexie tables (bucket-store.ts): their stores say which they wrote.
      for (const table of ['speakers', 'talks'] as const) {
        const store = archive[table] as unknown as BucketTable<ArchiveRecord>;
        store.onWriting((puts, dels, trans) => this.writingTo(table, dels?.length || dels === null ? null : puts, trans));
        store.onWrite((puts, dels, trans) =>
          afterCommit(trans, () => {
            if (dels === null || dels.length) this.noteChanged(table, dels, null);
            if (puts.length) this.noteChanged(table, puts.map((r) => r.id), puts);
          }),
        );
      }
    }
    this.unlisten = [
      onImportSessionsSettled(archive, () => {
        if (this.deferred) this.schedule();
      }),
      // The index as the archive is before the import, so the import's committed values are
      // added to it when it ends; loaded or built after the commit, it would read them all back.
      onImportSessionStarted(archive, () => {
        if (!this.index && this.watching) void this.serial(() => this.loadOrBuild()).catch(() => undefined);
      }),
    ];
  }

  /** A write as it is made: its transaction may be indexed ahead (see {@link Ahead}). */
  private writing(req: DBCoreMutateRequest, table: string): void {
    const trans = req.trans as unknown as IDBTransaction;
    if (table === 'meta') {
      const revision = revisionWritten(req);
      if (revision !== undefined && this.ahead?.trans === trans) this.ahead.revision = revision;
      return;
    }
    this.writingTo(table, req.type === 'put' || req.type === 'add' ? (req.values as readonly ArchiveRecord[]) : null, trans);
  }

  /** `values` null: a removal, which the usual path handles. */
  private writingTo(table: string, values: readonly ArchiveRecord[] | null, trans: IDBTransaction | undefined): void {
    if (typeof trans?.addEventListener !== 'function' || !this.index || !this.watching) return;
    let a = this.ahead;
    if (a && a.trans !== trans) return;
    if (!a) a = this.startAhead(trans);
    if (!a.usable) return;
    // Events after talks: those talks were indexed with the event as it was.
    if (!values || (table === 'events' && a.talksSeen) || values.some((v) => typeof v?.id !== 'string')) {
      a.usable = false;
      return;
    }
    if (table === 'talks') a.talksSeen = true;
    a.changes.note(table, values.map((v) => v.id), values);
    a.queue.push({ table, values });
    if (!a.index && a.changes.size <= SMALL_CHANGE) return;
    a.index ??= a.from.clone();
    const next = () => this.indexAhead(a);
    // Outside the transaction's zone: this work reads nothing from it.
    a.work = a.work.then(() => Dexie.ignoreTransaction(next));
  }

  private startAhead(trans: IDBTransaction): Ahead {
    const a: Ahead = {
      trans,
      from: this.index!,
      fromEdits: this.edits,
      changes: new Changes(Infinity),
      index: undefined,
      queue: [],
      work: Promise.resolve(),
      usable: this.dirty.size === 0 && !this.rebuildNeeded && !this.outdated && !this.updating && !this.removed,
      talksSeen: false,
      committed: false,
      revision: -1,
    };
    this.ahead = a;
    // After every `complete` listener (the committed writes are noted by later ones), as a task.
    trans.addEventListener('complete', () => {
      a.committed = true;
      setTimeout(() => void this.serial(() => this.adoptAhead(a)).catch(() => undefined), 0);
    });
    trans.addEventListener('abort', () => {
      if (this.ahead === a) this.ahead = undefined;
    });
    return a;
  }

  /** Adds the queued writes to the copy, in slices; compacts it once nothing more is queued. */
  private async indexAhead(a: Ahead): Promise<void> {
    const index = a.index!;
    const slices = new Slices();
    while (a.queue.length && a.usable) {
      const { table, values } = a.queue.shift()!;
      for (const v of values) {
        if (table === 'speakers') index.upsert(speakerDoc(v as Speaker));
        else if (table === 'events') {
          const e = v as PodiumEvent;
          const before = a.from.sharedOf('event', e.id);
          // Its talks not written here show the event as it was: reading them is the usual path's.
          if (before !== undefined && before !== eventShared(e)) {
            a.usable = false;
            return;
          }
          index.upsert(eventDoc(e));
        } else {
          const t = v as Talk;
          const written = t.eventId ? a.changes.events.get(t.eventId) : undefined;
          const shared = t.eventId && !written ? index.sharedOf('event', t.eventId) : undefined;
          index.upsert(talkDoc(t, written ?? (shared !== undefined ? eventFromShared(shared) : undefined)));
        }
        if (slices.due()) await slices.pause();
      }
    }
    if (a.usable && !a.queue.length) await index.compactInSlices(slices);
  }

  /** Puts the copy indexed during a transaction that committed in the index's place; its writes leave the pending changes. */
  private async adoptAhead(a: Ahead): Promise<void> {
    if (this.ahead === a) this.ahead = undefined;
    if (!a.index || !a.usable) return;
    await a.work;
    if (a.usable) await a.index.compactInSlices(new Slices());
    if (!a.usable || this.index !== a.from || this.edits !== a.fromEdits) return;
    // With the swap, no await between: a search never sees the changes gone and the old index.
    for (const k of ['speakers', 'talks', 'events'] as const) {
      const pending = this.dirty[k] as Map<string, ArchiveRecord | null | undefined>;
      // The same value: this transaction's write. Another since stays pending, to go over it.
      for (const [id, v] of a.changes[k]) if (pending.get(id) === v) pending.delete(id);
    }
    this.index = a.index;
    this.revision = Math.max(this.revision, a.revision);
    this.edits++;
    this.persistSoon();
  }

  /** A committed write: records to index again, or (in `meta`) the revision it set. */
  private committed(req: DBCoreMutateRequest, table: string): void {
    if (table !== 'meta') return this.noteWritten(req, table);
    const revision = revisionWritten(req);
    if (revision !== undefined) this.noteRevision(revision);
  }

  private noteRevision(revision: number): void {
    this.latestRevision = Math.max(this.latestRevision, revision);
    if (this.index) this.persistSoon();
  }

  private noteWritten(req: DBCoreMutateRequest, table: string): void {
    if (req.type === 'deleteRange') return this.noteChanged(table, null, null);
    if (req.type === 'delete') return this.noteChanged(table, req.keys, null);
    const values = req.values as readonly ArchiveRecord[];
    this.noteChanged(table, req.keys ?? values.map((v) => v?.id), values);
  }

  /**
   * Marks records changed (`ids` null: the whole table) with the values
   * committed (`values` null: deleted), and schedules bringing the index up to date.
   */
  private noteChanged(table: string, ids: readonly unknown[] | null, values: readonly ArchiveRecord[] | null): void {
    if (!values) this.removed ||= !!ids?.length || ids === null;
    if (ids === null) this.rebuildNeeded = true;
    else this.dirty.note(table, ids, values);
    this.schedule();
  }

  /**
   * Applies pending changes soon, so the next keystroke does not pay for
   * them; during an import session, once when it ends (a search meanwhile
   * still applies them first, in `ready`).
   */
  private schedule(): void {
    if (!this.index) return;
    if (importSessionBusy(this.archive)) {
      if (!this.deferred) this.retryLater();
      this.deferred = true;
      return;
    }
    this.deferred = false;
    setTimeout(() => void this.refresh(), 0);
  }

  /** Brings the index up to date, after the work that goes first. */
  private async refresh(): Promise<void> {
    await this.opts.after?.().catch(() => undefined);
    await this.ready().catch(() => undefined);
  }

  /** Looks again after the session's quiet time, for a session the page abandoned. */
  private retryLater(): void {
    setTimeout(() => {
      if (this.deferred) this.schedule();
    }, SESSION_QUIET_MS);
  }

  /** Runs `fn` after everything queued before it (one index writer at a time). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The index, loaded or built on first use and brought up to date with the archive. */
  ready(): Promise<SearchIndex> {
    if (this.index && !this.rebuildNeeded && !this.outdated && this.dirty.size === 0 && this.watching) return Promise.resolve(this.index);
    return this.serial(async () => {
      if (!this.index) await this.loadOrBuild();
      if (this.outdated) {
        this.outdated = false;
        this.rebuildNeeded = true;
        this.fromOutdated = true;
      }
      if (!this.watching && (await getRevision(this.archive)) !== this.revision) this.rebuildNeeded = true;
      if (this.rebuildNeeded) await this.build();
      else if (this.dirty.size) await this.applyDirty();
      return this.index!;
    });
  }

  /**
   * Loads the stored index even when the archive moved on since it was
   * stored (a worker stopped right after an import), so the first keystrokes
   * are answered from it, marked `updating`, while the new one is built.
   */
  private async loadStored(): Promise<void> {
    if (this.index) return;
    const t0 = performance.now();
    const [stored, revision] = await Promise.all([this.store.indexes.get('current').catch(() => undefined), getRevision(this.archive)]);
    if (this.index) return;
    if (!stored || stored.index.format !== 2) {
      // Nothing stored: a first start or an archive that was cleared. A small archive is indexed before
      // answering (well under a second); a large one (a big import) is answered by an empty index,
      // marked updating, while it is read.
      if (revision === 0 || (await this.archive.talks.count()) < WAIT_FOR_BUILD_TALKS) return;
      this.index = new SearchIndex();
      this.revision = -1;
      this.origin = 'built';
      this.outdated = true;
      return;
    }
    this.index = SearchIndex.deserialize(stored.index);
    this.revision = stored.archiveRevision;
    this.stored = { index: this.index, edits: this.edits, revision: this.revision };
    this.origin = 'loaded';
    this.readyMs = performance.now() - t0;
    this.outdated = stored.archiveRevision !== revision;
  }

  /** The stored index, or a new one; an outdated one is rebuilt by `ready`, which calls this. */
  private async loadOrBuild(): Promise<void> {
    await this.loadStored();
    if (!this.index) await this.build();
    // Writes noted while there was no index to schedule for.
    if (this.dirty.size) this.schedule();
  }

  private get knownMax(): number {
    return this.opts.knownMax ?? KNOWN_MAX;
  }

  /** Builds the index from the whole archive and stores it. */
  private async build(): Promise<void> {
    this.updating = !!this.index && (!this.rebuildNeeded || this.fromOutdated) && !this.removed;
    this.removed = false;
    this.fromOutdated = false;
    try {
      await this.buildNow();
    } finally {
      this.updating = false;
    }
  }

  /**
   * Reads the archive in pages, each in a transaction of its own, and
   * indexes them in slices of {@link SLICE_MS} with the worker free in
   * between: a page asking for names, or a keystroke, is answered while
   * 100,000 talks are indexed (in one transaction the worker was deaf for
   * seconds at a time after a big import). A write landing meanwhile is
   * noted as a change (the middleware) and applied after; unwatched, the
   * revision read first makes the next search build again.
   */
  private async buildNow(): Promise<void> {
    const t0 = performance.now();
    this.rebuildNeeded = false;
    this.dirty = new Changes(this.knownMax);
    const index = new SearchIndex();
    const a = this.archive;
    const revision = await getRevision(a);
    const slices = new Slices();
    const events = new Map<string, PodiumEvent>();
    await readPages(a.events, PAGE, async (rows) => {
      for (const e of rows) {
        events.set(e.id, e);
        index.upsert(eventDoc(e));
        if (slices.due()) await slices.pause();
      }
    });
    for await (const page of a.speakers.pages(SPEAKER_PAGE_BUCKETS)) {
      for (const s of page) {
        index.upsert(speakerDoc(s));
        if (slices.due()) await slices.pause();
      }
    }
    // Small pages: reading one is a stretch the worker cannot answer in (32 buckets, some 2,000 talks).
    for await (const page of a.talks.pages(32)) {
      for (const t of page) {
        index.upsert(talkDoc(t, t.eventId ? events.get(t.eventId) : undefined));
        if (slices.due()) await slices.pause();
      }
    }
    await index.compactInSlices(slices);
    this.index = index;
    this.revision = revision;
    this.origin = 'built';
    this.readyMs = performance.now() - t0;
    await this.persist();
  }

  /**
   * Replaces the documents of the records changed since the index last
   * read them. A large change (an import) goes into a copy of the index,
   * merged into its sorted base before it takes the index's place: searched
   * meanwhile, its unsorted delta of 150,000 documents made each keystroke
   * right after an import wait 30–100 ms; the index as it was answers in
   * about one (marked `updating`), and the new words arrive when ready.
   */
  private async applyDirty(): Promise<void> {
    if (this.ahead?.committed) await this.adoptAhead(this.ahead);
    if (this.dirty.size === 0) return;
    const index = this.index!;
    const changes = this.dirty;
    this.dirty = new Changes(this.knownMax);
    if (changes.unread > Math.max(5000, index.docCount / 2)) return this.build();
    const large = changes.size > SMALL_CHANGE;
    this.updating = large && !this.removed;
    this.removed = false;
    try {
      const next = large ? index.clone() : index;
      await this.applyChanges(next, changes);
      if (!large) return;
      // In place as soon as its base is merged: the table of short prefixes follows.
      await next.compactInSlices(new Slices(), () => {
        this.index = next;
        this.updating = false;
      });
    } catch (e) {
      // The changes are taken: a copy that failed halfway leaves them to a rebuild.
      if (large) this.rebuildNeeded = true;
      throw e;
    } finally {
      this.updating = false;
    }
  }

  /** Replaces the documents of `changes`: from their committed values, the others read back in one transaction. */
  private async applyChanges(index: SearchIndex, changes: Changes): Promise<void> {
    const a = this.archive;
    const unread = <T>(m: Map<string, T>) => {
      const ids: string[] = [];
      // After an import every value is known: no walk of its 150,000 entries.
      if (changes.unread > 0) for (const [id, v] of m) if (v === undefined) ids.push(id);
      return ids;
    };
    const [readSpeakers, readTalks] = [unread(changes.speakers), unread(changes.talks)];
    const talks = changes.talks;
    const events = changes.events;
    const changedEvents = [...events.keys()];
    const read = await a.transaction('r', [a.meta, ...a.speakers.scope, ...a.talks.scope, a.events], async () => {
      const readEvents = unread(events);
      const evs = await a.events.bulkGet(readEvents);
      readEvents.forEach((id, i) => events.set(id, evs[i] ?? null));
      // What of an event its talks' documents show: when that changed, they are indexed again.
      const moved = changedEvents.filter((id) => {
        const before = index.sharedOf('event', id);
        const e = events.get(id);
        return before !== undefined && (!e || before !== eventShared(e));
      });
      const eventTalks = moved.length ? await a.talks.ofEvents(moved) : [];
      for (const t of eventTalks) if (!talks.has(t.id)) talks.set(t.id, t);
      const got = await a.talks.bulkGet(readTalks);
      readTalks.forEach((id, i) => talks.set(id, got[i] ?? null));
      const wanted = new Set<string>();
      for (const t of talks.values()) if (t?.eventId && !events.has(t.eventId)) wanted.add(t.eventId);
      const needEvents = [...wanted];
      const [speakers, more] = await Promise.all([a.speakers.bulkGet(readSpeakers), a.events.bulkGet(needEvents)]);
      needEvents.forEach((id, i) => events.set(id, more[i] ?? null));
      readSpeakers.forEach((id, i) => changes.speakers.set(id, speakers[i] ?? null));
      return { revision: await getRevision(a) };
    });
    // In slices, like a build: a large change (an import) must not make the worker deaf.
    const slices = new Slices();
    for (const [id, s] of changes.speakers) {
      if (s) index.upsert(speakerDoc(s));
      else index.remove('speaker', id);
      if (slices.due()) await slices.pause();
    }
    for (const id of changedEvents) {
      const e = events.get(id);
      if (e) index.upsert(eventDoc(e));
      else index.remove('event', id);
    }
    for (const [id, t] of talks) {
      if (t) index.upsert(talkDoc(t, (t.eventId && events.get(t.eventId)) || undefined));
      else index.remove('talk', id);
      if (slices.due()) await slices.pause();
    }
    this.revision = Math.max(this.revision, read.revision);
    this.edits++;
    this.persistSoon();
  }

  /** Stores the index after a quiet moment (not between an import session's batches). */
  private persistSoon(): void {
    const delay = this.opts.persistDelayMs ?? 2000;
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      // Storing copies the whole index into the database: after a big import the copy is a
      // stretch of most of a second (compacting first runs in slices), which a keystroke would
      // wait for. Put off while the user types, as while an import session writes.
      if (importSessionBusy(this.archive) || performance.now() - this.searchedAt < delay) this.persistSoon();
      else void this.serial(() => this.persist()).catch(() => undefined);
    }, delay);
  }

  /** Stores the index (compacted) with the revision it matches. */
  async persist(): Promise<void> {
    if (!this.index) return;
    // Writes that touched no record (a new source only) still move the revision on.
    if (this.dirty.size === 0 && !this.rebuildNeeded) this.revision = Math.max(this.revision, this.latestRevision);
    const now = { index: this.index, edits: this.edits, revision: this.revision };
    const { index, edits, revision } = this.stored;
    if (index === now.index && edits === now.edits && revision === now.revision) return;
    // Compacted in slices first: `serialize` then has nothing left to compact.
    await this.index.compactInSlices(new Slices());
    await this.store.indexes.put({ key: 'current', archiveRevision: this.revision, builtAt: new Date().toISOString(), index: this.index.serialize() });
    this.stored = now;
  }

  /** Stores pending changes now (tests; the worker relies on the timer). */
  flush(): Promise<void> {
    clearTimeout(this.persistTimer);
    return this.serial(() => this.persist());
  }

  /**
   * Whether a search may answer from the index as it is while a large
   * change is added (a rebuild, or more than {@link SMALL_CHANGE} records):
   * the previous words answer at once and the new ones arrive when ready,
   * instead of a keystroke waiting seconds after an import. A small change
   * (an edit) is applied first, so the user sees their edit.
   */
  private answersStale(): boolean {
    // Never over removals: the index as it was would still show what the user deleted.
    if (!this.index || !this.watching || this.rebuildNeeded || this.removed) return false;
    if (this.updating) return true;
    if (this.outdated) {
      this.refreshSoon();
      return true;
    }
    if (this.dirty.size <= SMALL_CHANGE) return false;
    this.refreshSoon();
    return true;
  }

  /** Brings the index up to date in the background (not while an import session writes: then when it ends). */
  private refreshSoon(): void {
    if (this.refreshing) return;
    this.refreshing = setTimeout(() => {
      this.refreshing = undefined;
      if (importSessionBusy(this.archive)) return this.schedule();
      void this.refresh();
    }, 0);
  }

  async search(query: string, limit = 10): Promise<SearchResults> {
    this.searchedAt = performance.now();
    if (!this.index && this.watching) await this.serial(() => this.loadStored());
    const stale = this.answersStale();
    const index = stale ? this.index! : await this.ready();
    const t0 = performance.now();
    const { groups, words } = index.search(query, { limit });
    const tookMs = performance.now() - t0;
    const hitsOf = (kind: string) => groups.find((g) => g.kind === kind)?.hits ?? [];
    return {
      query,
      groups,
      words,
      tookMs,
      speakers: hitsOf('speaker').map((h) => ({ id: h.id, name: h.label, ...(h.detail ? { headline: h.detail } : {}) })),
      talks: hitsOf('talk').map((h) => ({ id: h.id, title: h.label, speakerIds: [] })),
      ...(stale ? { updating: true } : {}),
    };
  }

  async status(rebuild = false): Promise<SearchStatus> {
    if (rebuild) await this.serial(() => this.build());
    const index = await this.ready();
    return { revision: this.revision, docs: index.docCount, terms: index.termCount, postings: index.postingCount, origin: this.origin, readyMs: this.readyMs };
  }

  /** Forgets the stored index (tests; a cleared archive, whose old words must not answer after a restart). */
  async clearStored(): Promise<void> {
    await this.store.indexes.clear();
  }

  close(): void {
    clearTimeout(this.persistTimer);
    clearTimeout(this.refreshing);
    for (const off of this.unlisten) off();
    this.store.close();
  }
}

const services = new WeakMap<PodiumDb, SearchService>();

/** The one search service of an archive database (created on first call: call before the database opens). */
export function searchService(db: PodiumDb, opts?: SearchServiceOptions): SearchService {
  let s = services.get(db);
  if (!s) services.set(db, (s = new SearchService(db, opts)));
  return s;
}
