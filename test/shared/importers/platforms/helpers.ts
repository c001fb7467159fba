/** Shared helpers for the platform importer tests: the real data beside the project. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DraftSpeaker, DraftTalk, ImportBundle } from '../../../../src/shared/types';

/** `../shared/data` beside the project root (never copied into the project). */
export const DATA = path.resolve(__dirname, '../../../../../shared/data');

/** Is the shared data folder there? Tests skip gracefully when it is not. */
export const hasData = existsSync(path.join(DATA, 'README.md'));

/** `describe` that skips when the data is absent. */
export const describeData: jest.Describe = (hasData ? describe : describe.skip) as jest.Describe;

/** Text of a data file. */
export const read = (rel: string) => (hasData ? readFileSync(path.join(DATA, rel), 'utf8') : '');

/** File names in a data folder. */
export const list = (dir: string) => (hasData ? readdirSync(path.join(DATA, dir)).sort() : []);

/** The speakers of a talk, by name. */
export function speakersOf(b: ImportBundle, t: DraftTalk): DraftSpeaker[] {
  return t.speakerRefs.map((r) => b.speakers.find((s) => s.ref === r) as DraftSpeaker);
}

/** A talk by exact title (throws if absent, for clear failures). */
export function talk(b: ImportBundle, title: string): DraftTalk {
  const t = b.talks.find((x) => x.title === title);
  if (!t) throw new Error(`no talk "${title}"`);
  return t;
}
