import { ImportError } from '../../../../src/shared/importers/importer';
import { icalImporter } from '../../../../src/shared/importers/platforms/ical';
import { describeData, list, read, speakersOf, talk } from './helpers';

const parse = async (file: string) => (await icalImporter.parse({ name: file, text: read(`ical/${file}`) }))[0]!;

describeData('iCalendar', () => {
  it('knows every file in the folder', () => {
    expect(list('ical')).toHaveLength(4);
  });

  it.each(['global-azure-bootcamp-2020-automated-machine-learning.ics', 'global-azure-bootcamp-2020-die-wahrheit-ueber-micro-frontends-und-angular.ics', 'global-azure-bootcamp-2020-iot-powerbi.ics'])(
    '%s: one talk, no speakers, floating time',
    async (file) => {
      const b = await parse(file);
      expect(b.talks).toHaveLength(1);
      expect(b.speakers).toHaveLength(0);
      expect(b.talks[0]).toMatchObject({ date: '2020-04-24' });
      expect(b.talks[0]!.timeZone).toBeUndefined();
    },
  );

  it('a single talk keeps language, room and time', async () => {
    const b = await parse('global-azure-bootcamp-2020-automated-machine-learning.ics');
    expect(b.talks[0]).toMatchObject({
      title: 'Automated Machine Learning – do we need any more Data Scientists?',
      start: '09:00', end: '09:50', durationMinutes: 50, room: 'Microsoft Teams Live Event', language: 'en-US',
    });
  });

  // 94 VEVENTs (grep); 87 distinct speaker names after " - " in SUMMARY (Python; one empty entry dropped).
  it('PyCon AU 2023 (pretalx, wrong offsets): what the file says, zone kept, speakers from the summary', async () => {
    const b = await parse('pyconau-2023-pretalx-as-downloaded.ics');
    expect(b.talks).toHaveLength(94);
    expect(b.speakers).toHaveLength(87);
    const t = talk(b, 'Specialist Tracks Combined Opening Address');
    expect(t).toMatchObject({ date: '2023-08-18', start: '09:00', end: '09:20', timeZone: 'Australia/Adelaide', room: 'Hall C (Plenary)' });
    expect(speakersOf(b, t).map((s) => s.name)).toEqual(['Pedro Junqueira', 'Jack Skinner', 'Nicky Ringland', 'Katie McLaughlin', 'Lilly Ryan']);
    expect(speakersOf(b, t)[0]!.inferred).toEqual(['name']);
    expect(t.links).toEqual([{ kind: 'page', url: 'https://pretalx.com/pyconau-2023/talk/EJWEMK/' }]);
    expect(b.warnings).toEqual([
      "the file defines Australia/Adelaide as UTC+09:00, which is not that zone's real offset; times are kept as written, with the zone",
    ]);
    expect(b.events[0]!.name).toBe('pyconau-2023');
    const unpacking = b.talks.find((x) => x.title.startsWith('Unpacking the geospatial'))!;
    expect(speakersOf(b, unpacking).map((s) => s.name)).toEqual(['Long Dang', 'Christine Seeliger']);
  });

  const cal = (events: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n${events}END:VCALENDAR\r\n`;
  const ev = (uid: string, summary: string) => `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240301T100000Z\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\n`;

  it('duplicate UIDs: identical copies merge with a warning, different ones are an error with the line', async () => {
    const [b] = await icalImporter.parse({ name: 'dup.ics', text: cal(ev('a@x', 'Talk') + ev('a@x', 'Talk')) });
    expect(b!.talks).toHaveLength(1);
    expect(b!.warnings).toEqual(['UID "a@x" appears twice with identical content; imported once']);
    await expect(icalImporter.parse({ name: 'dup.ics', text: cal(ev('a@x', 'Talk') + ev('a@x', 'Other talk')) })).rejects.toThrow(
      new ImportError('UID "a@x" is used by two different events; Podium cannot tell which one is right (fix or remove one and import again)', 'dup.ics, line 11, column 1'),
    );
  });

  it('a calendar without events, and text that is not iCalendar', async () => {
    await expect(icalImporter.parse({ name: 'empty.ics', text: cal('') })).rejects.toThrow('nothing to import: the calendar has no events');
    await expect(icalImporter.parse({ name: 'bad.ics', text: 'BEGIN:VCALENDAR\r\nthis is not\r\n' })).rejects.toThrow(ImportError);
  });
});
