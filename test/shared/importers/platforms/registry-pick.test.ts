import { pickImporter } from '../../../../src/shared/importers/registry';
import { describeData, list, read } from './helpers';

const EXPECTED: Record<string, string> = {
  'frab-xml': 'frab-xml', 'frab-json': 'frab-json', 'pretalx-api': 'pretalx-api', sessionize: 'sessionize-json',
  'sessionize-csv': 'sessionize-csv', ical: 'ical', 'europython-2024-days': 'europython-days',
};

describeData('the registry picks the platform importer for every real file', () => {
  const cases = Object.entries(EXPECTED).flatMap(([dir, id]) => list(dir).map((f) => [`${dir}/${f}`, id] as const));
  it.each(cases)('%s → %s', (file, id) => {
    const expected = file === 'frab-json/submission-pretalx.json' ? 'pretalx-api' : id; // a pretalx submission (behind a comment)
    expect(pickImporter({ name: file.split('/')[1] as string, text: read(file) })?.id).toBe(expected);
  });
});
