/**
 * Builds one {@link ImportBundle}: speakers deduplicated inside the bundle by
 * their keys (platform id, then normalised name), warnings capped so a big
 * archive does not drown the review.
 */
import { t } from '../../i18n';
import { normalizeName } from '../../names';
import type { DraftEvent, DraftSpeaker, DraftTalk, ImportBundle } from '../../types';
import { parseSpeakerString, type ParsedSpeakers } from './speaker-names';

const MAX_WARNINGS = 40;

type SpeakerInput = Omit<DraftSpeaker, 'ref'>;

/** Accumulates speakers, talks and events for one bundle. */
export class BundleBuilder {
  private readonly speakers: DraftSpeaker[] = [];
  private readonly byKey = new Map<string, DraftSpeaker>();
  private readonly events: DraftEvent[] = [];
  private readonly talks: DraftTalk[] = [];
  private readonly warnings: string[] = [];
  private extraWarnings = 0;
  private readonly strong = new Set<DraftSpeaker>();
  /** Person strings already parsed: a schedule names most people several times. */
  private readonly parsed = new Map<string, ParsedSpeakers>();

  /** @param source - the bundle's source record */
  constructor(private readonly source: ImportBundle['source']) {}

  /**
   * Adds a speaker, or merges into one already added. `strongKeys` are
   * platform ids (`pretalx:ABC123`): two different ones never merge.
   * `localKeys` are ids that only hold inside this input (a frab person id).
   * Failing both, a speaker with the same normalised name merges unless the
   * two carry different strong keys. Returns the speaker's ref.
   */
  speaker(input: SpeakerInput, strongKeys: string[] = [], localKeys: string[] = []): string {
    // Loops rather than spread arrays: a schedule of 100,000 talks comes through here 150,000 times.
    const nameKey = `name:${normalizeName(input.name)}`;
    let found: DraftSpeaker | undefined;
    for (const k of strongKeys) found ??= this.byKey.get(k);
    for (const k of localKeys) found ??= this.byKey.get(k);
    if (!found) {
      const named = this.byKey.get(nameKey);
      if (named && (!strongKeys.length || !this.strong.has(named))) found = named;
    }
    if (found) {
      mergeSpeaker(found, input);
    } else {
      found = { ref: `s${this.speakers.length + 1}`, ...input };
      this.speakers.push(found);
    }
    if (strongKeys.length) this.strong.add(found);
    for (const k of strongKeys) if (!this.byKey.has(k)) this.byKey.set(k, found);
    for (const k of localKeys) if (!this.byKey.has(k)) this.byKey.set(k, found);
    if (!this.byKey.has(nameKey)) this.byKey.set(nameKey, found);
    return found.ref;
  }

  /**
   * Adds the people in a free-text speaker string ("A & B", "Various
   * speakers") and returns their refs; see {@link parseSpeakerString}.
   */
  speakerString(raw: string, where: string, warn = true): string[] {
    const parsed = parseSpeakerString(raw);
    if (parsed.note && warn) this.warn(`${where}: ${parsed.note}`);
    return parsed.people.map((p) =>
      this.speaker({
        name: p.name,
        ...(p.aliases.length ? { aliases: p.aliases } : {}),
        ...(parsed.guessed ? { inferred: ['name' as const] } : {}),
      }),
    );
  }

  /**
   * Adds one platform person record: its name string is cleaned and, where
   * safe, split (see {@link parseSpeakerString}). A record holding one person
   * keeps its ids, biography and links; a record holding several people
   * ("A & B") gives each a name only, since the ids belong to the account.
   * Returns the refs (none for "Various speakers").
   */
  person(raw: string, extra: Omit<SpeakerInput, 'name'>, strongKeys: string[], localKeys: string[], where: string): string[] {
    let parsed = this.parsed.get(raw);
    if (!parsed) this.parsed.set(raw, (parsed = parseSpeakerString(raw)));
    if (parsed.note) this.warn(`${where}: ${parsed.note}`);
    const [only, ...more] = parsed.people;
    if (!only) return [];
    if (!more.length) {
      const person: SpeakerInput = { ...extra, name: only.name };
      if (extra.aliases?.length || only.aliases.length) person.aliases = [...(extra.aliases ?? []), ...only.aliases];
      if (parsed.guessed) person.inferred = ['name'];
      return [this.speaker(person, strongKeys, localKeys)];
    }
    this.warn(`${where}: ${t('importWarnSplitPeople', raw, parsed.people.length)}`);
    return this.speakerString(raw, where, false);
  }

  /** Marks a speaker's name as guessed (the review asks the user to confirm it). */
  markInferred(ref: string): void {
    const s = this.speakers.find((x) => x.ref === ref);
    if (s && !s.inferred?.includes('name')) s.inferred = [...(s.inferred ?? []), 'name'];
  }

  /** Adds an event and returns its ref. */
  event(input: Omit<DraftEvent, 'ref'>): string {
    const ref = `e${this.events.length + 1}`;
    this.events.push({ ref, ...input });
    return ref;
  }

  /** Adds a talk (speaker refs deduplicated, order kept). */
  talk(talk: DraftTalk): void {
    const refs = talk.speakerRefs;
    this.talks.push({ ...talk, speakerRefs: refs.length < 2 ? [...refs] : [...new Set(refs)] });
  }

  /** Records something skipped or guessed, for the user to see. */
  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else this.extraWarnings++;
  }

  /** Number of talks so far. */
  get talkCount(): number {
    return this.talks.length;
  }

  /** The finished bundle. Speakers no talk refers to are kept (a speakers-only export). */
  build(): ImportBundle {
    const warnings = [...this.warnings];
    if (this.extraWarnings) warnings.push(t('importWarnMoreLikeThese', this.extraWarnings));
    return { source: this.source, speakers: this.speakers, talks: this.talks, events: this.events, warnings };
  }
}

/** Fills what `into` lacks from `from`; unions aliases, links and identifiers. */
export function mergeSpeaker(into: DraftSpeaker, from: SpeakerInput): void {
  into.summary ??= from.summary;
  into.headline ??= from.headline;
  into.photoUrl ??= from.photoUrl;
  into.location ??= from.location;
  if (from.name !== into.name) into.aliases = unionBy([...(into.aliases ?? []), from.name], (a) => a);
  if (from.aliases?.length) into.aliases = unionBy([...(into.aliases ?? []), ...from.aliases], (a) => a).filter((a) => a !== into.name);
  if (from.links?.length) into.links = unionBy([...(into.links ?? []), ...from.links], (l) => l.url);
  if (from.identifiers?.length) into.identifiers = unionBy([...(into.identifiers ?? []), ...from.identifiers], (i) => `${i.scheme}:${i.value}`);
  if (into.inferred && !from.inferred) delete into.inferred;
}

function unionBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const it of items) if (!seen.has(key(it))) seen.set(key(it), it);
  return [...seen.values()];
}
