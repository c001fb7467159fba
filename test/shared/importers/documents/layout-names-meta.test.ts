/**
 * Regression tests for three bugs the e2e tests found:
 * - a rendered talk page whose <h1> and "date · time · room" line sit in a
 *   page header outside <main> (the demo talk page);
 * - CV names with hyphens, apostrophes, particles, initials and non-Latin
 *   letters;
 * - a two-column CV printed to PDF (sidebar + main column): the reading
 *   order, from the pdf.js text items captured once from Chromium's PDF
 *   (test/fixtures/cv-html/capture-pdf-items.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { looksLikeName } from '../../../../src/shared/importers/documents/cv-header';
import { joinWrapped } from '../../../../src/shared/importers/documents/cv-talks';
import { parseCvText } from '../../../../src/shared/importers/documents/cv-text';
import { stripSiteSuffix } from '../../../../src/shared/importers/documents/page-blocks';
import { findGutter, type PdfTextItem } from '../../../../src/import/importers/pdf-layout';
import { parseTalkDocument, parseTalkMarkdown } from '../../../../src/shared/importers/documents/talk-page';
import { FIXTURES, pdfItemsText } from './accuracy';

const ROOT = path.resolve(__dirname, '../../../..');
const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('talk page: title and meta line outside <main>', () => {
  const demo = readFileSync(path.join(ROOT, 'demo/democon/talk/facebook-infrastructure-under-the-hood/index.html'), 'utf8');

  it('reads the demo page: the header’s <h1>, date, times and room', () => {
    const b = parseTalkDocument(parseHtml(demo), 'demo.html');
    expect(b.talks[0]).toMatchObject({ title: 'Facebook infrastructure: Under the Hood', date: '2018-12-20', start: '18:00', end: '19:00', room: 'Classroom P22' });
    expect(b.speakers.map((s) => s.name)).toEqual(['Rok Papež']);
    expect(b.warnings).not.toContain('The page gives no date for the talk.');
  });

  it('falls back to og:title, then <title>, without the site suffix', () => {
    const body = '<main><p>Speaker: Jane Roe</p><p>An abstract.</p></main>';
    const og = parseTalkDocument(parseHtml(`<title>X</title><meta property="og:title" content="Fast builds | BuildConf 2024">${body}`), 'a.html');
    expect(og.talks[0]!.title).toBe('Fast builds');
    const title = parseTalkDocument(parseHtml(`<title>Fast builds · BuildConf 2024</title>${body}`), 'b.html');
    expect(title.talks[0]!.title).toBe('Fast builds');
  });

  it('prefers the main content’s <h1> over a site logo <h1> in the header', () => {
    const html = '<header><h1>BuildConf</h1></header><main><h1>Fast builds</h1><p>Speaker: Jane Roe</p></main>';
    expect(parseTalkDocument(parseHtml(html), 'c.html').talks[0]!.title).toBe('Fast builds');
  });

  it.each([
    ['Talk · Series', 'Talk'],
    ['Talk | Site | Section', 'Talk'],
    ['Talk – Site', 'Talk'],
    ['A talk - with a dash - Site', 'A talk - with a dash'],
    ['Plain title', 'Plain title'],
  ])('strips the site suffix of %s', (t, expected) => {
    expect(stripSiteSuffix(t)).toBe(expected);
  });

  it('reads free meta lines in Markdown too, but not prose with a date in it', () => {
    const md = '# Fast builds\n\nThu 14 March 2024 · 6pm–7.30pm · Room 4\n\nSpeaker: Jane Roe\n\nIn 2019 we moved to Bazel on 14 March 2019, and builds got fast.\n';
    const b = parseTalkMarkdown(md, 'x.md');
    expect(b.talks[0]).toMatchObject({ date: '2024-03-14', start: '18:00', end: '19:30', room: 'Room 4' });
    expect(b.talks[0]!.abstract).toMatch(/moved to Bazel/);
  });

  it('reads meta lines on hostile input (a backtracking pattern would hang here)', () => {
    const hostile = `# T\n\n${'· '.repeat(40_000)}x\n\n${'1'.repeat(50_000)}:\n\nSpeaker: Jane Roe\n`;
    expect(parseTalkMarkdown(hostile, 'h.md').speakers[0]!.name).toBe('Jane Roe');
    const page = parseTalkDocument(parseHtml(`<title>${' | '.repeat(30_000)}</title><main><p>Speaker: Jane Roe</p></main>`), 'h.html');
    expect(page.speakers[0]!.name).toBe('Jane Roe');
  });
});

describe('CV names', () => {
  it.each([
    'Tamsin Okonkwo-Reyes',
    "Siobhán O'Brien",
    'Marco D’Angelo',
    'Pieter van der Berg',
    'Ana de la Cruz',
    'J. R. R. Tolkien',
    'J.R.R. Tolkien',
    'Jean-Luc Picard',
    'Angus MacKenzie',
    'Анна Каренина',
    'Γιώργος Παπαδόπουλος',
    'محمد علي',
    'Nguyễn Văn An',
    'TAMSIN OKONKWO-REYES',
  ])('accepts %s', (name) => {
    expect(looksLikeName(name)).toBe(true);
  });

  it.each(['Site Reliability Engineer', 'Work experience', 'van der Berg', 'Jane D.', 'Curriculum Vitae', 'jane doe'])('rejects %s', (line) => {
    expect(looksLikeName(line)).toBe(false);
  });

  it('reads a hyphenated surname at the top of a CV, and tidies a shouted one', () => {
    const cv = (name: string) => `${name}\nSite Reliability Engineer\n\nExperience\nSRE at Quillwater Systems (2020 – present)\n`;
    expect(parseCvText(cv('Tamsin Okonkwo-Reyes'), 'a.txt').speakers[0]!.name).toBe('Tamsin Okonkwo-Reyes');
    expect(parseCvText(cv('ANA DE LA CRUZ-OKAFOR'), 'b.txt').speakers[0]!.name).toBe('Ana de la Cruz-Okafor');
    expect(parseCvText(cv("SIOBHÁN O'BRIEN"), 'c.txt').speakers[0]!.name).toBe("Siobhán O'Brien");
  });

  it('rejects hostile name-like lines (a backtracking pattern would hang here)', () => {
    for (const s of ['A' + 'a'.repeat(5000) + '1', `${'Ab-'.repeat(3000)}x y`, `${'J.'.repeat(5000)} X`]) expect(looksLikeName(s)).toBe(false);
  });
});

describe('two-column CV printed to PDF', () => {
  const json = readFileSync(path.join(FIXTURES, 'cv-html/two-column.pdf-items.json'), 'utf8');
  const page = (JSON.parse(json) as { pages: { width: number; items: PdfTextItem[] }[] }).pages[0]!;
  const text = pdfItemsText(json);
  const lines = text.split('\n');

  it('finds the gutter between the sidebar and the main column', () => {
    const g = findGutter(page.items, page.width)!;
    expect(g).toBeGreaterThan(190); // the sidebar ends near x 180
    expect(g).toBeLessThan(226); // the main column starts at x 226.75
  });

  it('reads the name across the top, then the sidebar, then the main column, sections intact', () => {
    expect(lines.slice(0, 3)).toEqual(['ILSE VANDERMEULEN', 'Data Engineering Lead', 'CONTACT']);
    const exp = lines.indexOf('EXPERIENCE');
    expect(lines.slice(exp, exp + 7)).toEqual([
      'EXPERIENCE',
      'Lindenhof Analytics, Ghent — Data Engineering Lead',
      '2019 – present',
      'Leads the streaming platform team.',
      'Brugge Telecom, Bruges — Data Engineer',
      '2013 – 2019',
      'Built the billing data pipeline.',
    ]);
    expect(lines.indexOf('EDUCATION')).toBeLessThan(exp);
    expect(lines.slice(lines.indexOf('CONFERENCE TALKS') + 1)).toEqual([
      '2024 – Exactly once, mostly – Kafka Summit London 2024, London,',
      'United Kingdom',
      '2021 – Schemas are contracts – PyCon Belgium 2021, Namur,',
      'Belgium',
    ]);
    expect(lines.some((l) => l.includes('\t'))).toBe(false);
  });

  it('yields the positions and the talks', () => {
    const b = parseCvText(text, 'ilse.pdf');
    expect(b.speakers[0]!.name).toBe('Ilse Vandermeulen');
    expect(b.speakers[0]!.positions?.map((p) => [p.organisation, p.title, p.start, p.end ?? (p.current ? 'now' : '')])).toEqual([
      ['Lindenhof Analytics', 'Data Engineering Lead', '2019', 'now'],
      ['Brugge Telecom', 'Data Engineer', '2013', '2019'],
    ]);
    expect(b.talks.map((t) => [t.title, t.date])).toEqual([
      ['Exactly once, mostly', '2024'],
      ['Schemas are contracts', '2021'],
    ]);
    expect(b.events.map((e) => [e.name, e.city, e.country])).toEqual([
      ['Kafka Summit London 2024', 'London', 'United Kingdom'],
      ['PyCon Belgium 2021', 'Namur', 'Belgium'],
    ]);
    expect(b.warnings).toEqual([]);
  });

  it('keeps the one-column PDF as one column, hyphenated name included', () => {
    const single = pdfItemsText(readFileSync(path.join(FIXTURES, 'cv-html/single-column.pdf-items.json'), 'utf8'));
    expect(single.split('\n')[0]).toBe('Tamsin Okonkwo-Reyes');
    const b = parseCvText(single, 'tamsin.pdf');
    expect(b.speakers[0]!.name).toBe('Tamsin Okonkwo-Reyes');
    expect(b.talks).toHaveLength(3);
  });

  it('joins talk lines a narrow column wrapped', () => {
    expect(joinWrapped(['2024 – A – Conf 2024, London,', 'United Kingdom', '2021 – B – Conf 2021, Namur,', '2020 – C'])).toEqual([
      '2024 – A – Conf 2024, London, United Kingdom',
      '2021 – B – Conf 2021, Namur,',
      '2020 – C',
    ]);
  });
});
