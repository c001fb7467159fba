import { pretalxApiImporter, pretalxApiToBundle } from '../../../../src/shared/importers/platforms/pretalx-api';
import { describeData, list, read, speakersOf } from './helpers';

const json = (f: string) => JSON.parse(read(`pretalx-api/${f}`)) as unknown;

describeData('pretalx API responses', () => {
  it('knows every file in the folder', () => {
    expect(list('pretalx-api')).toHaveLength(4);
  });

  it.each([
    ['europython-programapi-example-submissions.json', 2, 3],
    ['europython-programapi-example-speakers.json', 0, 1],
    ['europython-programapi-output-sessions.json', 2, 0],
    ['europython-programapi-output-speakers.json', 0, 1],
  ])('%s alone: %d talks, %d speakers', async (file, talks, speakers) => {
    const text = read(`pretalx-api/${file}`);
    expect(pretalxApiImporter.sniff({ name: file, head: text.slice(0, 4096) })).toBeGreaterThan(0.5);
    const [b] = await pretalxApiImporter.parse({ name: file, text });
    expect(b!.talks).toHaveLength(talks);
    expect(b!.speakers).toHaveLength(speakers);
    expect(JSON.stringify(b)).not.toMatch(/@example\.com|Pythonland/); // no e-mail, no questionnaire answers
  });

  it('paginated talks + speakers pages of one event: codes resolve, people once, event from the URL', () => {
    const talks = json('europython-programapi-example-submissions.json') as unknown[];
    const page1 = { count: 2, next: 'https://pretalx.com/api/events/europython-2024/talks/?page=2', previous: null, results: talks.slice(0, 1) };
    const page2 = { count: 2, next: null, previous: 'x', results: talks.slice(1) };
    const b = pretalxApiToBundle(
      { talks: [page1, page2], speakers: [{ count: 1, next: null, previous: null, results: json('europython-programapi-example-speakers.json') }], eventUrl: 'https://pretalx.com/api/events/europython-2024/talks/' },
      'https://pretalx.com/api/events/europython-2024/talks/',
    );
    expect(b.talks).toHaveLength(2);
    expect(b.speakers.map((s) => s.identifiers?.[0]?.value)).toEqual(['F3DC8A', 'ZXCVBN', 'G3DC8A']);
    expect(b.events).toEqual([{ ref: 'e1', name: 'europython-2024', url: 'https://pretalx.com/europython-2024/' }]);
    const t = b.talks[0]!;
    expect(speakersOf(b, t).map((s) => s.name)).toEqual(['A Speaker', 'ZXC Speaker']);
    expect(t).toMatchObject({ durationMinutes: 45, language: 'en', tags: ['Software Engineering & Architecture'], eventRef: 'e1' });
    expect(t.links).toContainEqual({ kind: 'video', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', label: 'Video of the robot in action' });
    expect(b.source).toMatchObject({ kind: 'api', format: 'pretalx-api' });
  });

  it('v1 shape: speakers as codes resolved through /speakers/ pages', () => {
    const b = pretalxApiToBundle(
      {
        talks: [{ count: 1, next: null, previous: null, results: [{ code: 'ABC', title: 'T', speakers: ['F3DC8A', 'NOPE'], submission_type: 3, slots: [{ start: '2024-07-10T10:00:00+02:00', end: '2024-07-10T10:30:00+02:00', room: { name: { en: 'Forum Hall' } } }] }] }],
        speakers: [json('europython-programapi-example-speakers.json')],
      },
      'v1',
    );
    expect(b.talks[0]).toMatchObject({ date: '2024-07-10', start: '10:00', end: '10:30', timeZone: '+02:00', room: 'Forum Hall', durationMinutes: 30, speakerRefs: ['s1'] });
    expect(b.warnings).toEqual([
      "1 speaker code(s) were not in the /speakers/ pages; those talks lack them",
      'session types came as ids (pretalx API v1 without ?expand=submission_type); kinds were guessed from titles',
    ]);
  });

  it('programapi output: sessions + speakers linked by code, links of the speaker', () => {
    const b = pretalxApiToBundle({ talks: [json('europython-programapi-output-sessions.json')], speakers: [json('europython-programapi-output-speakers.json')] }, 'out');
    const t = b.talks[0]!;
    expect(speakersOf(b, t).map((s) => s.name)).toEqual(['A Speaker']);
    expect(t.links).toContainEqual({ kind: 'video', url: 'https://youtube.com/watch?v=01234567890' });
    expect(b.speakers[0]!.links!.map((l) => l.kind)).toEqual(['github', 'linkedin', 'profile']);
    expect(b.speakers[0]!.headline).toBe('A Company');
  });
});
