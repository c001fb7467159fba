/** The folded keys verification compares (the worker's own function, re-exported for tests). */
import { type NamedPerson, nameKeys, namesOf } from '../../../src/background/matcher/compile';

export const verifyKeys = (p: NamedPerson): Set<string> => new Set(namesOf(p).flatMap(nameKeys));
