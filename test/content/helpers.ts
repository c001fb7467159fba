/** Builds matcher tables the way the worker does, for page-side tests. */
import { compileMatcher, MAX_FORM_TOKENS, type NamedPerson, toBase64 } from '../../src/background/matcher/compile';
import { type MatcherTables, decodeTables, findCandidates } from '../../src/background/matcher/candidates';
import { type NameMatch, NODE_JOIN, type TextHits } from '../../src/shared/messages';
import { foldedWords } from '../../src/background/matcher/fold';
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

/**
 * A stand-in for the worker's `findNames` (find-names.ts): the nodes' text
 * joined as the worker joins it (`texts` records it), candidates from the
 * compiled tables, confirmed by {@link fakeVerify}, each distinct name
 * confirmed once (`calls` records what was confirmed per request).
 */
export function fakeFind(people: NamedPerson[], calls: string[][] = [], texts: string[] = []): (parts: string[]) => Promise<TextHits> {
  const tables = tablesFor(people);
  const verify = fakeVerify(people);
  const verdicts = new Map<string, NameMatch['speakers'] | null>();
  return async (parts) => {
    const text = parts.join(NODE_JOIN);
    texts.push(text);
    const candidates = findCandidates(text, tables);
    const key = (name: string) => foldedWords(name).join(' ');
    const byKey = new Map<string, string>();
    for (const c of candidates) if (!verdicts.has(key(c.name)) && !byKey.has(key(c.name))) byKey.set(key(c.name), c.name);
    const unknown = [...byKey.values()];
    if (unknown.length) {
      calls.push(unknown);
      const confirmed = new Map((await verify(unknown)).map((m) => [key(m.name), m.speakers]));
      for (const n of unknown) verdicts.set(key(n), confirmed.get(key(n)) ?? null);
    }
    const names: NameMatch[] = [];
    const hits: number[] = [];
    for (const c of candidates) {
      const speakers = verdicts.get(key(c.name));
      if (!speakers) continue;
      const name = c.name.replace(/\s+/g, ' ');
      let i = names.findIndex((n) => n.name === name);
      if (i < 0) i = names.push({ name, speakers }) - 1;
      hits.push(c.start, c.end, i);
    }
    return { active: people.length > 0, names, hits };
  };
}

/**
 * The closed shadow roots attached from now until the test's mocks are
 * restored: how a test reads the card, which no page script can.
 */
export function captureShadowRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const attach = Element.prototype.attachShadow;
  jest.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  return roots;
}

/** The text a found name's (static) range covers now. */
export function rangeText(r: AbstractRange): string {
  const live = document.createRange();
  live.setStart(r.startContainer, r.startOffset);
  live.setEnd(r.endContainer, r.endOffset);
  return live.toString();
}
