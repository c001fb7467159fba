/**
 * Keeps the compiled matcher index current and persisted, in a small
 * database of its own next to the archive. A restarted worker answers from
 * the stored copy at once; it recompiles only when the archive's revision
 * (bumped by every archive write, archive/revision.ts) has moved on.
 */
import Dexie, { type EntityTable } from 'dexie';
import { afterCommit } from '../archive/committed-writes';
import type { MatcherIndexPayload } from '../../shared/messages';
import type { Speaker } from '../../shared/types';
import { getRevision, latestRevision } from '../archive/revision';
import { importSessionBusy, onImportSessionsSettled } from '../archive/import-activity';
import type { PodiumDb } from '../db';
import { Slices } from '../slices';
import { type CompiledMatcher, MAX_FORM_TOKENS, type NamedPerson, type UpdateBase, compileInSlices, toBase64 } from './compile';
import { type PackedIds, packIds, unpackIds } from './packed-ids';

/** The stored index: the page's part as base64, the worker's postings as typed arrays. */
export interface StoredMatcher {
  key: 'current';
  /** The archive revision this index was compiled from. */
  archiveRevision: number;
  builtAt: string;
  speakerCount: number;
  formCount: number;
  payload: MatcherIndexPayload;
  postingHashes: Uint32Array;
  postingIds: string[];
  /** Absent from rows stored before it existed: such an index is rebuilt, and answers by reading speakers meanwhile. */
  postingChecks?: Uint32Array;
  /**
   * For updates without reading the archive, of an index this worker built
   * ({@link MatcherStore.updateBase}). Not stored: a restarted worker cannot
   * know what was written while it was stopped, so it compiles from the
   * archive, and reading them back cost every worker start (in Firefox, a
   * third of the row's bytes and 8–10 ms of unpacking ids).
   */
  postingFirst?: Uint32Array;
  people?: string[];
}

/**
 * The index as its database row: ids packed as bytes (packed-ids.ts) where
 * they can be; rows stored by older versions hold them as strings, and may
 * hold the update fields, which are ignored.
 */
type MatcherRow = Omit<StoredMatcher, 'postingIds' | 'people' | 'postingFirst'> & {
  postingIds?: string[];
  packedPostingIds?: PackedIds;
};

function toRow(m: StoredMatcher): MatcherRow {
  const { postingIds, people: _people, postingFirst: _first, ...rest } = m;
  const packedPostingIds = packIds(postingIds);
  return { ...rest, ...(packedPostingIds ? { packedPostingIds } : { postingIds }) };
}

function fromRow(row: (MatcherRow & { people?: unknown; packedPeople?: unknown; postingFirst?: unknown }) | undefined): StoredMatcher | undefined {
  if (!row) return undefined;
  const { packedPostingIds, postingIds, people: _people, packedPeople: _packed, postingFirst: _first, ...rest } = row;
  const ids = packedPostingIds ? unpackIds(packedPostingIds) : postingIds;
  if (!ids) return undefined;
  return { ...rest, postingIds: ids };
}

class MatcherDb extends Dexie {
  matchers!: EntityTable<MatcherRow, 'key'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ matchers: '&key' });
  }
}

/** Reads every speaker, a few buckets at a time, inside one read transaction, with the revision they belong to. */
async function readArchive(archive: PodiumDb): Promise<{ revision: number; people: Speaker[] }> {
  return archive.transaction('r', [archive.meta, ...archive.speakers.scope], async () => {
    const revision = await getRevision(archive);
    const people: Speaker[] = [];
    await archive.speakers.each((s) => people.push(s));
    return { revision, people };
  });
}

/** An index built from this archive revision, in this version's format. */
const isCurrent = (m: StoredMatcher, revision: number): boolean => m.archiveRevision === revision && !!m.postingChecks;

/** What the matcher reads of a speaker. */
const named = (s: Speaker): NamedPerson => ({ id: s.id, name: s.name, aliases: s.aliases, nameKeys: s.nameKeys });

/**
 * The current index updated with a write transaction's people while the
 * database writes them (an import's merge writes for seconds, and the
 * worker mostly waits on IndexedDB meanwhile). Once the transaction commits,
 * the next build takes it instead of compiling after the commit: 3.7 s of
 * Firefox's first page after a 50,000-person import were that compile.
 */
interface Ahead {
  trans: IDBTransaction;
  /** The index it updates: used only while that is still the current one. */
  from: StoredMatcher;
  /** Every change it holds (the pending ones when it started, then the transaction's), by identity. */
  changes: Map<string, Speaker | null>;
  /** The updated index, once the writes so far are compiled (undefined if a compile failed). */
  work: Promise<CompiledMatcher | undefined>;
  committed: boolean;
}

/** People a write must hold for {@link Ahead}: an import's, not an edit's. */
const AHEAD_MIN = 500;

export class MatcherStore {
  private readonly db: MatcherDb;
  private current: StoredMatcher | undefined;
  private building: Promise<StoredMatcher> | undefined;
  private reading: Promise<StoredMatcher | undefined> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly rebuilt = new Set<(m: StoredMatcher, previous: StoredMatcher | undefined) => void>();
  /** A recompile is armed by {@link watch} (waiting for writes to settle). */
  private pending = false;
  /** {@link watch}'s recompile, from when it fires: it reads the revision before `building` is set, and {@link idle} must not see a gap. */
  private starting: Promise<unknown> | undefined;
  /** The revision from which {@link changed} holds every write: the current index's, when it was built by this store. */
  private followsFrom = -1;

  /**
   * People written since the archive was last read (`null`: deleted), seen
   * by a middleware on the archive: a recompile after an import or an edit
   * applies them to the current index instead of reading 50,000 speakers
   * again (2–3 s in Chromium). `undefined` when a write could not be
   * followed (a cleared table, or a database opened before this store).
   */
  private changed: Map<string, Speaker | null> | undefined;
  private readonly following: boolean;
  private ahead: Ahead | undefined;

  /**
   * @param archive - the archive database
   * @param rebuildDelayMs - how long {@link watch} waits after the last archive write before recompiling
   * @param aheadMin - people one write must hold to be compiled while it is written ({@link Ahead})
   */
  constructor(
    private readonly archive: PodiumDb,
    private readonly rebuildDelayMs = 1000,
    private readonly aheadMin = AHEAD_MIN,
  ) {
    this.db = new MatcherDb(`${archive.name}-matcher`);
    // Writes before this store existed are unknown to it: a store made for an open database rebuilds.
    this.following = !archive.isOpen();
    if (this.following) {
      this.changed = new Map();
      archive.speakers.onWrite((puts, dels, trans) => afterCommit(trans, () => this.note(puts, dels)));
      archive.speakers.onWriting((puts, dels, trans) => this.writing(puts, dels, trans));
    }
  }

  /** People about to be written: compiled into an {@link Ahead} index while the database writes them. */
  private writing(puts: readonly Speaker[], dels: readonly string[] | null, trans: IDBTransaction | undefined): void {
    const prev = this.current;
    const from = this.updateBase();
    if (dels === null || typeof trans?.addEventListener !== 'function' || !prev || !from || !this.changed) {
      this.ahead = undefined;
      return;
    }
    // One transaction at a time; another's people are compiled after its commit, as usual.
    if (this.ahead && this.ahead.trans !== trans && !this.ahead.committed) return;
    let a = this.ahead?.trans === trans ? this.ahead : undefined;
    // Edits stay with the debounced recompile: a burst of them (a sync, an undo) would otherwise compile once each.
    // A small write before a large one in the same transaction is applied at the build, with the other changes.
    if (!a && puts.length + dels.length < this.aheadMin) return;
    const first = !a;
    const batch = new Map<string, Speaker | null>();
    for (const id of dels) batch.set(id, null);
    for (const s of puts) batch.set(s.id, s);
    if (!a) {
      const started: Ahead = { trans, from: prev, changes: new Map(this.changed), work: Promise.resolve(undefined), committed: false };
      trans.addEventListener('complete', () => (started.committed = true));
      trans.addEventListener('abort', () => {
        if (this.ahead === started) this.ahead = undefined;
      });
      this.ahead = a = started;
    }
    for (const [id, s] of batch) a.changes.set(id, s);
    // The first compile applies the pending changes too; later ones add their batch to what came before.
    const changed = first ? new Map(a.changes) : batch;
    // A later batch builds on the first's result; if that failed, so does the rest.
    const compile = (base: CompiledMatcher | undefined) => (first || base ? compileInSlices(new Slices(), [], { prev: base ?? from, changed }) : undefined);
    // Outside the transaction's zone: compiling reads nothing from it.
    a.work = a.work.then((base) => Dexie.ignoreTransaction(() => compile(base))).catch(() => undefined);
  }

  /** What an update applies the changes to: the current index, when every write since it was built has been followed (else the archive is read again). */
  private updateBase(): UpdateBase | undefined {
    const prev = this.current;
    if (!this.changed || !prev?.postingFirst || !prev.postingChecks || !prev.people || this.followsFrom !== prev.archiveRevision) return undefined;
    return { postingHashes: prev.postingHashes, postingChecks: prev.postingChecks, postingFirst: prev.postingFirst, postingIds: prev.postingIds, people: prev.people };
  }

  /**
   * The index compiled ahead from `prev` during a transaction that has
   * committed, with whatever else `changed` holds applied on top; undefined
   * when there is none to use.
   */
  private async fromAhead(prev: StoredMatcher, changed: ReadonlyMap<string, Speaker | null>): Promise<CompiledMatcher | undefined> {
    const a = this.ahead;
    if (!a?.committed) return undefined;
    this.ahead = undefined;
    if (a.from !== prev) return undefined;
    const m = await a.work;
    if (!m) return undefined;
    // The writes since, or before it started and written again: by identity, as `note` keeps the written objects.
    const rest = new Map([...changed].filter(([id, s]) => a.changes.get(id) !== s));
    return rest.size ? compileInSlices(new Slices(), [], { prev: m, changed: rest }) : m;
  }

  /** Notes a committed write to the people (`dels` null: all of them went). */
  private note(puts: readonly Speaker[], dels: readonly string[] | null): void {
    const changed = this.changed;
    if (!changed) return;
    if (dels === null) {
      this.changed = undefined;
      return;
    }
    for (const id of dels) changed.set(id, null);
    for (const s of puts) changed.set(s.id, s);
  }

  /** The current index, recompiling first if the archive changed since it was built. */
  async get(): Promise<StoredMatcher> {
    if (this.building) await this.building.catch(() => undefined);
    this.current ??= await this.stored();
    if (this.current && isCurrent(this.current, await latestRevision(this.archive))) return this.current;
    return this.rebuild();
  }

  /**
   * An index to answer a page with at once: when the archive changed since
   * the current one was built, the current one still answers (`fresh`
   * false) while the new one is built in the background, so no page waits
   * for a recompile (a few seconds at 50,000 speakers); {@link onRebuilt}
   * says when to ask again. Only an empty index (nothing to look for yet)
   * makes the caller wait for the new one.
   */
  async answering(): Promise<{ matcher: StoredMatcher; fresh: boolean }> {
    this.current ??= await this.stored();
    const stale = this.current;
    if (stale?.formCount) {
      if (this.building) return { matcher: stale, fresh: false };
      if (isCurrent(stale, await latestRevision(this.archive))) return { matcher: stale, fresh: true };
      void this.rebuild().catch(() => undefined);
      return { matcher: stale, fresh: false };
    }
    return { matcher: await this.get(), fresh: true };
  }

  /**
   * Resolves once no recompile is armed or running (at most `maxMs` later):
   * the search index's background work waits for it after an import, as the
   * first page after Save waits for the matcher, not for search.
   */
  async idle(maxMs = 10_000): Promise<void> {
    const end = Date.now() + maxMs;
    while ((this.pending || this.building || this.starting) && Date.now() < end) {
      if (importSessionBusy(this.archive)) return;
      await ((this.building ?? this.starting)?.catch(() => undefined) ?? new Promise((r) => setTimeout(r, 25)));
    }
  }

  /** Calls `fn` after every recompile, with the index it replaced. Returns the unsubscribe function. */
  onRebuilt(fn: (m: StoredMatcher, previous: StoredMatcher | undefined) => void): () => void {
    this.rebuilt.add(fn);
    return () => this.rebuilt.delete(fn);
  }

  /** Recompiles now (joins a build already running). */
  rebuild(): Promise<StoredMatcher> {
    const previous = this.current;
    this.building ??= this.build()
      .then((m) => {
        for (const fn of [...this.rebuilt]) fn(m, previous);
        return m;
      })
      .finally(() => (this.building = undefined));
    return this.building;
  }

  private async build(): Promise<StoredMatcher> {
    const prev = this.current;
    const base = this.updateBase();
    let m: CompiledMatcher;
    let revision: number;
    if (prev && base && this.changed) {
      // The revision first, then the changes: a write landing in between is applied and its revision checked again next time.
      revision = await getRevision(this.archive);
      const changed = this.changed;
      this.changed = new Map();
      m = (await this.fromAhead(prev, changed)) ?? (await compileInSlices(new Slices(), [], { prev: base, changed }));
    } else {
      // Changes noted from here on are applied to what this read gives (applying one twice is harmless).
      if (this.following) this.changed = new Map();
      const read = await readArchive(this.archive);
      revision = read.revision;
      m = await compileInSlices(new Slices(), read.people.map(named));
    }
    if (this.changed) this.followsFrom = revision;
    // The rest in slices too: each base64 and the database's copy is a stretch of its own after an import.
    const slices = new Slices();
    await slices.pause();
    const first = toBase64(m.first);
    await slices.pause();
    const forms = toBase64(m.forms);
    const record: StoredMatcher = {
      key: 'current',
      archiveRevision: revision,
      builtAt: new Date().toISOString(),
      speakerCount: m.speakerCount,
      formCount: m.formCount,
      payload: { revision, maxTokens: MAX_FORM_TOKENS, first, forms },
      postingHashes: m.postingHashes,
      postingIds: m.postingIds,
      postingChecks: m.postingChecks,
      postingFirst: m.postingFirst,
      people: m.people,
    };
    await slices.pause();
    const row = toRow(record);
    await slices.pause();
    await this.db.matchers.put(row);
    this.current = record;
    return record;
  }

  /**
   * Recompiles in the background shortly after the archive's speakers change,
   * so the next page does not wait. While an import session streams its
   * batches, the recompile waits for the session's end (one recompile, not
   * one between every two batches); `get` stays correct meanwhile, as it
   * checks the revision. Returns the unsubscribe function.
   */
  watch(): () => void {
    // People are stored in buckets (speaker-store.ts).
    const prefix = `idb://${this.archive.name}/speakerBuckets/`;
    const run = () => {
      if (importSessionBusy(this.archive)) return arm(this.rebuildDelayMs);
      this.pending = false;
      const started = this.get().catch(() => undefined);
      this.starting = started;
      void started.finally(() => {
        if (this.starting === started) this.starting = undefined;
      });
    };
    const arm = (ms: number) => {
      this.pending = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(run, ms);
    };
    const listener = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((k) => k.startsWith(prefix))) arm(this.rebuildDelayMs);
    };
    Dexie.on('storagemutated', listener);
    const settled = onImportSessionsSettled(this.archive, () => {
      if (this.pending) arm(0);
    });
    return () => {
      clearTimeout(this.timer);
      settled();
      Dexie.on('storagemutated').unsubscribe(listener);
    };
  }

  private async load(): Promise<StoredMatcher | undefined> {
    return fromRow(await this.db.matchers.get('current'));
  }

  /** The stored index, read once however many callers ask while it is read. */
  private stored(): Promise<StoredMatcher | undefined> {
    this.reading ??= this.load().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /**
   * Reads the stored index now, and checks it is current, before any page
   * asks: a worker is started by the navigation of the page that will ask
   * (tabs.onUpdated), so this runs while that page loads. Its first answer
   * then no longer waits for the read (cold worker, 50,000 speakers: about
   * 25 ms of the worker's CPU, and its IndexedDB round trips).
   */
  warm(): void {
    void this.answering().catch(() => undefined);
  }

  /** Deletes the stored index (tests, or a full archive reset). */
  async clear(): Promise<void> {
    this.current = undefined;
    await this.db.matchers.clear();
  }
}
