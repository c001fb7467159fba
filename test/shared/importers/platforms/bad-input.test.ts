import { ImportError } from '../../../../src/shared/importers/importer';
import { frabJsonImporter } from '../../../../src/shared/importers/platforms/frab-json';
import { frabXmlImporter } from '../../../../src/shared/importers/platforms/frab-xml';
import { decodeUtf8, MAX_TEXT_CHARS } from '../../../../src/shared/importers/platforms/input';
import { platformImporters } from '../../../../src/shared/importers/platforms';
import { sessionizeJsonImporter } from '../../../../src/shared/importers/platforms/sessionize-json';

describe('bad input: a clear ImportError with where', () => {
  it('a file that is not UTF-8 (Latin-1 bytes)', () => {
    const latin1 = new Uint8Array([0x3c, 0x61, 0x3e, 0x0a, 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65]); // "<a>\nJérôme" in Latin-1
    expect(() => decodeUtf8(latin1, 'old.xml')).toThrow(
      new ImportError('the file is not UTF-8 (it contains undecodable bytes); save it as UTF-8 and import again', 'old.xml, line 2, column 2'),
    );
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'bom.txt')).toBe('A');
  });

  it('text that was decoded from non-UTF-8 bytes (many replacement characters)', async () => {
    const text = '{"sessions": [{"title": "J\uFFFDr\uFFFDme \uFFFD \uFFFD \uFFFD"}]}';
    await expect(sessionizeJsonImporter.parse({ name: 's.json', text })).rejects.toThrow(/s\.json, line 1, column 27: the file is not UTF-8/);
  });

  it('a JSON file that starts with a comment', async () => {
    await expect(frabJsonImporter.parse({ name: 'c.json', text: '\n  // exported by hand\n{"schedule": {}}' })).rejects.toThrow(
      new ImportError('the file starts with a comment, which JSON does not allow; remove the comment and import again', 'c.json, line 2, column 3'),
    );
  });

  it('truncated or broken JSON and XML say where', async () => {
    await expect(frabJsonImporter.parse({ name: 't.json', text: '{"schedule": {"conference": ' })).rejects.toThrow(/t\.json, end of file: the JSON ends too early/);
    await expect(frabXmlImporter.parse({ name: 't.xml', text: '<schedule>\n<conference><title>X</title>\n<day>' })).rejects.toThrow(/t\.xml, line \d+, column \d+: not well-formed XML/);
    await expect(frabXmlImporter.parse({ name: 'r.xml', text: '<rss></rss>' })).rejects.toThrow('r.xml: this XML is not a frab/pentabarf schedule (no <schedule> root element)');
  });

  it('an empty file and an empty schedule', async () => {
    await expect(frabJsonImporter.parse({ name: 'e.json', text: '  ' })).rejects.toThrow('e.json: the file is empty');
    await expect(frabXmlImporter.parse({ name: 'e.xml', text: '<schedule><conference><title>X</title></conference></schedule>' })).rejects.toThrow(
      'e.xml: nothing to import: the schedule lists no talks',
    );
  });

  it('a huge file is refused before parsing, by every importer', async () => {
    const huge = { name: 'huge.json', text: ' '.repeat(MAX_TEXT_CHARS + 1) };
    for (const imp of platformImporters) {
      await expect(imp.parse(huge)).rejects.toThrow(/huge\.json: the file is 128 MB, more than the 128 MB Podium imports in one go/);
    }
  });
});

describe('sniff picks the right importer', () => {
  const best = (name: string, head: string) =>
    platformImporters.map((i) => [i.id, i.sniff({ name, head })] as const).sort((a, b) => b[1] - a[1])[0]![0];
  it.each([
    ['s.xml', '<?xml version="1.0"?>\n<schedule>\n<conference>', 'frab-xml'],
    ['s.json', '{"$schema": "x", "schedule": {"version": "1", "conference": {', 'frab-json'],
    ['t.json', '{"count": 3, "next": null, "previous": null, "results": [{"code": "A", "title": "T", "submission_type": "Talk"', 'pretalx-api'],
    ['a.json', '{"sessions": [{"id": "1", "title": "T", "startsAt": "2020-01-01T10:00:00"', 'sessionize-json'],
    ['a.csv', 'id,speaker1,speaker2,speaker_id1,speaker_id2,title,room_id,room,start_at,end_at,description\n', 'sessionize-csv'],
    ['a.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0', 'ical'],
    ['d.json', '{"events": [{"code": "X", "duration": 60, "event_type": "session", "session_type": "Talk"', 'europython-days'],
    ['x/videos/t.json', '{"copyright_text": "", "description": "", "recorded": "2016-08-05", "speakers": ["A"], "videos": []}', 'pyvideo'],
  ])('%s → %s', (name, head, id) => expect(best(name, head)).toBe(id));
});
