import { ImportError } from '../../../../src/shared/importers/importer';
import { frabJsonImporter } from '../../../../src/shared/importers/platforms/frab-json';
import { pretalxApiToBundle } from '../../../../src/shared/importers/platforms/pretalx-api';
import { describeData, list, read, speakersOf, talk } from './helpers';

const parse = async (file: string) => (await frabJsonImporter.parse({ name: file, text: read(`frab-json/${file}`) }))[0]!;

describeData('c3voc schedule JSON (frab and pretalx flavours)', () => {
  it('knows every file in the folder', () => {
    expect(list('frab-json')).toEqual([
      'ccc-camp2019-frab.json', 'invalid-example.json', 'pretalx-democon.json',
      'rc3-channels-2020-pretalx.json', 'submission-frab-event.json', 'submission-pretalx.json',
    ]);
  });

  // Talks and persons counted with Python over days[].rooms[][] (persons by id/code).
  it('Camp 2019 (frab): 79 talks, 90 person ids → 89 people ("Mo" and "mo" are one name)', async () => {
    const b = await parse('ccc-camp2019-frab.json');
    expect(b.talks).toHaveLength(79);
    expect(b.speakers).toHaveLength(89);
    const t = talk(b, 'Opening Ceremony');
    expect(speakersOf(b, t).map((s) => s.name)).toEqual(['jinxx', 'smtw']);
    expect(t).toMatchObject({ date: '2019-08-21', start: '11:00', end: '11:30', timeZone: 'Europe/Berlin', room: 'Curie', tags: ['CCC'], language: 'en' });
    expect(b.events[0]).toMatchObject({ name: 'Chaos Communication Camp 2019', year: 2019, url: 'https://fahrplan.events.ccc.de/camp/2019/Fahrplan/' });
    expect(b.speakers.some((s) => s.identifiers?.length)).toBe(false); // numeric frab ids are not identifiers
    expect(b.speakers.find((s) => s.name === 'Tim Ansell')).toBeDefined(); // "Tim 'mithro' Ansell"
  });

  it('pretalx democon: 36 talks, 27 people with pretalx codes; offsets kept where the zone disagrees', async () => {
    const b = await parse('pretalx-democon.json');
    expect(b.talks).toHaveLength(36);
    expect(b.speakers).toHaveLength(27);
    expect(b.speakers.every((s) => s.identifiers?.[0]?.scheme === 'pretalx')).toBe(true);
    const brian = b.speakers.find((s) => s.name === 'Brian Robinson')!;
    expect(brian.identifiers).toEqual([{ scheme: 'pretalx', value: 'localhost/NQTF8Y' }]);
    expect(brian.summary).toMatch(/^Break through direction/);
    const t = talk(b, 'Focused 5thgeneration hardware');
    expect(t).toMatchObject({ date: '2020-12-14', start: '09:00', timeZone: '+01:00', room: 'Gray Room' });
    expect(b.warnings.join('\n')).toMatch(/time zone UTC disagrees with the UTC offsets of 36 talk/);
  });

  it('rC3 channels (pretalx): 48 talks, 56 people, self-hosted pretalx codes, lightning/workshop kinds', async () => {
    const b = await parse('rc3-channels-2020-pretalx.json');
    expect(b.talks).toHaveLength(48);
    expect(b.speakers).toHaveLength(56);
    expect(b.speakers.find((s) => s.name === 'Chris Fiege')!.identifiers).toEqual([{ scheme: 'pretalx', value: 'pretalx.rc3.studio/SCD9VJ' }]);
    const kinds = new Set(b.talks.map((t) => t.kind));
    expect(kinds).toEqual(new Set(['talk', 'workshop', 'lightning', 'other']));
    expect(talk(b, 'Der faule Admin automatisiert: Gluon auf echter Hardware testen')).toMatchObject({ timeZone: '+01:00', language: 'de', durationMinutes: 40 });
    expect(b.warnings).toEqual(['talk field "answers" (on 48 talks) is not in the c3voc schema; ignored']);
  });

  it('invalid-example.json: imports what is valid and says exactly what was ignored', async () => {
    const b = await parse('invalid-example.json');
    expect(b.talks).toHaveLength(1);
    expect(b.speakers).toEqual([{ ref: 's1', name: 'Mänu' }]);
    expect(b.warnings).toEqual([
      'schedule.rooms: not part of the c3voc schema (rooms belong in schedule.conference.rooms); ignored',
      'schedule.conference.days[0].rooms["Winterchaos"][0]: id "2814" should be a number; the talk is imported without it',
      'schedule.conference.days[0].rooms["Winterchaos"][0].persons[0]: person id "dsadf" is not a number; ignored',
      'schedule.conference.days[0].rooms["Winterchaos"][0].persons[0]: pretalx code "MÄaN0" is not a valid code (A–Z, 0–9); ignored',
      'talk field "answers" (on 1 talk) is not in the c3voc schema; ignored',
    ]);
    expect(b.talks[0]).toMatchObject({ title: 'Internal Penetration Testing Basics', timeZone: 'Europe/Zurich', start: '14:00', language: 'de' });
  });

  it('a single frab event object: one talk, full names, no e-mail kept', async () => {
    const b = await parse('submission-frab-event.json');
    expect(b.talks).toHaveLength(1);
    expect(b.events).toHaveLength(0);
    expect(b.speakers.map((s) => s.name)).toEqual(['Royce Jakubowski', 'Neida Tillman']);
    expect(JSON.stringify(b)).not.toMatch(/@example\.(net|org)/);
    expect(b.talks[0]).toMatchObject({ kind: 'workshop', durationMinutes: 45 });
  });

  it('submission-pretalx.json starts with a comment: a clear error with where', async () => {
    await expect(parse('submission-pretalx.json')).rejects.toThrow(
      new ImportError('the file starts with a comment, which JSON does not allow; remove the comment and import again', 'submission-pretalx.json, line 1, column 1'),
    );
    // Without the comment it is a pretalx API submission.
    const doc = JSON.parse(read('frab-json/submission-pretalx.json').replace(/^\/\*[\s\S]*?\*\//, ''));
    const b = pretalxApiToBundle({ talks: [doc] }, 'submission');
    expect(b.talks[0]).toMatchObject({ title: 'A talk', date: '2017-12-27', start: '10:00', end: '10:30', timeZone: 'UTC', room: 'R101', tags: ['science'] });
    expect(b.speakers).toEqual([{ ref: 's1', name: 'Jane', summary: 'A speaker', identifiers: [{ scheme: 'pretalx', value: 'DEFAB' }] }]);
  });
});
