/**
 * @jest-environment node
 */
import { frabXmlImporter } from '../../../../src/shared/importers/platforms/frab-xml';
import { describeData, list, read, speakersOf, talk } from './helpers';

/**
 * Talks = `<event>` elements; speakers = distinct normalised person names
 * without placeholders ("FOSDEM Staff", "LPI Team"), both counted with a
 * separate Python pass over the raw XML. 2022 has one more: "Jean-Michel
 * Friedt,  Thomas Lavarenne" is one person element holding two people.
 */
const COUNTS: Record<string, [talks: number, speakers: number]> = {
  'fosdem-2007.xml': [215, 204], 'fosdem-2008.xml': [258, 265], 'fosdem-2009.xml': [281, 264],
  'fosdem-2010.xml': [301, 264], 'fosdem-2011.xml': [331, 293], 'fosdem-2012.xml': [442, 429],
  'fosdem-2014.xml': [513, 484], 'fosdem-2015.xml': [551, 512], 'fosdem-2016.xml': [617, 565],
  'fosdem-2017.xml': [668, 606], 'fosdem-2018.xml': [689, 647], 'fosdem-2020.xml': [872, 837],
  'fosdem-2021.xml': [773, 682], 'fosdem-2022.xml': [730, 655], 'fosdem-2023.xml': [780, 786],
  'fosdem-2024.xml': [674, 732], 'fosdem-2026.xml': [883, 924],
};

describeData('frab / pentabarf XML (FOSDEM 2007–2026)', () => {
  const files = list('frab-xml');

  it('has a count for every file in the folder', () => {
    expect(files).toEqual(Object.keys(COUNTS).sort());
  });

  it.each(Object.entries(COUNTS))('%s: talks, speakers, one event', async (file, [talks, speakers]) => {
    const text = read(`frab-xml/${file}`);
    expect(frabXmlImporter.sniff({ name: file, head: text.slice(0, 4096) })).toBeGreaterThanOrEqual(0.9);
    const [b] = await frabXmlImporter.parse({ name: file, text });
    expect(b!.talks).toHaveLength(talks);
    expect(b!.speakers).toHaveLength(speakers);
    expect(b!.events).toHaveLength(1);
    expect(b!.events[0]!.year).toBe(Number(file.slice(7, 11)));
    expect(b!.speakers.some((s) => /fosdem staff/i.test(s.name))).toBe(false);
    expect(b!.source.format).toBe('frab-xml');
  });

  it('2007 (pentabarf, events directly under <day>): room, time, track, video link', async () => {
    const [b] = await frabXmlImporter.parse({ name: 'fosdem-2007.xml', text: read('frab-xml/fosdem-2007.xml') });
    const t = talk(b!, 'AIGLX');
    expect(speakersOf(b!, t).map((s) => s.name)).toEqual(['Kristian Høgsberg']);
    expect(t).toMatchObject({ date: '2007-02-25', start: '15:00', end: '15:45', durationMinutes: 45, room: 'Chavanne', tags: ['Desktop Applications'] });
    expect(t.timeZone).toBeUndefined(); // the file names no zone
    expect(t.links).toContainEqual({ kind: 'video', url: 'http://video.fosdem.org/2007/FOSDEM2007-AIGLX.ogg', label: 'Video (Ogg/Theora)' });
    expect(t.abstract).toMatch(/^In this talk, Kristian will take a look/);
    expect(t.abstract).not.toMatch(/<p>|&lt;/);
    expect(b!.events[0]).toMatchObject({ name: 'FOSDEM 2007', series: 'FOSDEM', city: 'Brussels', startDate: '2007-02-25' });
  });

  it('2026 (frab with <persons> biographies, rooms, zone): biography joined by id, no frab identifier', async () => {
    const [b] = await frabXmlImporter.parse({ name: 'fosdem-2026.xml', text: read('frab-xml/fosdem-2026.xml') });
    const t = talk(b!, 'FOSS in times of war, scarcity and (adversarial) AI');
    const [m] = speakersOf(b!, t);
    expect(m!.name).toBe('Michiel Leenaars');
    expect(m!.summary).toMatch(/Director of Strategy at NLnet/);
    expect(m!.identifiers).toBeUndefined();
    expect(t).toMatchObject({ date: '2026-01-31', start: '10:00', end: '10:50', room: 'Janson', timeZone: 'Europe/Brussels', kind: 'talk', language: 'en', tags: ['Main Track'] });
    expect(t.links!.some((l) => /chat|feedback/.test(l.url))).toBe(false);
    expect(t.links![0]).toMatchObject({ kind: 'page' });
    const graber = b!.speakers.find((s) => s.name === 'Stephane Graber');
    expect(graber?.summary).toMatch(/Linux Containers/);
    expect(b!.warnings).toContain('"Welcome to FOSDEM 2026": "FOSDEM Staff" is not a person');
  });

  it('splits a person element holding two people (2022)', async () => {
    const [b] = await frabXmlImporter.parse({ name: 'fosdem-2022.xml', text: read('frab-xml/fosdem-2022.xml') });
    const t = b!.talks.find((x) => x.title.startsWith('Emitting Hellschreiber'))!;
    expect(speakersOf(b!, t).map((s) => s.name)).toEqual(['Jean-Michel Friedt', 'Thomas Lavarenne']);
  });
});

describe('frab XML read as a stream (files of any size)', () => {
  const { Blob } = require('node:buffer') as typeof import('node:buffer');
  const asFile = (parts: (string | Uint8Array)[]) => new Blob(parts) as unknown as globalThis.Blob;

  describeData('real schedules', () => {
    it('gives the same bundle from the file as from its text', async () => {
      for (const file of ['fosdem-2007.xml', 'fosdem-2026.xml']) {
        const text = read(`frab-xml/${file}`);
        const [fromText] = await frabXmlImporter.parse({ name: file, text });
        const seen: number[] = [];
        const [fromFile] = await frabXmlImporter.parseFile!(asFile([text]), { name: file }, { onProgress: (f) => seen.push(f) });
        expect(fromFile).toEqual(fromText);
        expect(seen.at(-1)).toBe(1);
      }
    });
  });

  it('joins biographies listed after the days, and reads a character split between two chunks', async () => {
    const xml =
      '<?xml version="1.0"?><schedule><conference><title>Synth 2026</title><start>2026-02-01</start></conference>' +
      '<day date="2026-02-01"><room name="K.1"><event id="9"><title>Zürich talk</title><persons><person id="7">Anna Łukasiewicz</person></persons></event></room></day>' +
      '<persons><person id="7"><name>Anna Łukasiewicz</name><biography>Maintainer of the parser.</biography></person></persons></schedule>';
    const bytes = new TextEncoder().encode(xml);
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ü"
    const [b] = await frabXmlImporter.parseFile!(asFile([bytes.slice(0, cut), bytes.slice(cut)]), { name: 's.xml' });
    expect(b!.talks[0]!.title).toBe('Zürich talk');
    expect(b!.talks[0]!.room).toBe('K.1');
    expect(b!.speakers[0]).toMatchObject({ name: 'Anna Łukasiewicz', summary: 'Maintainer of the parser.' });
  });

  it('a person string on several talks is one person each time it comes, and a placeholder warns for each talk', async () => {
    const ev = (id: number, title: string, people: string) =>
      `<event id="${id}"><title>${title}</title><start>10:00</start><duration>00:30</duration><persons>${people}</persons></event>`;
    const xml =
      '<?xml version="1.0"?><schedule><conference><title>Synth 2026</title><start>2026-02-01</start></conference><day date="2026-02-01"><room name="K.1">' +
      ev(1, 'First', '<person id="7">Dr. Anna Kowalska (she/her)</person>') +
      ev(2, 'Second', '<person id="7">Dr. Anna Kowalska (she/her)</person><person id="8">TBA</person>') +
      ev(3, 'Third', '<person id="8">TBA</person>') +
      '</room></day></schedule>';
    const [b] = await frabXmlImporter.parse!({ name: 's.xml', text: xml });
    expect(b!.speakers.map((s) => [s.name, s.inferred])).toEqual([['Anna Kowalska', ['name']]]);
    expect(b!.talks.map((t) => [t.title, t.speakerRefs, t.end])).toEqual([['First', ['s1'], '10:30'], ['Second', ['s1'], '10:30'], ['Third', [], '10:30']]);
    expect(b!.warnings.filter((w) => w.includes('TBA'))).toHaveLength(2);
  });

  it('names the line of a fault, and of bytes that are not UTF-8', async () => {
    const broken = '<schedule><conference><title>X</title></conference>\n<day><event><title>T</title></day></schedule>';
    await expect(frabXmlImporter.parseFile!(asFile([broken]), { name: 'b.xml' })).rejects.toThrow(/b\.xml, line 2, column \d+: not well-formed XML/);
    const latin1 = new Uint8Array([...new TextEncoder().encode('<schedule>\n<conference><title>Caf'), 0xe9, ...new TextEncoder().encode('</title></conference></schedule>')]);
    await expect(frabXmlImporter.parseFile!(asFile([latin1]), { name: 'l.xml' })).rejects.toThrow(/l\.xml, line 2: the file is not UTF-8/);
  });
});
