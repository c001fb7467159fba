import { europythonDaysImporter } from '../../../../src/shared/importers/platforms/europython-days';
import { describeData, list, read, speakersOf, talk } from './helpers';

// Python: events minus breaks minus speaker-less announcements; distinct speaker codes.
const COUNTS: Record<string, [number, number]> = {
  '2024-07-08.json': [24, 12], '2024-07-09.json': [25, 13], '2024-07-10.json': [47, 53], '2024-07-11.json': [52, 57], '2024-07-12.json': [43, 45],
};

describeData('EuroPython 2024 day grid', () => {
  it('knows every file', () => expect(list('europython-2024-days')).toEqual(Object.keys(COUNTS)));

  it.each(Object.entries(COUNTS))('%s: %j talks/speakers', async (file, [talks, speakers]) => {
    const text = read(`europython-2024-days/${file}`);
    expect(europythonDaysImporter.sniff({ name: file, head: text.slice(0, 4096) })).toBeGreaterThan(0.9);
    const [b] = await europythonDaysImporter.parse({ name: file, text });
    expect(b!.talks).toHaveLength(talks);
    expect(b!.speakers).toHaveLength(speakers);
    expect(b!.events[0]).toMatchObject({ name: 'EuroPython 2024', year: 2024 });
  });

  it('a keynote with its pretalx speaker', async () => {
    const [b] = await europythonDaysImporter.parse({ name: 'd', text: read('europython-2024-days/2024-07-10.json') });
    const t = talk(b!, 'Embracing Python, AI, and Heuristics: Optimal Paths for Impactful Software');
    expect(t).toMatchObject({ kind: 'keynote', room: 'Forum Hall', date: '2024-07-10', start: '09:30', end: '10:15', timeZone: '+02:00' });
    expect(speakersOf(b!, t)[0]).toMatchObject({ name: 'Carol Willing', identifiers: [{ scheme: 'pretalx', value: 'HBHXB3' }] });
  });
});
