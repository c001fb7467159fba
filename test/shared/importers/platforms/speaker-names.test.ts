import { parseSpeakerString } from '../../../../src/shared/importers/platforms/speaker-names';

const names = (s: string) => parseSpeakerString(s).people.map((p) => p.name);

describe('speaker strings (real pyvideo and FOSDEM examples)', () => {
  it.each([
    ['Andrey Lushnikov & Max Schmitt', ['Andrey Lushnikov', 'Max Schmitt']],
    ['Anna Spysz and Chase Douglas', ['Anna Spysz', 'Chase Douglas']],
    ['Kim Jong-min, Park Yu-na, Hwang Han-gyeol', ['Kim Jong-min', 'Park Yu-na', 'Hwang Han-gyeol']],
    ['Federico Martinez y Santiago Avendaño', ['Federico Martinez', 'Santiago Avendaño']],
    ['Haque Ishfaq; Hassan Sami Adnan ...', ['Haque Ishfaq', 'Hassan Sami Adnan']],
    ['Python Web Conf supports @coderdojo with: Calvin Hendryx-Parker and Josh Qualls', ['Calvin Hendryx-Parker', 'Josh Qualls']],
    ['Testing and Monitoring Web Applications in the Wild by Sam Clarke', ['Sam Clarke']],
  ])('splits "%s"', (s, expected) => expect(names(s)).toEqual(expected));

  it.each(['Ing Wei, Tang', 'Chu, Hua-Rong', 'Richard D. Copeland, Jr.', 'Keira and Sky', 'Kelly Schuster - Paredes', 'George T. C., Lai'])(
    'does not split "%s" (not safe)',
    (s) => expect(names(s)).toEqual([s]),
  );

  it.each([
    ['Jannis Leidel (he/him)', 'Jannis Leidel'], ['Dillon R. Gardner, PhD', 'Dillon R. Gardner'], ['Dr.Tania Allard', 'Tania Allard'],
    ['Prof. Dr. Michael Feindt', 'Michael Feindt'], ['Amber Brown ("HawkOwl")', 'Amber Brown'], ["Paul '@pjf' Fenwick", 'Paul Fenwick'],
    ['Drew Smith', 'Drew Smith'], ['“Alex”', 'Alex'], ['@benoitc', 'benoitc'], ['Angelo Failla', 'Angelo Failla'],
  ])('cleans "%s" → "%s"', (s, expected) => expect(names(s)).toEqual([expected]));

  it('keeps multi-word alternative names as aliases', () => {
    expect(parseSpeakerString('李昱勳 (Yu-Hsun Lee)').people).toEqual([{ name: '李昱勳', aliases: ['Yu-Hsun Lee'] }]);
    expect(parseSpeakerString('Christopher Beacham / Lady Red').people).toEqual([{ name: 'Christopher Beacham', aliases: ['Lady Red'] }]);
  });

  it.each(['Various speakers', 'Various', 'Multiple Speakers', '', '   ', 'Panel', 'Lightning Talks, DAY 1 - PyTexas 202', 'PyCon Korea Team', 'FOSDEM Staff', 'Europython 2019', '001'])(
    '"%s" is nobody',
    (s) => expect(names(s)).toEqual([]),
  );
});
