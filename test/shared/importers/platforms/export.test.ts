/**
 * @jest-environment node
 */
import { talksToFrabJson } from '../../../../src/shared/importers/platforms/export-frab';
import { talksToICalendar } from '../../../../src/shared/importers/platforms/export-ical';
import { type ExportTalk, exportTalksFromBundle } from '../../../../src/shared/importers/platforms/export-talks';
import { frabJsonImporter } from '../../../../src/shared/importers/platforms/frab-json';
import { frabXmlImporter } from '../../../../src/shared/importers/platforms/frab-xml';
import { icalImporter } from '../../../../src/shared/importers/platforms/ical';
import type { ImportBundle } from '../../../../src/shared/types';
import { describeData, read } from './helpers';

/** The facts an export must keep, per talk, in a comparable form. */
const facts = (b: ImportBundle, opts: { tags?: 'first' } = {}) =>
  exportTalksFromBundle(b).map((t) => ({
    title: t.title, abstract: t.abstract, kind: t.kind, language: t.language, date: t.date, start: t.start, end: t.end,
    timeZone: t.timeZone, room: t.room, speakers: t.speakers.map((s) => s.name),
    tags: opts.tags === 'first' ? (t.tags ?? []).slice(0, 1) : t.tags ?? [],
    page: t.links?.find((l) => l.kind === 'page')?.url,
  }));

const sample: ExportTalk[] = [
  {
    id: 'tk_1', title: 'Commas, semicolons; and\\backslashes', abstract: 'Line one\nLine two, with "quotes"', kind: 'keynote', language: 'en',
    date: '2024-03-31', start: '01:30', end: '03:30', timeZone: 'Europe/Brussels', room: 'Janson', // crosses the DST change
    speakers: [{ name: 'Zoë O’Brien' }, { name: 'Li Wei', identifiers: [{ scheme: 'pretalx', value: 'ABC123' }] }],
    event: { name: 'Test Conf 2024' }, links: [{ kind: 'page', url: 'https://example.org/t/1' }], tags: ['Main, Track'],
  },
  { id: 'tk_2', title: 'Late night', date: '2024-03-31', start: '23:30', end: '00:15', timeZone: '+05:30', speakers: [], tags: [] },
  { id: 'tk_3', title: 'All day', date: '2024-04-01', speakers: [{ name: 'Ann Lee' }], tags: [] },
  { id: 'tk_4', title: 'Only a year', date: '2019', speakers: [], tags: [] },
];

describe('iCalendar export', () => {
  it('writes a valid VCALENDAR: escaping, folding, UID per talk, VTIMEZONE offsets across DST', async () => {
    const { text, skipped } = talksToICalendar(sample, { name: 'My talks', now: new Date('2024-01-01T00:00:00Z') });
    expect(skipped).toEqual(['Only a year']);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(text).toContain('UID:tk_1@podium');
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY;LANGUAGE=en:Commas\\, semicolons\\; and\\\\backslashes - Zoë O’Brien\\, Li Wei\r\n');
    expect(unfolded).toContain('CATEGORIES:Main\\, Track\r\n');
    expect(text).toContain('DTSTART;TZID=Europe/Brussels:20240331T013000');
    expect(text).toContain('TZOFFSETTO:+0200');
    expect(text).toContain('DTSTART;TZID="UTC+05:30":20240331T233000'); // quoted: the value holds a colon
    expect(text).toContain('DTEND;TZID="UTC+05:30":20240401T001500');
    expect(text).toContain('DTSTART;VALUE=DATE:20240401');
    expect(text.split('\r\n').every((l) => new TextEncoder().encode(l).byteLength <= 75)).toBe(true);
    const [b] = await icalImporter.parse({ name: 'export.ics', text });
    expect(b!.talks.map((t) => [t.title, t.start, t.end, t.timeZone, t.room])).toEqual([
      ['Commas, semicolons; and\\backslashes', '01:30', '03:30', 'Europe/Brussels', 'Janson'],
      ['Late night', '23:30', '00:15', '+05:30', undefined],
      ['All day', undefined, undefined, undefined, undefined],
    ]);
    expect(b!.warnings).toEqual([]); // our VTIMEZONE agrees with the real zone
  });
});

describeData('round trips on real schedules: export, import again, same talks', () => {
  it('FOSDEM 2026 → iCalendar → import', async () => {
    const [orig] = await frabXmlImporter.parse({ name: 'fosdem-2026.xml', text: read('frab-xml/fosdem-2026.xml') });
    const { text, skipped } = talksToICalendar(exportTalksFromBundle(orig!), { name: 'FOSDEM 2026' });
    expect(skipped).toEqual([]);
    const [back] = await icalImporter.parse({ name: 'fosdem.ics', text });
    expect(back!.talks).toHaveLength(883);
    expect(facts(back!)).toEqual(facts(orig!));
  });

  it('Camp 2019 (frab JSON) → frab JSON → import', async () => {
    const [orig] = await frabJsonImporter.parse({ name: 'camp.json', text: read('frab-json/ccc-camp2019-frab.json') });
    const { json, skipped } = talksToFrabJson(exportTalksFromBundle(orig!));
    expect(skipped).toEqual([]);
    const [back] = await frabJsonImporter.parse({ name: 'camp-export.json', text: JSON.stringify(json) });
    expect(back!.warnings).toEqual([]); // the export follows the c3voc schema
    const order = (xs: ReturnType<typeof facts>) => [...xs].sort((a, b) => `${a.date}${a.start}${a.title}`.localeCompare(`${b.date}${b.start}${b.title}`));
    expect(order(facts(back!, { tags: 'first' }))).toEqual(order(facts(orig!, { tags: 'first' })));
    expect(back!.events[0]).toMatchObject({ name: 'Chaos Communication Camp 2019' });
  });

  it('rC3 (pretalx JSON) → frab JSON keeps pretalx codes as pretalx persons', async () => {
    const [orig] = await frabJsonImporter.parse({ name: 'rc3.json', text: read('frab-json/rc3-channels-2020-pretalx.json') });
    const { json } = talksToFrabJson(exportTalksFromBundle(orig!));
    const [back] = await frabJsonImporter.parse({ name: 'rc3-export.json', text: JSON.stringify(json) });
    expect(back!.speakers.filter((s) => s.identifiers?.length)).toHaveLength(56);
    expect(back!.talks).toHaveLength(48);
  });
});
