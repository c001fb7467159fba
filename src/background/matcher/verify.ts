/**
 * Confirms the page's candidates against the archive. The page matched on
 * 32-bit hashes, which can collide; here each candidate is compared word for
 * word with the names of the speakers its hash points at.
 */
import { foldedWords, formHash, tokenize } from './fold';
import type { NameMatch } from '../../shared/messages';
import type { Speaker } from '../../shared/types';
import type { PodiumDb } from '../db';
import { MAX_FORM_TOKENS, idsForHash, nameKeys, namesOf } from './compile';
import type { StoredMatcher } from './store';

/** The folded keys every written form of a speaker gives. */
export function speakerKeys(s: Pick<Speaker, 'id' | 'name' | 'aliases' | 'nameKeys'>): Set<string> {
  return new Set(namesOf(s).flatMap(nameKeys));
}

/**
 * @param names - candidates in "First Last" order, as written on the page
 * @returns one entry per confirmed candidate, in input order
 */
export async function verifyNames(db: PodiumDb, m: StoredMatcher, names: string[]): Promise<NameMatch[]> {
  const wanted: { name: string; key: string; ids: string[] }[] = [];
  for (const name of new Set(names)) {
    const words = foldedWords(name);
    if (words.length < 2 || words.length > MAX_FORM_TOKENS) continue;
    const ids = idsForHash(m, formHash(tokenize(name).hashes));
    if (ids.length) wanted.push({ name, key: words.join(' '), ids });
  }
  const allIds = [...new Set(wanted.flatMap((w) => w.ids))];
  if (!allIds.length) return [];
  const people = (await db.speakers.bulkGet(allIds)).filter((s): s is Speaker => !!s);
  const keysById = new Map(people.map((s) => [s.id, speakerKeys(s)]));
  const byId = new Map(people.map((s) => [s.id, s]));
  const out: NameMatch[] = [];
  for (const w of wanted) {
    const speakers = w.ids
      .filter((id) => keysById.get(id)?.has(w.key))
      .map((id) => {
        const s = byId.get(id)!;
        return { id: s.id, name: s.name, ...(s.headline[0] ? { headline: s.headline[0].value } : {}) };
      });
    if (speakers.length) out.push({ name: w.name, speakers });
  }
  return out;
}
