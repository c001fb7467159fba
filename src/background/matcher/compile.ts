/**
 * Compiles the archive's names into the compact matcher index that
 * `findNames` searches page text with (find-names.ts).
 *
 * A "form" is one way a person's name is written: the display name, each
 * alias, the archive's name keys, and for a name stored as "Last, First"
 * both orders. Forms of one
 * word are left out: a first name alone must never match.
 */
import { COMMA, buildHashSet, foldedWords, formHash, keyCheck, tokenize } from './fold';
import { sortInSteps } from '../sort-in-steps';

/** Longest name form, in words, that page text is searched for. */
export const MAX_FORM_TOKENS = 5;

export interface NamedPerson {
  id: string;
  name: string;
  aliases?: readonly { value: string }[];
  /** The archive's normalised keys (names.ts): they drop titles, degrees and pronouns. */
  nameKeys?: readonly string[];
}

/** The index as the worker keeps it. */
export interface CompiledMatcher {
  /** Hash set of every form's first word. */
  first: Uint32Array;
  /** Hash set of every whole form. */
  forms: Uint32Array;
  /** Form hash → speaker ids, as parallel arrays sorted by hash (for verifying candidates). */
  postingHashes: Uint32Array;
  postingIds: string[];
  /** Each posting's {@link keyCheck}: with its form hash, 64 bits that confirm a candidate without reading the archive. */
  postingChecks: Uint32Array;
  /** Each posting's first-word hash (to update the index without the archive, {@link compileInSlices}). */
  postingFirst: Uint32Array;
  /** Every person's id, those without a form too. */
  people: string[];
  speakerCount: number;
  formCount: number;
}

/** One way a name is written: its word-token hashes, and its folded words joined by spaces ("papez rok"). */
export interface NameForm {
  tokens: number[];
  key: string;
}

/** The forms a written name stands for (0, 1 or 2 of them: "Last, First" gives both orders). */
export function nameForms(name: string): NameForm[] {
  const { hashes, sepAfter } = tokenize(name);
  // The same split as the tokens': runs of word codes, whatever separates them.
  const words = foldedWords(name);
  const comma = sepAfter.indexOf(COMMA);
  const forms = [{ tokens: hashes, words }];
  if (comma >= 0 && comma < hashes.length - 1) {
    forms.push({ tokens: [...hashes.slice(comma + 1), ...hashes.slice(0, comma + 1)], words: [...words.slice(comma + 1), ...words.slice(0, comma + 1)] });
  }
  return forms.filter((f) => f.tokens.length >= 2 && f.tokens.length <= MAX_FORM_TOKENS).map((f) => ({ tokens: f.tokens, key: f.words.join(' ') }));
}

/** The folded-word keys of a name, in the same orders as {@link nameForms}: what verification compares exactly. */
export function nameKeys(name: string): string[] {
  return nameForms(name).map((f) => f.key);
}

const APOSTROPHES = /['’ʼ`´‘]/gu;

/**
 * Every written name of a person: display name, aliases, the archive's name
 * keys, and each with its apostrophes dropped (pages write both "O’Brien"
 * and "OBrien"; the fold splits the first into two words).
 */
export function namesOf(p: NamedPerson): string[] {
  const names = [p.name, ...(p.aliases ?? []).map((a) => a.value), ...(p.nameKeys ?? [])];
  for (const n of names.slice()) {
    const joined = n.replace(APOSTROPHES, '');
    if (joined !== n) names.push(joined);
  }
  return names;
}

type Posting = { hash: number; check: number; first: number; id: string };

/** One person's forms: (form hash, key check, first word's hash), each form once. */
function formsOf(person: NamedPerson, out: Posting[]): void {
  const seen = new Set<string>();
  for (const name of namesOf(person)) {
    for (const { tokens, key } of nameForms(name)) {
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ hash: formHash(tokens), check: keyCheck(key), first: tokens[0]!, id: person.id });
    }
  }
}

/** Adds each person's forms to `postings` and id to `people`, a person a step (see {@link compileInSlices}). */
function* addForms(add: Iterable<readonly [string, NamedPerson]>, postings: Posting[], people: string[]): Generator<void> {
  for (const [id, person] of add) {
    people.push(id);
    formsOf(person, postings);
    yield;
  }
}

/** What an update needs of the index it starts from. */
export type UpdateBase = Pick<CompiledMatcher, 'postingHashes' | 'postingChecks' | 'postingFirst' | 'postingIds' | 'people'>;

interface Start {
  postings: Posting[];
  people: string[];
  add: Iterable<readonly [string, NamedPerson]>;
}

/** What an update keeps of the previous index, and the people whose forms it adds; yields every few thousand postings. */
function* updateStart(prev: UpdateBase, changed: ReadonlyMap<string, NamedPerson | null>): Generator<void, Start> {
  const postings: Posting[] = [];
  for (let i = 0; i < prev.postingIds.length; i++) {
    if ((i & 4095) === 4095) yield;
    const id = prev.postingIds[i]!;
    if (!changed.has(id)) postings.push({ hash: prev.postingHashes[i]!, check: prev.postingChecks[i]!, first: prev.postingFirst[i]!, id });
  }
  yield;
  const people = prev.people.filter((id) => !changed.has(id));
  const add = [...changed].filter((e): e is [string, NamedPerson] => e[1] !== null);
  return { postings, people, add };
}

const everyone = (people: Iterable<NamedPerson>) => [...people].map((p) => [p.id, p] as const);

/**
 * The index from postings (any order) and the ids of everyone in it, in
 * steps: sorting 100,000 postings and building the hash sets are a stretch
 * of 100 ms or more after an import, which the worker's slices break up.
 */
function* assembling(postings: Posting[], people: string[]): Generator<void, CompiledMatcher> {
  yield* sortInSteps(postings, (a, b) => a.hash - b.hash);
  // Every word of a page probes `first`, so keep it sparse; `forms` is probed
  // only after a first-word hit and can be fuller.
  const first = buildHashSet(
    postings.map((p) => p.first),
    0.5,
  );
  yield;
  const forms = buildHashSet(
    postings.map((p) => p.hash),
    0.7,
  );
  yield;
  return {
    first,
    forms,
    postingHashes: Uint32Array.from(postings, (p) => p.hash),
    postingChecks: Uint32Array.from(postings, (p) => p.check),
    postingFirst: Uint32Array.from(postings, (p) => p.first),
    postingIds: postings.map((p) => p.id),
    people,
    speakerCount: people.length,
    formCount: postings.length,
  };
}

/** Runs a generator to its end at once. */
function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Builds the index from every person in the archive. Linear in the number of names. */
export function compileMatcher(people: Iterable<NamedPerson>): CompiledMatcher {
  const postings: Posting[] = [];
  const ids: string[] = [];
  for (const _ of addForms(everyone(people), postings, ids));
  return finish(assembling(postings, ids));
}

/**
 * {@link compileMatcher} in the worker's time slices: the names of 50,000
 * people are a second of work, which a keystroke in the popup would
 * otherwise wait for after an import. Given `update`, the index after some
 * people changed (`null`: deleted), without reading the rest of the archive:
 * their old forms are dropped and their new ones added, which gives the same
 * index as compiling the whole archive again.
 */
export async function compileInSlices(
  slices: { due(): boolean; pause(): Promise<void> },
  people: Iterable<NamedPerson>,
  update?: { prev: UpdateBase; changed: ReadonlyMap<string, NamedPerson | null> },
): Promise<CompiledMatcher> {
  const inSlices = async <T>(steps: Generator<void, T>): Promise<T> => {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (slices.due()) await slices.pause();
    }
  };
  const start: Start = update ? await inSlices(updateStart(update.prev, update.changed)) : { postings: [], people: [], add: everyone(people) };
  for (const _ of addForms(start.add, start.postings, start.people)) if (slices.due()) await slices.pause();
  return inSlices(assembling(start.postings, start.people));
}

/** The postings whose form hash is `hash`, as an index range [start, end) (binary search). */
export function postingRange(m: Pick<CompiledMatcher, 'postingHashes'>, hash: number): [number, number] {
  const h = m.postingHashes;
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h[mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < h.length && h[end] === hash) end++;
  return [lo, end];
}

/** Speaker ids whose forms hash to `hash`. */
export function idsForHash(m: Pick<CompiledMatcher, 'postingHashes' | 'postingIds'>, hash: number): string[] {
  const [start, end] = postingRange(m, hash);
  return m.postingIds.slice(start, end);
}

/* ---------- typed arrays as base64: the stored row's and `matcherIndex`'s format, from when pages received the index over Chrome's JSON messaging ---------- */

/** Base64 of a typed array's bytes. */
export function toBase64(a: Uint32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(bin);
}
