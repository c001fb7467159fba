/**
 * Podium's data model: what the archive stores (worker-owned, in IndexedDB)
 * and what importers hand to it (drafts, before merge).
 *
 * Every fact that can come from more than one place carries the ids of the
 * sources that said it. Where sources disagree all values are kept, newest
 * source first, so index 0 is the value to show.
 */

export type SourceId = string;
export type SpeakerId = string;
export type TalkId = string;
export type EventId = string;

/** A value plus the sources that stated it (newest first). */
export interface Fact<T> {
  value: T;
  sources: SourceId[];
}

/**
 * A value of a single-valued field (a talk's date, an event's city) that lost
 * to another source's value. Kept so that no fact is dropped; newest first.
 */
export interface Variant {
  field: string;
  value: string | number;
  sources: SourceId[];
}

export type SourceKind = 'file' | 'page' | 'api' | 'manual' | 'sample';

/** Where facts came from: a file the user imported, a page, a platform API. */
export interface Source {
  id: SourceId;
  kind: SourceKind;
  /** File name, page title or API endpoint, as the user would recognise it. */
  name: string;
  /** Importer format id, e.g. `cv-text`, `talk-markdown`, `pretalx-json`, `podium-archive`. */
  format: string;
  url?: string;
  /** ISO 8601 instant. */
  importedAt: string;
}

export interface Place {
  city?: string;
  country?: string;
}

export interface Position {
  organisation: string;
  title?: string;
  /** `YYYY` or `YYYY-MM`. */
  start?: string;
  /** `YYYY` or `YYYY-MM`; absent while current. */
  end?: string;
  current?: boolean;
  location?: Place;
  description?: string;
  /** Roles held inside a long tenure (same organisation). */
  roles?: Omit<Position, 'organisation' | 'roles' | 'sources'>[];
  sources: SourceId[];
}

export interface Education {
  institution: string;
  degree?: string;
  field?: string;
  start?: string;
  end?: string;
  sources: SourceId[];
}

/** Every kind of link, once: the type, the validators and the labels all come from here. */
export const LINK_KINDS = ['homepage', 'github', 'gitlab', 'linkedin', 'twitter', 'mastodon', 'profile', 'video', 'slides', 'page', 'rsvp', 'other'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface Link {
  kind: LinkKind;
  url: string;
  label?: string;
  sources: SourceId[];
}

export type IdentifierScheme =
  | 'pretalx'
  | 'sessionize'
  | 'frab'
  | 'profile-url'
  | 'email-sha256'
  | 'orcid';

/** A strong identifier: two different values of one scheme mean two people. */
export interface Identifier {
  scheme: IdentifierScheme;
  value: string;
  sources: SourceId[];
}

export interface Publication {
  title: string;
  year?: string;
  venue?: string;
  url?: string;
  sources: SourceId[];
}

export interface Speaker {
  id: SpeakerId;
  /** Display name. */
  name: string;
  /** Other names: aliases, native script, former names. */
  aliases: Fact<string>[];
  /** Normalised keys of `name` and every alias (multi-entry index). */
  nameKeys: string[];
  /** Current role and employer, e.g. "Principal SRE at Wikimedia Foundation". */
  headline: Fact<string>[];
  location: Fact<Place>[];
  summary: Fact<string>[];
  positions: Position[];
  education: Education[];
  skills: Fact<string>[];
  publications: Publication[];
  projects: Fact<string>[];
  links: Link[];
  photoUrl: Fact<string>[];
  identifiers: Identifier[];
  /** `scheme:value` of every identifier (multi-entry index). */
  idKeys: string[];
  sources: SourceId[];
  /** Fields the user edited by hand; imports never replace them. */
  pinned?: string[];
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

/** Every kind of talk, once ("talk" is what importers say when they do not know). */
export const TALK_KINDS = ['talk', 'keynote', 'workshop', 'panel', 'lightning', 'other'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];

/** When, where and in what language a talk is given, as its source said (stored, draft and exported talks). */
export interface TalkTiming {
  /** BCP 47 tag when known. */
  language?: string;
  /** Local date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when that is all that is known). */
  date?: string;
  /** Local start and end time `HH:MM`. */
  start?: string;
  end?: string;
  /** IANA zone or a UTC offset such as `+02:00`, as the source said. */
  timeZone?: string;
  durationMinutes?: number;
  room?: string;
}

export interface Talk extends TalkTiming {
  id: TalkId;
  title: string;
  /** Normalised title (merge key). */
  titleKey: string;
  abstract: Fact<string>[];
  kind: TalkKind;
  eventId?: EventId;
  /** Ordered speakers (multi-entry index). */
  speakerIds: SpeakerId[];
  links: Link[];
  tags: string[];
  sources: SourceId[];
  /** Values of single-valued fields that other sources stated differently. */
  variants?: Variant[];
  /** Fields the user edited by hand; imports never replace them. */
  pinned?: string[];
  /** ISO instant a subscribed schedule stopped listing this talk (src/background/subscriptions); absent while it is on the schedule. */
  withdrawn?: string;
  createdAt: string;
  updatedAt: string;
}

export interface PodiumEvent {
  id: EventId;
  name: string;
  /** Normalised name + year (merge key). */
  eventKey: string;
  /** E.g. "EuroPython". */
  series?: string;
  /** E.g. "2016". */
  edition?: string;
  year?: number;
  startDate?: string;
  endDate?: string;
  city?: string;
  country?: string;
  venue?: string;
  url?: string;
  sources: SourceId[];
  /** Values of single-valued fields that other sources stated differently. */
  variants?: Variant[];
  /** Fields the user edited by hand; imports never replace them. */
  pinned?: string[];
  createdAt: string;
  updatedAt: string;
}

/* ---------- Drafts: what importers produce, before merge ---------- */

type Unsourced<T> = T extends { sources: SourceId[] } ? Omit<T, 'sources'> : T;

export interface DraftSpeaker {
  /** Local reference inside one bundle (talks point at it). */
  ref: string;
  name: string;
  aliases?: string[];
  headline?: string;
  location?: Place;
  summary?: string;
  positions?: Unsourced<Position>[];
  education?: Unsourced<Education>[];
  skills?: string[];
  publications?: Unsourced<Publication>[];
  projects?: string[];
  links?: Unsourced<Link>[];
  photoUrl?: string;
  identifiers?: Unsourced<Identifier>[];
  /** Fields the importer guessed rather than read; the review asks the user to confirm them. */
  inferred?: ('name' | 'headline' | 'location')[];
}

export interface DraftEvent {
  ref: string;
  name: string;
  series?: string;
  edition?: string;
  year?: number;
  startDate?: string;
  endDate?: string;
  city?: string;
  country?: string;
  venue?: string;
  url?: string;
}

export interface DraftTalk extends TalkTiming {
  /** The platform's own id of the talk (pretalx code, frab guid, Sessionize id, iCalendar UID): a subscription finds a talk again by it when its title changes. Not stored on the talk. */
  key?: string;
  title: string;
  abstract?: string;
  kind?: TalkKind;
  eventRef?: string;
  speakerRefs: string[];
  links?: Unsourced<Link>[];
  tags?: string[];
}

/** One importer's output for one input (file, page, API response). */
export interface ImportBundle {
  source: Omit<Source, 'id' | 'importedAt'>;
  speakers: DraftSpeaker[];
  talks: DraftTalk[];
  events: DraftEvent[];
  /** Things the importer skipped or could not read, for the user to see. */
  warnings: string[];
}

/* ---------- Views the worker returns ---------- */

export interface Counts {
  speakers: number;
  talks: number;
  events: number;
  sources: number;
}

export interface TalkView extends Talk {
  event?: PodiumEvent;
  speakers: { id: SpeakerId; name: string }[];
}

export interface SpeakerWithTalks {
  speaker: Speaker;
  /** Most recent first. */
  talks: TalkView[];
  sources: Source[];
  /** People who shared a stage with this speaker, most shared talks first. */
  coSpeakers: { id: SpeakerId; name: string; talks: number }[];
}
