/** Builds matcher tables the way the worker does, for page-side tests. */
import { compileMatcher, MAX_FORM_TOKENS, type NamedPerson, toBase64 } from '../../src/background/matcher/compile';
import { type MatcherTables, decodeTables } from '../../src/content/name-matcher';
import type { NameMatch } from '../../src/shared/messages';
import { foldedWords } from '../../src/shared/fold';
import { verifyKeys } from '../background/matcher/keys';

export const SEED_PEOPLE: NamedPerson[] = [
  { id: 'sp_failla', name: 'Angelo Failla' },
  { id: 'sp_lavagetto', name: 'Giuseppe Lavagetto' },
  { id: 'sp_papez', name: 'Rok Papež' },
];

/** Tables as the content script decodes them from the worker's payload. */
export function tablesFor(people: NamedPerson[]): MatcherTables {
  const m = compileMatcher(people);
  return decodeTables({ revision: 1, maxTokens: MAX_FORM_TOKENS, first: toBase64(m.first), forms: toBase64(m.forms) });
}

/** A stand-in for the worker's `matchNames`: confirms by exact folded key, like verify.ts. */
export function fakeVerify(people: NamedPerson[], calls: string[][] = []): (names: string[]) => Promise<NameMatch[]> {
  return async (names) => {
    calls.push(names);
    return names.flatMap((name) => {
      const key = foldedWords(name).join(' ');
      const speakers = people.filter((p) => verifyKeys(p).has(key));
      return speakers.length ? [{ name, speakers: speakers.map((p) => ({ id: p.id, name: p.name })) }] : [];
    });
  };
}
