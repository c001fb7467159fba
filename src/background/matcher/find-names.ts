/**
 * Finds the archive's speakers in text a content script collected from its
 * page. The page only walks its DOM and sends the text; tokenising, hashing
 * and confirming run here, where the code stays compiled between pages and
 * the index never has to be shipped into the page.
 */
import { foldedWords } from './fold';
import type { PageName, TextHits } from '../../shared/messages';
import type { PodiumDb } from '../db';
import { type MatcherTables, decodeTables, findCandidates } from './candidates';
import type { MatcherStore, StoredMatcher } from './store';
import { confirmFromIndex, verifyNames } from './verify';

/** Confirmed verdicts kept per index revision; above this many the cache starts over. */
const VERDICT_LIMIT = 50_000;

type Verdict = PageName['speakers'] | null;

export class NameFinder {
  private tables: MatcherTables | undefined;
  /** Verdict per folded name key ("rok papez"), for {@link revision}. */
  private verdicts = new Map<string, Verdict>();
  private revision = -1;

  constructor(
    private readonly db: PodiumDb,
    private readonly store: MatcherStore,
  ) {}

  private current(m: StoredMatcher): MatcherTables {
    if (!this.tables || this.revision !== m.payload.revision) {
      this.tables = decodeTables(m.payload);
      this.revision = m.payload.revision;
      this.verdicts = new Map();
    }
    return this.tables;
  }

  /** Confirms from the index; one stored by an older version (no key checks) reads the speakers until it is rebuilt. */
  private async confirm(m: StoredMatcher, names: string[]): Promise<PageName[]> {
    if (m.postingChecks) return confirmFromIndex(m, m.postingChecks, names);
    return (await verifyNames(this.db, m, names)).map(({ name, speakers }) => ({ name, speakers: speakers.map(({ id }) => ({ id })) }));
  }

  /** `onStale`: called when the answer came from the previous index while a new one is built (ask again after {@link MatcherStore.onRebuilt}). */
  async find(text: string, onStale?: () => void): Promise<TextHits> {
    const { matcher: m, fresh } = await this.store.answering();
    if (!fresh) onStale?.();
    if (!m.formCount) return { active: false, names: [], hits: [] };
    if (!text) return { active: true, names: [], hits: [] };
    const candidates = findCandidates(text, this.current(m));
    if (!candidates.length) return { active: true, names: [], hits: [] };

    const keys = candidates.map((c) => foldedWords(c.name).join(' '));
    const unknown = new Map<string, string>();
    keys.forEach((k, i) => {
      if (!this.verdicts.has(k) && !unknown.has(k)) unknown.set(k, candidates[i]!.name);
    });
    if (unknown.size) {
      // Confirmed names come back as sent: one per key.
      const confirmed = new Map((await this.confirm(m, [...unknown.values()])).map((x) => [x.name, x.speakers]));
      if (this.verdicts.size + unknown.size > VERDICT_LIMIT) this.verdicts = new Map();
      for (const [k, name] of unknown) this.verdicts.set(k, confirmed.get(name) ?? null);
    }

    const names: PageName[] = [];
    const nameIndex = new Map<string, number>();
    const hits: number[] = [];
    candidates.forEach((c, i) => {
      const speakers = this.verdicts.get(keys[i]!);
      if (!speakers) return;
      // As written, but on one line: the page's text nodes are joined by newlines.
      const name = c.name.replace(/\s+/g, ' ');
      let n = nameIndex.get(name);
      if (n === undefined) {
        n = names.push({ name, speakers }) - 1;
        nameIndex.set(name, n);
      }
      hits.push(c.start, c.end, n);
    });
    return { active: true, names, hits };
  }
}
