import { findCandidates } from '../../../src/background/matcher/candidates';
import { SEED_PEOPLE, tablesFor } from '../../content/helpers';

const tables = tablesFor([
  ...SEED_PEOPLE,
  { id: 'sp_anna', name: 'Anna Maria' },
  { id: 'sp_anna_smith', name: 'Anna Maria Smith' },
  { id: 'sp_lukasz', name: 'Łukasz Weiß' },
  { id: 'sp_obrien', name: "Conan O'Brien" },
  { id: 'sp_kim', name: 'Kim, Jae-won' },
]);
const names = (text: string) => findCandidates(text, tables).map((c) => c.name);
const spans = (text: string) => findCandidates(text, tables).map((c) => text.slice(c.start, c.end));

describe('findCandidates', () => {
  it('ignores case and diacritics', () => {
    expect(names('Talk by Rok Papez and ROK PAPEŽ')).toEqual(['Rok Papez', 'ROK PAPEŽ']);
    expect(names('Angelo Failla')).toEqual(['Angelo Failla']);
  });

  it('finds decomposed (NFD) text and keeps the whole name in the range', () => {
    const text = 'Rok Pape\u017e'.normalize('NFD');
    expect(spans(`with ${text}.`)).toEqual([text]);
  });

  it('finds "Last, First" and reports it in "First Last" order', () => {
    const text = 'Speakers: Papež, Rok; Lavagetto, Giuseppe';
    expect(names(text)).toEqual(['Rok Papež', 'Giuseppe Lavagetto']);
    expect(spans(text)).toEqual(['Papež, Rok', 'Lavagetto, Giuseppe']);
  });

  it('finds names across line breaks and non-breaking spaces', () => {
    expect(names('Rok\u00a0Papež')).toEqual(['Rok\u00a0Papež']);
    expect(names('Giuseppe\n   Lavagetto')).toHaveLength(1);
  });

  it('never matches a first name alone', () => {
    expect(names('Rok and Angelo and Giuseppe spoke')).toEqual([]);
  });

  it('never matches inside a word', () => {
    expect(names('la défaillance du système Angelo')).toEqual([]);
    expect(names('Angelo Faillance')).toEqual([]);
    expect(names('XAngelo Failla')).toEqual([]);
  });

  it('does not join words across hard punctuation', () => {
    expect(names('Angelo | Failla')).toEqual([]);
    expect(names('Angelo (Failla)')).toEqual([]);
  });

  it('finds possessives and the longest form', () => {
    expect(names("Angelo Failla's talk")).toEqual(['Angelo Failla']);
    expect(names('by Anna Maria Smith today')).toEqual(['Anna Maria Smith']);
    expect(names('by Anna Maria today')).toEqual(['Anna Maria']);
  });

  it('folds stroked letters and ß like the archive does', () => {
    expect(names('Lukasz Weiss')).toHaveLength(1);
    expect(names('ŁUKASZ WEISS')).toHaveLength(1);
  });

  it('matches apostrophes written or dropped', () => {
    expect(names("Conan O'Brien")).toHaveLength(1);
    expect(names('Conan O’Brien')).toHaveLength(1);
    expect(names('Conan OBrien')).toHaveLength(1);
  });

  it('finds a name stored as "Last, First" in both orders', () => {
    expect(names('Jae-won Kim')).toEqual(['Jae-won Kim']);
    expect(names('Kim Jae-won')).toEqual(['Kim Jae-won']);
  });
});

describe('fold table', () => {
  it('folds ASCII without regular expressions exactly as the Unicode-property fold does', async () => {
    const { computeFold, foldCode } = await import('../../../src/background/matcher/fold');
    for (let c = 0; c < 0x80; c++) expect([c, foldCode(c)]).toEqual([c, computeFold(c)]);
  });
});
