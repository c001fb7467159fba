/** Structured data (JSON-LD, microdata, microformats), HTML talk pages, the registry, and PDF reading order. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStructuredData, structuredDataImporter } from '../../../../src/shared/importers/documents/structured-data';
import { findGutter, pageText, type PdfTextItem } from '../../../../src/import/importers/pdf-layout';
import { cvTextImporter } from '../../../../src/shared/importers/documents/cv-text';
import { talkPageImporter } from '../../../../src/shared/importers/documents/talk-page';
import { pickImporter } from '../../../../src/shared/importers/registry';
import { FIXTURES } from './accuracy';

const fixture = (f: string) => readFileSync(path.join(FIXTURES, f), 'utf8');
const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('structured data', () => {
  it('reads a JSON-LD Event with performers and a superEvent', () => {
    const b = parseStructuredData(doc(fixture('talk-pages/jsonld-event.html')), 'page')!;
    expect(b.source.format).toBe('structured-data');
    expect(b.speakers.map((s) => s.headline)).toEqual(['Database Reliability Engineer at Vltava Hosting', 'CTO at Vltava Hosting']);
    expect(b.talks[0]).toMatchObject({ date: '2023-11-08', start: '14:20', end: '15:00', timeZone: '+01:00', room: 'Room Lovelace' });
    expect(b.events[0]).toMatchObject({ name: 'P2D2 2023', city: 'Prague', country: 'Czechia', venue: 'Kongresové centrum' });
  });

  it('reads a conference with sub-events as one event and several talks', () => {
    const html = `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [{
        '@type': 'Event', name: 'ExampleConf 2025', startDate: '2025-05-01',
        location: { '@type': 'Place', address: { addressLocality: 'Porto', addressCountry: 'Portugal' } },
        subEvent: [
          { '@type': 'Event', name: 'Talk one', startDate: '2025-05-01T10:00', performer: { '@type': 'Person', name: 'Ana Lima' } },
          { '@type': 'Event', name: 'Talk two', startDate: '2025-05-01T11:00', performer: [{ '@type': 'Person', name: 'Ana Lima' }, { '@type': 'Person', name: 'Bo Chen' }] },
        ],
      }],
    })}</script>`;
    const b = parseStructuredData(doc(html), 'conf')!;
    expect(b.events).toHaveLength(1);
    expect(b.talks.map((t) => [t.title, t.eventRef, t.speakerRefs.length])).toEqual([
      ['Talk one', b.events[0]!.ref, 1],
      ['Talk two', b.events[0]!.ref, 2],
    ]);
    expect(b.speakers.map((s) => s.name)).toEqual(['Ana Lima', 'Bo Chen']);
  });

  it('skips a broken JSON-LD block with a warning and still reads microdata', () => {
    const html = `<script type="application/ld+json">{ not json</script>${fixture('talk-pages/microdata-event.html')}`;
    const b = parseStructuredData(doc(html), 'page')!;
    expect(b.warnings[0]).toMatch(/not valid JSON/);
    expect(b.speakers[0]).toMatchObject({ name: 'Lucía Fernández', headline: 'Developer Advocate at Mirador Web' });
    expect(b.talks[0]!.kind).toBe('keynote');
  });

  it('reads microformats h-event with a nested h-card', () => {
    const b = parseStructuredData(doc(fixture('talk-pages/h-event.html')), 'page')!;
    expect(b.talks[0]).toMatchObject({ title: 'Owning your reading list', date: '2021-05-15', start: '11:00', end: '11:45' });
    expect(b.speakers[0]).toMatchObject({ name: 'Aoife Brennan', links: [{ url: 'https://aoife.example.ie/' }] });
  });

  it('returns undefined for a page without structured data, and the importer says why', async () => {
    expect(parseStructuredData(doc('<p>Hello</p>'), 'x')).toBeUndefined();
    await expect(structuredDataImporter.parse({ name: 'x.html', text: '<html><p>Hello</p></html>' })).rejects.toThrow(/no schema.org/);
  });
});

describe('registry', () => {
  it('picks the importer by sniff score', () => {
    expect(pickImporter({ name: 'cv.txt', text: 'Jane Doe\n\nExperience\n...\nEducation\n...\nTalks\n' })).toBe(cvTextImporter);
    expect(pickImporter({ name: 'talk.md', text: '+++\ntitle = "x"\n+++\n**Speaker**: Jane Doe' })).toBe(talkPageImporter);
    expect(pickImporter({ name: 'talk.html', type: 'text/html', text: fixture('talk-pages/jsonld-event.html') })).toBe(structuredDataImporter);
    expect(pickImporter({ name: 'page.html', type: 'text/html', text: fixture('talk-pages/html-headings.html') })).toBe(talkPageImporter);
    expect(pickImporter({ name: 'photo.jpg', type: 'image/jpeg', text: '' })).toBeUndefined();
  });

  it('reads an HTML page through the talk-page importer', async () => {
    const [b] = await talkPageImporter.parse({ name: 'p.html', text: fixture('talk-pages/html-headings.html') });
    expect(b!.source.format).toBe('talk-html');
    expect(b!.talks[0]!.abstract).toMatch(/two-million-line/);
    expect(b!.speakers[0]!.summary).toMatch(/maintained/);
  });
});

describe('PDF reading order', () => {
  // A sidebar (x 20–170) and a main column (x 200–560), each with wrapped lines, drawn interleaved.
  const items: PdfTextItem[] = [];
  for (let i = 0; i < 14; i++) {
    const y = 800 - i * 14;
    items.push({ str: `Sidebar line ${i} with words`, x: 20, y, width: 140, height: 10 });
    items.push({ str: `Main column line ${i} has more words in it`, x: 200, y, width: 350, height: 10 });
  }

  it('finds the gutter of a two-column page and reads the left column first', () => {
    expect(findGutter(items, 600)).toBeGreaterThan(160);
    const lines = pageText(items, 600).split('\n');
    expect(lines[0]).toBe('Sidebar line 0 with words');
    expect(lines[13]).toBe('Sidebar line 13 with words');
    expect(lines[15]).toBe('Main column line 0 has more words in it');
  });

  it('keeps a single-column page with right-aligned dates as lines with a tab', () => {
    const single: PdfTextItem[] = [
      { str: 'NewBay Software', x: 40, y: 700, width: 90, height: 10 },
      { str: 'Dublin, Ireland', x: 480, y: 700, width: 80, height: 10 },
      { str: 'A paragraph that runs across the whole width of the page and so crosses any gutter', x: 40, y: 686, width: 520, height: 10 },
    ];
    expect(findGutter(single, 600)).toBeUndefined();
    expect(pageText(single, 600).split('\n')[0]).toBe('NewBay Software\tDublin, Ireland');
  });
});
