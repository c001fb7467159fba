/**
 * Bad input gets a clear ImportError (or a warning), quickly: empty, binary,
 * not UTF-8, far too large, a CV with no talks, a page with no speaker, and
 * text built to make careless regular expressions backtrack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ImportError } from '../../../../src/shared/importers/importer';
import { cvTextImporter, parseCvText } from '../../../../src/shared/importers/documents/cv-text';
import { decodeDocumentBytes, MAX_DOCUMENT_CHARS } from '../../../../src/shared/importers/documents/input-limits';
import { parseTalkMarkdown, talkPageImporter } from '../../../../src/shared/importers/documents/talk-page';
import { FIXTURES } from './accuracy';

const expectImportError = (fn: () => unknown, message: RegExp) => {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(message);
};

describe('bad input', () => {
  it('refuses an empty file', () => {
    expectImportError(() => parseCvText('', 'empty.txt'), /empty/);
    expectImportError(() => parseCvText(' \n\t\n', 'blank.txt'), /empty/);
    expectImportError(() => parseTalkMarkdown('', 'empty.md'), /empty/);
  });

  it('refuses binary content (NUL bytes) and invalid UTF-8', () => {
    expectImportError(() => parseCvText('PK\u0003\u0004\u0000\u0000junk', 'cv.docx'), /binary/);
    expectImportError(() => decodeDocumentBytes(new Uint8Array([0x48, 0x69, 0xff, 0xfe, 0xc3, 0x28]), 'latin.txt'), /UTF-8/);
    expectImportError(() => parseCvText('\uFFFD'.repeat(20) + ' text', 'mangled.txt'), /UTF-8/);
    expectImportError(() => decodeDocumentBytes(new TextEncoder().encode('%PDF-1.7\n...'), 'cv.pdf'), /PDF/);
  });

  it('decodes UTF-8 bytes and drops the BOM', () => {
    expect(decodeDocumentBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Rok Papež')]), 'x.txt')).toBe('Rok Papež');
  });

  it('refuses a 50 MB text at once, with the limit in the message', () => {
    const big = 'Talks\n2016 A talk, EuroPython 2016\n'.repeat(1_600_000); // ~50 MB
    expect(big.length).toBeGreaterThan(50_000_000);
    // Refused by length before any parsing (speed is the bench's business, not a test's).
    expectImportError(() => parseCvText(big, 'big.txt'), /too large.*limit is 2 million/);
    expectImportError(() => parseTalkMarkdown(big, 'big.md'), /too large/);
  });

  it('parses a hostile text just under the limit (patterns that backtrack badly would hang here)', () => {
    // Long runs of the characters the patterns repeat: spaces, digits, separators, brackets, capitals.
    const pieces = [
      ' '.repeat(1999) + 'x',
      '1 '.repeat(999) + 'x',
      '-'.repeat(1999) + 'a',
      '['.repeat(1000) + ']('.repeat(400),
      'A'.repeat(1999) + '@',
      'Since May 2017 Rok is working as a ' + 'Very '.repeat(390),
      'a.'.repeat(999) + '@',
      '2019 – '.repeat(280),
      '*'.repeat(1999) + '_',
    ];
    const hostile = ['Jane Doe', 'Talks', ...pieces, 'Experience', ...pieces].join('\n').repeat(8);
    expect(hostile.length).toBeLessThan(MAX_DOCUMENT_CHARS);
    const cv = parseCvText(hostile, 'hostile.txt');
    expect(cv.speakers[0]!.name).toBe('Jane Doe');
    const page = parseTalkMarkdown(`---\ntitle: x\n---\n**Speaker**: Jane Doe\n\n${hostile}`, 'hostile.md');
    expect(page.talks[0]!.title).toBe('x');
  });

  it('imports a CV with no talks as a speaker only, with a warning', async () => {
    const input = { name: 'no-talks.txt', text: readFileSync(path.join(FIXTURES, 'cv/no-talks.txt'), 'utf8') };
    const [bundle] = await cvTextImporter.parse(input);
    expect(bundle!.speakers).toHaveLength(1);
    expect(bundle!.talks).toEqual([]);
    expect(bundle!.warnings).toContain('This CV has no talks section: only the speaker will be imported.');
  });

  it('refuses a talk page with no speaker, saying what is missing', async () => {
    const text = readFileSync(path.join(FIXTURES, 'talk-pages/no-speaker.md'), 'utf8');
    await expect(talkPageImporter.parse({ name: 'no-speaker.md', text })).rejects.toThrow(/No speaker found on this page/);
  });

  it('refuses a CV with no name and no e-mail to infer one from', () => {
    expectImportError(() => parseCvText('Experience\n\nAcme — Engineer\n2019 – 2020\n', 'anon.txt'), /whose CV/);
  });

  it('refuses malformed front matter with the parser message', () => {
    expectImportError(() => parseTalkMarkdown('+++\ntitle = "unterminated\n+++\nbody', 'bad.md'), /TOML front matter could not be read/);
    expectImportError(() => parseTalkMarkdown('---\ntitle: x\nbody', 'open.md'), /never closed/);
  });

  it('stops when the import is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(cvTextImporter.parse({ name: 'a.txt', text: 'Jane Doe' }, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});
