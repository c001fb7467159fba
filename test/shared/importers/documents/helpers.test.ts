/** Unit tests of the document importers' helpers: dates, places, talk lines, presenters, names, hashing. */
import { createHash } from 'node:crypto';
import { parseTalkLine } from '../../../../src/shared/importers/documents/cv-talks';
import { nameFromEmail } from '../../../../src/shared/importers/documents/cv-header';
import { findDateRange, parseDateRangeLine, parseDayInWords, parseTimeSpan } from '../../../../src/shared/importers/documents/dates';
import { findLinks, hasPhone } from '../../../../src/shared/importers/documents/contacts';
import { parsePlace, placeFromAddress, splitTrailingPlace } from '../../../../src/shared/importers/documents/places';
import { parsePresenters } from '../../../../src/shared/importers/documents/presenters';
import { sha256Hex } from '../../../../src/shared/importers/documents/sha256';
import { unshout } from '../../../../src/shared/importers/documents/text-utils';

describe('dates', () => {
  it.each([
    ['March 2011 - Present', { start: '2011-03', current: true }],
    ['APR 2014 - PRESENT', { start: '2014-04', current: true }],
    ['March 2011 April 2014', { start: '2011-03', end: '2014-04' }],
    ['2022 Present', { start: '2022', current: true }],
    ['09/2015 – 06/2018', { start: '2015-09', end: '2018-06' }],
    ['1999 to 2005', { start: '1999', end: '2005' }],
    ['1994 - 199', { start: '1994' }],
  ])('reads the range %s', (text, expected) => {
    expect(parseDateRangeLine(text)).toMatchObject(expected);
  });

  it('splits a title from its dates', () => {
    expect(findDateRange('Web developer January 2001 - December 2002')).toMatchObject({ before: 'Web developer', start: '2001-01', end: '2002-12' });
    expect(parseDateRangeLine('Web developer 2001')).toBeUndefined();
  });

  it('reads days and times', () => {
    expect(parseDayInWords('Thursday, 20 December 2018')).toBe('2018-12-20');
    expect(parseDayInWords('December 20, 2018')).toBe('2018-12-20');
    expect(parseTimeSpan('18:00 - 19:00')).toEqual({ start: '18:00', end: '19:00' });
    expect(parseTimeSpan('6pm–7.30pm')).toEqual({ start: '18:00', end: '19:30' });
  });
});

describe('places', () => {
  it('reads city and country, with aliases and US states', () => {
    expect(parsePlace('Dublin, Rep. of Ireland')).toEqual({ city: 'Dublin', country: 'Ireland' });
    expect(parsePlace('San Francisco, CA')).toEqual({ city: 'San Francisco', country: 'United States' });
    expect(parsePlace('Infozoo Project Catania, Italy')).toBeUndefined();
    expect(splitTrailingPlace('MOVIA SpA Catania, Italy')).toEqual({ rest: 'MOVIA SpA', place: { city: 'Catania', country: 'Italy' } });
  });

  it('keeps only city and country of a postal address', () => {
    expect(placeFromAddress('Hauptstraße 5 10115 Berlin Germany')).toEqual({ city: 'Berlin', country: 'Germany' });
  });
});

describe('talk lines', () => {
  it.each([
    ['2016\tA title, EuroPython 2016\tBilbao, Spain', { title: 'A title', year: '2016', event: { name: 'EuroPython 2016' }, place: { city: 'Bilbao' } }],
    ['Kubecon EU 2018 - A title', { title: 'A title', year: '2018', event: { name: 'KubeCon EU 2018' } }],
    ['IDI 2019 Keynote – Why? Lessons', { title: 'Why? Lessons', kind: 'keynote', event: { name: 'IDI 2019' } }],
    ['"Quoted title", RustConf 2020, Portland, OR', { title: 'Quoted title', event: { name: 'RustConf 2020' }, place: { city: 'Portland', country: 'United States' } }],
    ['A title at FOSDEM 2019', { title: 'A title', event: { name: 'FOSDEM 2019' } }],
    ['Title only, no event', { title: 'Title only, no event' }],
  ])('reads %s', (line, expected) => {
    expect(parseTalkLine(line)).toMatchObject(expected);
  });
});

describe('presenters', () => {
  it('reads name, role and employer in the usual forms', () => {
    expect(parsePresenters('Rok Papež, Production Engineer, Facebook')).toEqual([{ name: 'Rok Papež', role: 'Production Engineer', employer: 'Facebook' }]);
    expect(parsePresenters('Ana Lima (CTO at Example Ltd) and Bo Chen')).toEqual([
      { name: 'Ana Lima', role: 'CTO', employer: 'Example Ltd' },
      { name: 'Bo Chen' },
    ]);
    expect(parsePresenters('by Ana Lima, Bo Chen and Cy Diaz').map((p) => p.name)).toEqual(['Ana Lima', 'Bo Chen', 'Cy Diaz']);
  });
});

describe('contacts and names', () => {
  it('infers a name from an e-mail and a personal domain', () => {
    expect(nameFromEmail(['angelo@angelofailla.com'], [])).toBe('Angelo Failla');
    expect(nameFromEmail(['jane.doe@example.org'], [])).toBe('Jane Doe');
    expect(nameFromEmail(['info@example.org'], [])).toBeUndefined();
  });

  it('finds public links, not e-mail domains, and recognises phones', () => {
    expect(findLinks('me@site.com | github.com/jdoe | https://www.linkedin.com/in/jdoe').map((l) => l.kind)).toEqual(['linkedin', 'github']);
    expect(hasPhone('(+353) 087-783-0338')).toBe(true);
    expect(hasPhone('1999 - 2005')).toBe(false);
  });

  it('hashes like SHA-256', () => {
    for (const s of ['', 'abc', 'Rok Papež', 'x'.repeat(200)]) expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
  });

  it('title-cases shouted titles but keeps acronyms', () => {
    expect(unshout('UNIX SYSTEM AND NETWORK ADMINISTRATOR')).toBe('UNIX System and Network Administrator');
    expect(unshout('STAFF PRODUCTION ENGINEER (IC6)')).toBe('Staff Production Engineer (IC6)');
  });
});
