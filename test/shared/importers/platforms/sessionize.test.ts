import { ImportError } from '../../../../src/shared/importers/importer';
import { sessionizeCsvImporter, sessionizeCsvToBundle } from '../../../../src/shared/importers/platforms/sessionize-csv';
import { sessionizeJsonImporter } from '../../../../src/shared/importers/platforms/sessionize-json';
import { describeData, list, read, speakersOf, talk } from './helpers';

const parse = async (file: string) => (await sessionizeJsonImporter.parse({ name: file, text: read(`sessionize/${file}`) }))[0]!;

describeData('Sessionize "All data" JSON', () => {
  it('knows every file in the folder', () => {
    expect(list('sessionize')).toEqual(['global-azure-bootcamp-linz-2020.json', 'global-azure-linz-2022.json', 'global-azure-linz-2023-empty.json', 'global-azure-linz-2024.json']);
  });

  // sessions (minus service sessions) and speakers counted with Python on the raw JSON.
  it.each([
    ['global-azure-bootcamp-linz-2020.json', 28, 28],
    ['global-azure-linz-2022.json', 13, 12],
    ['global-azure-linz-2024.json', 15, 16],
  ])('%s: %d talks, %d speakers with Sessionize ids', async (file, talks, speakers) => {
    const text = read(`sessionize/${file}`);
    expect(sessionizeJsonImporter.sniff({ name: file, head: text.slice(0, 4096) })).toBeGreaterThanOrEqual(0.85);
    const b = await parse(file);
    expect(b.talks).toHaveLength(talks);
    expect(b.speakers).toHaveLength(speakers);
    expect(b.speakers.every((s) => s.identifiers?.[0]?.scheme === 'sessionize')).toBe(true);
    expect(b.events).toHaveLength(1);
  });

  it('2020 generation: categories give track and language, rooms resolve, links typed', async () => {
    const b = await parse('global-azure-bootcamp-linz-2020.json');
    const t = talk(b, 'Stories of void');
    expect(t).toMatchObject({ date: '2020-04-24', start: '09:00', end: '09:50', durationMinutes: 50, tags: ['Main Conference'], language: 'en' });
    expect(t.timeZone).toBeUndefined(); // Sessionize times are floating
    const adrienne = b.speakers.find((s) => s.name === 'Adrienne Tacke')!;
    expect(adrienne.identifiers).toEqual([{ scheme: 'sessionize', value: 'a378b580-baef-4c58-a9b3-589139c88159' }]);
    expect(adrienne.headline).toMatch(/^Filipina Software Engineer/);
    expect(adrienne.links).toContainEqual({ kind: 'twitter', url: 'https://twitter.com/AdrienneTacke', label: 'Twitter' });
    expect(b.warnings).toContain('1 service session(s) (breaks, registration) skipped');
  });

  it('2022+ generation: room and YouTube answer as a video link', async () => {
    const b = await parse('global-azure-linz-2022.json');
    const t = talk(b, 'Central Network Management in Azure');
    expect(t.room).toBe('Saal 12');
    expect(t.links).toContainEqual({ kind: 'video', url: 'https://www.youtube.com/live/OCsLwwWycSk?si=CPv8h-GVHkVBbc6I' });
    expect(speakersOf(b, t).map((s) => s.name)).toEqual(['Hannes Lagler-Gruener']);
  });

  it('2024: a keynote by kind from its title', async () => {
    const b = await parse('global-azure-linz-2024.json');
    expect(talk(b, 'Keynote: Pioneering the Future of Java with Intelligent Apps').kind).toBe('keynote');
  });

  it('the empty export: "nothing to import"', async () => {
    await expect(parse('global-azure-linz-2023-empty.json')).rejects.toThrow(
      new ImportError('nothing to import: this Sessionize export is empty (no sessions, no speakers)', 'global-azure-linz-2023-empty.json'),
    );
  });
});

describeData('Sessionize CSV exports (PyCon Ireland 2022)', () => {
  const sessions = { name: 'PyCon_Ireland_2022_Sessions.csv', text: read('sessionize-csv/PyCon_Ireland_2022_Sessions.csv') };
  const speakers = { name: 'PyCon_Ireland_2022_Speakers.csv', text: read('sessionize-csv/PyCon_Ireland_2022_Speakers.csv') };

  it('knows every file in the folder', () => {
    expect(list('sessionize-csv')).toEqual([sessions.name, speakers.name]);
  });

  // Python csv: 37 sessions, 37 distinct speaker ids, all present in the speakers file.
  it('each file alone', async () => {
    const [s] = await sessionizeCsvImporter.parse(sessions);
    expect(s!.talks).toHaveLength(37);
    expect(s!.speakers).toHaveLength(37);
    expect(s!.speakers.every((x) => !x.summary)).toBe(true);
    const [p] = await sessionizeCsvImporter.parse(speakers);
    expect(p!.talks).toHaveLength(0);
    expect(p!.speakers).toHaveLength(37);
  });

  it('the pair imported together links speakers (with bios) to sessions by id', () => {
    const b = sessionizeCsvToBundle([sessions, speakers]);
    expect(b.talks).toHaveLength(37);
    expect(b.speakers).toHaveLength(37);
    const t = talk(b, 'Python draws pixels: starting a basic Gameboy emulator in Python');
    const [ben] = speakersOf(b, t);
    expect(ben).toMatchObject({ name: 'Ben Fagan', headline: 'Software Engineer', identifiers: [{ scheme: 'sessionize', value: 'b2b1dab7-4e44-44c1-8de4-06fa631212cc' }] });
    expect(ben!.summary).toMatch(/loves building things/);
    expect(t).toMatchObject({ room: 'Room 1', date: '2022-11-12', start: '10:35', end: '11:10', timeZone: 'UTC' });
    expect(b.events[0]).toMatchObject({ name: 'PyCon Ireland 2022', year: 2022, startDate: '2022-11-12', endDate: '2022-11-13' });
  });
});
