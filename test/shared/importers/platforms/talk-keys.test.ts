/**
 * Every platform importer that reads a schedule gives each talk its
 * platform key (a subscription finds a retitled talk again by it), keys are
 * unique within a schedule, and a bundle carrying them passes the worker's
 * request check.
 */
import { checkImportBundle } from '../../../../src/shared/archive-format';
import { platformImporters } from '../../../../src/shared/importers/platforms';
import { pickImporter } from '../../../../src/shared/importers/registry';
import type { ImportBundle } from '../../../../src/shared/types';
import { describeData, read } from './helpers';

const FILES: [string, RegExp][] = [
  ['frab-xml/fosdem-2024.xml', /^frab:/],
  ['frab-json/ccc-camp2019-frab.json', /^frab:/],
  ['sessionize/global-azure-linz-2022.json', /^sessionize:/],
  ['ical/pyconau-2023-pretalx-as-downloaded.ics', /^uid:/],
];

async function bundles(file: string): Promise<ImportBundle[]> {
  const text = read(file);
  const name = file.split('/').pop()!;
  const importer = pickImporter({ name, text }, platformImporters)!;
  return importer.parse({ name, text }, {});
}

describeData('talk keys', () => {
  it.each(FILES)('%s: every talk has a unique key', async (file, scheme) => {
    for (const b of await bundles(file)) {
      const keys = b.talks.map((t) => t.key);
      expect(keys.every((k) => typeof k === 'string' && scheme.test(k))).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
      expect(() => checkImportBundle(b, 'bundle')).not.toThrow();
    }
  });

  it('pretalx API talks are keyed by their submission code', async () => {
    const { pretalxApiToBundle } = await import('../../../../src/shared/importers/platforms/pretalx-api');
    const talks = JSON.parse(read('pretalx-api/europython-programapi-example-submissions.json')) as { code: string }[];
    const b = pretalxApiToBundle({ talks: [talks], speakers: [] }, 'api');
    expect(b.talks.map((t) => t.key)).toEqual(talks.map((t) => `pretalx:${t.code}`));
  });
});
