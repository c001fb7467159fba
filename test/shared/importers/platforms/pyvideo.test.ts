/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { ImportError } from '../../../../src/shared/importers/importer';
import { pyvideoArchiveBundles, pyvideoFolderBundles, pyvideoTalkImporter } from '../../../../src/shared/importers/platforms/pyvideo';
import type { ImportBundle } from '../../../../src/shared/types';
import { DATA, describeData, speakersOf } from './helpers';

const ARCHIVE = () => new Uint8Array(readFileSync(path.join(DATA, 'pyvideo-data.tar.gz')));
const FBTFTP = 'europython-2016/videos/angelo-failla-fbtftp-facebooks-open-source-python3-framework-for-dynamic-tftp-servers.json';

/** A minimal ustar archive of the given files (for zip/tar edge cases). */
function tar(files: Record<string, string>): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = strToU8(text);
    const h = new Uint8Array(512);
    h.set(strToU8(name), 0);
    h.set(strToU8('0000644\0'), 100);
    h.set(strToU8(data.byteLength.toString(8).padStart(11, '0') + '\0'), 124);
    h[156] = 0x30;
    h.set(strToU8('ustar\0'), 257);
    blocks.push(h, data, new Uint8Array((512 - (data.byteLength % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

async function collect(it: AsyncIterable<ImportBundle>): Promise<ImportBundle[]> {
  const out: ImportBundle[] = [];
  for await (const b of it) out.push(b);
  return out;
}

describeData('pyvideo', () => {
  let bundles: ImportBundle[];
  let progress: number[];

  beforeAll(async () => {
    progress = [];
    bundles = await collect(pyvideoArchiveBundles(ARCHIVE(), { name: 'pyvideo-data.tar.gz', onProgress: (f) => progress.push(f) }));
  }, 60_000);

  // README + a Python walk of the extracted tree: 540 category.json, 21,715 videos/*.json;
  // 2,244 talks whose speaker strings are all empty or placeholders ("Various speakers", "PyCon Korea Team").
  it('streams the whole repository: 540 events, 21,715 talks, one bundle per event', () => {
    expect(bundles).toHaveLength(540);
    expect(bundles.reduce((n, b) => n + b.talks.length, 0)).toBe(21_715);
    expect(bundles.every((b) => b.events.length === 1)).toBe(true);
    expect(bundles.reduce((n, b) => n + b.talks.filter((t) => !t.speakerRefs.length).length, 0)).toBe(2_244);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("Angelo Failla's FBTFTP talk at EuroPython 2016, with its video link", () => {
    const ep = bundles.find((b) => b.events[0]!.name === 'EuroPython 2016')!;
    expect(ep.events[0]).toMatchObject({ series: 'EuroPython', year: 2016 });
    const t = ep.talks.find((x) => x.title.startsWith('FBTFTP'))!;
    expect(t.title).toBe("FBTFTP: Facebook's open source python3 framework for dynamic TFTP servers.");
    expect(speakersOf(ep, t).map((s) => s.name)).toEqual(['Angelo Failla']);
    expect(t.links).toContainEqual({ kind: 'video', url: 'https://www.youtube.com/watch?v=1pndeS8FIS8' });
    expect(t).toMatchObject({ date: '2016-08-05', durationMinutes: 28, language: 'en', eventRef: ep.events[0]!.ref });
  });

  it('"défaillance" talks do not produce a speaker "Failla"', () => {
    const failla = bundles.flatMap((b) => b.speakers.filter((s) => /failla/i.test(s.name)).map((s) => `${b.events[0]!.name}: ${s.name}`));
    expect(failla).toEqual(['EuroPython 2016: Angelo Failla']);
    const fr = bundles.filter((b) => /PyCon FR 20(23|25)/i.test(b.events[0]!.name));
    const defaillance = fr.flatMap((b) => b.talks.filter((t) => /défaillance/i.test(t.abstract ?? '')).map((t) => speakersOf(b, t).map((s) => s.name)));
    expect(defaillance.length).toBeGreaterThan(0);
    expect(defaillance.flat().some((n) => /failla/i.test(n))).toBe(false);
  });

  it('"Various speakers" and empty lists create nobody; "A & B" is split', () => {
    const names = bundles.flatMap((b) => b.speakers.map((s) => s.name));
    expect(names.filter((n) => /^various|^multiple speakers$/i.test(n))).toEqual([]);
    expect(names).not.toContain('');
    expect(names).toEqual(expect.arrayContaining(['Andrey Lushnikov', 'Max Schmitt', 'Anna Spysz', 'Chase Douglas']));
    expect(names).not.toContain('Andrey Lushnikov & Max Schmitt');
  });

  it('one talk JSON on its own, event named after its folder', async () => {
    const tarBytes = ARCHIVE();
    let text = '';
    const { archiveEntries } = await import('../../../../src/shared/importers/platforms/archive');
    for await (const e of archiveEntries(tarBytes, { want: (p) => p === FBTFTP })) text = new TextDecoder().decode(e.data);
    expect(pyvideoTalkImporter.sniff({ name: FBTFTP, head: text.slice(0, 4096) })).toBeGreaterThanOrEqual(0.9);
    const [b] = await pyvideoTalkImporter.parse({ name: FBTFTP, text });
    expect(b!.talks).toHaveLength(1);
    expect(b!.events[0]!.name).toBe('europython-2016');
    expect(b!.speakers.map((s) => s.name)).toEqual(['Angelo Failla']);
  }, 30_000);

  it('a truncated archive: a clear error, and the event being read is not emitted', async () => {
    const whole = ARCHIVE();
    const cut = whole.subarray(0, Math.floor(whole.byteLength / 2));
    const seen: ImportBundle[] = [];
    await expect(
      (async () => {
        for await (const b of pyvideoArchiveBundles(cut, { name: 'cut.tar.gz' })) seen.push(b);
      })(),
    ).rejects.toThrow(/cut\.tar\.gz, after \d+ bytes: the archive is (cut off|damaged or cut off)/);
    // Every emitted bundle is a complete event: same talk count as in the full archive.
    const full = new Map(bundles.map((b) => [b.source.name.replace(/^.* › /, ''), b.talks.length]));
    for (const b of seen) expect(b.talks.length).toBe(full.get(b.source.name.replace(/^.* › /, '')));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(540);
  }, 30_000);

  it('cancel via AbortSignal stops with "import cancelled"', async () => {
    const ac = new AbortController();
    let n = 0;
    await expect(
      (async () => {
        for await (const _ of pyvideoArchiveBundles(ARCHIVE(), { name: 'a.tar.gz', signal: ac.signal })) if (++n === 3) ac.abort();
      })(),
    ).rejects.toThrow(new ImportError('import cancelled', 'a.tar.gz'));
    expect(n).toBe(3);
  }, 30_000);
});

describe('pyvideo archives built in the test', () => {
  const files = {
    'data-main/ev-2020/category.json': '{"title": "Ev 2020"}',
    'data-main/ev-2020/videos/a.json': '{"title": "A", "speakers": ["Ann Lee & Bo Chen"], "recorded": "2020-05-01", "videos": [{"type": "youtube", "url": "https://youtu.be/x"}]}',
    'data-main/ev-2020/videos/b.json': '{"title": "B", "speakers": ["Various speakers"], "recorded": "2020-05-02", "videos": []}',
    'data-main/ev-2020/videos/broken.json': '{"title": ',
    'data-main/other/README.md': '# not a talk',
  };

  it('zip and tar (uncompressed and gzip) give the same bundles; broken talk files are skipped with a warning', async () => {
    const fromZip = await collect(pyvideoArchiveBundles(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))), { name: 'x.zip' }));
    const fromTar = await collect(pyvideoArchiveBundles(tar(files), { name: 'x.tar' }));
    const fromTgz = await collect(pyvideoArchiveBundles(gzipSync(tar(files)), { name: 'x.tgz' }));
    for (const got of [fromZip, fromTar, fromTgz]) {
      expect(got).toHaveLength(1);
      expect(got[0]!.talks.map((t) => t.title)).toEqual(['A', 'B']);
      expect(got[0]!.speakers.map((s) => s.name)).toEqual(['Ann Lee', 'Bo Chen']);
      expect(got[0]!.warnings.join('\n')).toMatch(/broken\.json: not valid JSON/);
    }
  });

  it('a picked folder (files with paths)', async () => {
    const got = await pyvideoFolderBundles(Object.entries(files).map(([p, text]) => ({ path: p, text })), { name: 'folder' });
    expect(got[0]!.events[0]).toMatchObject({ name: 'Ev 2020', year: 2020 });
  });

  it('refuses an archive over the limit before reading it, and a file that is no archive', async () => {
    const huge = { size: 200 * 1024 * 1024, slice: () => new Blob([]) } as unknown as Blob;
    Object.setPrototypeOf(huge, Blob.prototype);
    await expect(collect(pyvideoArchiveBundles(huge, { name: 'huge.tar.gz' }))).rejects.toThrow(/huge\.tar\.gz: the file is 200 MB, more than the 100 MB/);
    await expect(collect(pyvideoArchiveBundles(strToU8('hello'), { name: 'x.bin' }))).rejects.toThrow('x.bin: not a .zip, .tar.gz or .tar archive');
  });
});
