/**
 * What makes two records the same, and how one record absorbs another. Pure
 * functions over archive records, shared by imports and manual merges.
 */
import { foldText, normalizeName, normalizeTitle } from '../../shared/names';
import type { Link, PodiumEvent, Speaker, Talk } from '../../shared/types';
import { canonical, mergeFacts, mergeScalars, mergeSourced, type SourceRank, unionSources } from './facts';
import { eventKeyOf, speakerIdKeys, speakerNameKeys, yearOf } from './schema';

/** True when the two have a strong identifier scheme in common but no value of it: two people. */
export function identifiersConflict(a: Pick<Speaker, 'identifiers'>, b: Pick<Speaker, 'identifiers'>): boolean {
  if (a.identifiers.length === 0 || b.identifiers.length === 0) return false;
  const schemes = new Set(a.identifiers.map((i) => i.scheme));
  for (const scheme of schemes) {
    const mine = new Set(a.identifiers.filter((i) => i.scheme === scheme).map((i) => i.value));
    const theirs = b.identifiers.filter((i) => i.scheme === scheme).map((i) => i.value);
    if (theirs.length > 0 && !theirs.some((v) => mine.has(v))) return true;
  }
  return false;
}

/** How good a spelling is to show: accents and mixed case beat their absence ("Stéphane" over "Stephane", "Farrens" over "FARRENS"); commas, brackets and handles lose. */
function spellingScore(name: string): number {
  let score = spellings.get(name);
  if (score === undefined) {
    // Asked for both names of every person merged, and a person in four files is merged three times.
    if (spellings.size >= 10_000) spellings.clear();
    spellings.set(name, (score = spellingScoreNow(name)));
  }
  return score;
}

const spellings = new Map<string, number>();

function spellingScoreNow(name: string): number {
  const nonAscii = [...name.normalize('NFC')].filter((c) => /\p{L}/u.test(c) && c > '\u007f').length;
  const words = name.split(/\s+/u).filter((w) => /\p{Lu}/u.test(w) || /\p{Ll}/u.test(w));
  const properCase = words.filter((w) => /^\p{Lu}/u.test(w) && /\p{Ll}/u.test(w)).length;
  // "Wirtel, Stéphane" or "Stéphane Wirtel (he/him)" show worse than "Stéphane Wirtel".
  const decorated = /[,()[\]@"“”]/u.test(name) ? 25 : 0;
  return nonAscii * 10 + properCase - decorated;
}

const linkKey = (l: Link) => l.url.trim().replace(/^https?:\/\/(www\.)?/i, '').replace(/\/+$/, '').toLowerCase();

/**
 * Merges speaker `b` into `a` (mutated): facts unioned with their sources,
 * `b`'s name kept as an alias when it is another name (not just another
 * spelling of the same one). A better spelling of the same name becomes the
 * display name unless the user pinned it.
 */
export function absorbSpeaker(rank: SourceRank, a: Speaker, b: Speaker, at: string): Speaker {
  let aliases = mergeFacts(rank, a.aliases, b.aliases);
  if (normalizeName(a.name) === normalizeName(b.name)) {
    if (!a.pinned?.includes('name') && spellingScore(b.name) > spellingScore(a.name)) a.name = b.name;
  } else {
    aliases = mergeFacts(rank, aliases, [{ value: b.name, sources: b.sources }]);
  }
  a.aliases = aliases.filter((f) => f.value !== a.name);
  a.headline = mergeFacts(rank, a.headline, b.headline);
  a.location = mergeFacts(rank, a.location, b.location);
  a.summary = mergeFacts(rank, a.summary, b.summary);
  a.skills = mergeFacts(rank, a.skills, b.skills);
  a.projects = mergeFacts(rank, a.projects, b.projects);
  a.photoUrl = mergeFacts(rank, a.photoUrl, b.photoUrl);
  a.positions = mergeSourced(rank, a.positions, b.positions, (p) => `${foldText(p.organisation)}|${foldText(p.title ?? '')}|${p.start ?? ''}`);
  a.education = mergeSourced(rank, a.education, b.education, (e) => `${foldText(e.institution)}|${foldText(e.degree ?? '')}`);
  a.publications = mergeSourced(rank, a.publications, b.publications, (p) => normalizeTitle(p.title));
  a.links = mergeSourced(rank, a.links, b.links, linkKey, false);
  a.identifiers = mergeSourced(rank, a.identifiers, b.identifiers, (i) => `${i.scheme}:${i.value}`);
  a.sources = unionSources(rank, a.sources, b.sources);
  const pinned = [...new Set([...(a.pinned ?? []), ...(b.pinned ?? [])])];
  if (pinned.length > 0) a.pinned = pinned;
  if (b.createdAt < a.createdAt) a.createdAt = b.createdAt;
  a.nameKeys = speakerNameKeys(a);
  a.idKeys = speakerIdKeys(a);
  a.updatedAt = at;
  return a;
}

/** Year of a talk: its date's, else its event's. */
export function talkYear(t: Pick<Talk, 'date'>, event?: Pick<PodiumEvent, 'year' | 'startDate'>): number | undefined {
  return yearOf(t.date) ?? event?.year ?? yearOf(event?.startDate);
}

const TALK_SCALARS = ['title', 'kind', 'language', 'date', 'start', 'end', 'timeZone', 'durationMinutes', 'room', 'eventId'] as const;

/**
 * Merges talk `b` into `a` (mutated). Speakers keep `a`'s order; `b`'s are
 * appended unless `sameSpeaker` says one of `a`'s is the same person.
 */
export function absorbTalk(
  rank: SourceRank,
  a: Talk,
  b: Talk,
  at: string,
  sameSpeaker: (x: string, y: string) => boolean = (x, y) => x === y,
): Talk {
  const incoming: Partial<Talk> = { ...b };
  // A more precise date that agrees ("2016-07-19" after "2016") is not a conflict.
  if (a.date && b.date && a.date !== b.date) {
    if (b.date.startsWith(a.date)) a.date = b.date;
    if (a.date.startsWith(b.date)) delete incoming.date;
  }
  // Another spelling of the same title is not a conflicting fact.
  if (normalizeTitle(a.title) === normalizeTitle(b.title)) delete incoming.title;
  // "talk" is what importers say when they do not know the kind.
  if (b.kind === 'talk' && a.kind !== 'talk') delete incoming.kind;
  if (a.kind === 'talk' && b.kind !== 'talk' && !a.pinned?.includes('kind')) a.kind = b.kind;
  mergeScalars(rank, a, incoming, TALK_SCALARS);
  for (const s of b.speakerIds) if (!a.speakerIds.some((x) => sameSpeaker(x, s))) a.speakerIds.push(s);
  a.abstract = mergeFacts(rank, a.abstract, b.abstract);
  a.links = mergeSourced(rank, a.links, b.links, linkKey, false);
  const tags = new Map(a.tags.map((t) => [foldText(t), t]));
  for (const t of b.tags) if (!tags.has(foldText(t))) tags.set(foldText(t), t);
  a.tags = [...tags.values()];
  a.sources = unionSources(rank, a.sources, b.sources);
  a.titleKey = normalizeTitle(a.title);
  if (b.createdAt < a.createdAt) a.createdAt = b.createdAt;
  a.updatedAt = at;
  return a;
}

const EVENT_SCALARS = ['name', 'series', 'edition', 'year', 'startDate', 'endDate', 'city', 'country', 'venue', 'url'] as const;

/** Merges event `b` into `a` (mutated); the merge key stays `a`'s. */
export function absorbEvent(rank: SourceRank, a: PodiumEvent, b: PodiumEvent, at: string): PodiumEvent {
  mergeScalars(rank, a, b, EVENT_SCALARS);
  a.sources = unionSources(rank, a.sources, b.sources);
  a.eventKey = eventKeyOf(a);
  if (b.createdAt < a.createdAt) a.createdAt = b.createdAt;
  a.updatedAt = at;
  return a;
}

/** True when `a` and `b` have the same content (ignoring key order). */
export const sameRecord = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
