/**
 * Generated frab schedule XML files for the import benchmark: the synthetic
 * archive's people and talks (test/fixtures/synthetic.ts) written
 * as a user would get them, one `<schedule>` per file. Talks are dealt to
 * the files in turn, so people with several talks appear in several files
 * and the import must merge them across files, as with real exports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rng, syntheticBundle } from '../../test/fixtures/synthetic';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const FILLER =
  'The talk walks through the design, the mistakes made on the way and what the team would do again. ' +
  'Expect code, numbers from production and time for questions. ';

export interface FrabFilesOptions {
  files: number;
  talks: number;
  speakers: number;
  /** Characters of abstract per talk (sets the file size). */
  abstractChars?: number;
}

/** Writes the files into `dir` and returns their paths. */
export function writeFrabFiles(dir: string, { files, talks, speakers, abstractChars = 60 }: FrabFilesOptions): string[] {
  mkdirSync(dir, { recursive: true });
  const bundle = syntheticBundle({ talks, speakers });
  const random = rng(99);
  const people = new Map(bundle.speakers.map((s, i) => [s.ref, { name: s.name, id: 10_000 + i, headline: s.headline }]));
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const mine = bundle.talks.filter((_, i) => i % files === f);
    const title = `Synthetic Summit ${2001 + f}`;
    const out: string[] = [
      `<?xml version="1.0" encoding="UTF-8"?>\n<schedule>\n  <version>1.0</version>\n  <conference>\n    <acronym>synth-${f + 1}</acronym>\n    <title>${title}</title>\n` +
        `    <start>${2001 + f}-06-01</start>\n    <end>${2001 + f}-06-05</end>\n    <days>5</days>\n    <venue>Congress Centre</venue>\n    <city>Lyon</city>\n` +
        `    <time_zone_name>Europe/Paris</time_zone_name>\n    <base_url>https://synthetic.example/${2001 + f}/</base_url>\n  </conference>\n`,
    ];
    // Biographies for the people of this file (headline as the bio), FOSDEM 2026 style.
    const persons = new Set(mine.flatMap((t) => t.speakerRefs));
    out.push('  <persons>\n');
    for (const ref of persons) {
      const p = people.get(ref)!;
      out.push(`    <person id="${p.id}"><name>${esc(p.name)}</name>${p.headline ? `<biography>${esc(p.headline)}.</biography>` : ''}</person>\n`);
    }
    out.push('  </persons>\n');
    const perDay = Math.ceil(mine.length / 5);
    for (let d = 0; d < 5; d++) {
      out.push(`  <day index="${d + 1}" date="${2001 + f}-06-0${d + 1}">\n`);
      const day = mine.slice(d * perDay, (d + 1) * perDay);
      const rooms = 40;
      for (let r = 0; r < rooms; r++) {
        out.push(`    <room name="Room ${r + 1}">\n`);
        for (let i = r; i < day.length; i += rooms) {
          const t = day[i]!;
          const id = f * 1_000_000 + d * 100_000 + i;
          const minutes = t.durationMinutes ?? 30;
          const hour = 8 + Math.floor(i / rooms) % 14;
          const len = Math.floor(abstractChars * (0.5 + random()));
          const abstract = (t.abstract ? `${t.abstract} ` : '') + FILLER.repeat(Math.ceil(len / FILLER.length)).slice(0, len);
          out.push(
            `<event id="${id}"><date>${2001 + f}-06-0${d + 1}T${String(hour).padStart(2, '0')}:00:00+02:00</date><start>${String(hour).padStart(2, '0')}:00</start>` +
              `<duration>00:${String(minutes % 60).padStart(2, '0')}</duration><room>Room ${r + 1}</room><title>${esc(t.title)}</title>` +
              `<track>Track ${1 + (i % 12)}</track><type>${t.kind ?? 'talk'}</type><abstract>${esc(abstract)}</abstract>` +
              `<persons>${t.speakerRefs.map((ref) => `<person id="${people.get(ref)!.id}">${esc(people.get(ref)!.name)}</person>`).join('')}</persons></event>\n`,
          );
        }
        out.push('    </room>\n');
      }
      out.push('  </day>\n');
    }
    out.push('</schedule>\n');
    const file = path.join(dir, `synthetic-summit-${f + 1}-of-${files}.xml`);
    writeFileSync(file, out.join(''));
    paths.push(file);
  }
  return paths;
}

/** The same talks as one c3voc schedule JSON (the schema frab and pretalx export), written to `file`. */
export function writeC3vocJson(file: string, { talks, speakers }: { talks: number; speakers: number }): void {
  const bundle = syntheticBundle({ talks, speakers });
  const people = new Map(bundle.speakers.map((sp, i) => [sp.ref, { id: i + 1, public_name: sp.name }]));
  const rooms: Record<string, unknown[]> = {};
  bundle.talks.forEach((t, i) => {
    const room = `Room ${1 + (i % 40)}`;
    (rooms[room] ??= []).push({
      guid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, id: i + 1, date: '2026-06-01T10:00:00+02:00', start: '10:00', duration: '00:30',
      room, slug: `t${i}`, url: `https://synthetic.example/t${i}`, title: t.title, subtitle: '', track: 'Track', type: t.kind ?? 'talk', language: 'en',
      abstract: `${t.abstract ?? ''} ${FILLER}`.trim(), links: [], persons: t.speakerRefs.map((r) => people.get(r)),
    });
  });
  const day = { index: 1, date: '2026-06-01', day_start: '2026-06-01T09:00:00+02:00', day_end: '2026-06-01T20:00:00+02:00', rooms };
  const conference = { acronym: 'synth-json', title: 'Synthetic Summit JSON 2026', start: '2026-06-01', end: '2026-06-01', daysCount: 1, timeslot_duration: '00:15', time_zone_name: 'Europe/Paris', rooms: [], days: [day] };
  writeFileSync(file, JSON.stringify({ schedule: { version: '1', conference } }));
}

/** `npx tsx scripts/bench/frab-files.ts DIR [files talks speakers]`: writes the files. */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const [dir = '/tmp/podium-frab', files = '4', talks = '100000', speakers = '50000'] = process.argv.slice(2);
  const t0 = Date.now();
  for (const p of writeFrabFiles(dir, { files: Number(files), talks: Number(talks), speakers: Number(speakers) })) console.log(p);
  console.log(`${Date.now() - t0} ms`);
}
