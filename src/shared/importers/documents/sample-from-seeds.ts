/**
 * Builds the sample archive offered on first run from the project's three
 * seed documents, with the importers themselves, keeping facts only: names,
 * roles, employers, places, positions, talk titles, dates, events, rooms.
 * Summaries, bios, abstracts, descriptions, skills and projects are left
 * out, so no prose from the seeds is carried in the project.
 */
import type { DraftSpeaker, DraftTalk, ImportBundle } from '../../types';
import { parseCvText } from './cv-text';
import { parseTalkMarkdown } from './talk-page';

/** The three seeds' texts, by role. */
export interface SeedTexts {
  /** CV whose name is only implied by the e-mail address (seed 000). */
  cvA: string;
  /** CV with a plain name line (seed 001). */
  cvB: string;
  /** Talk page with TOML front matter (seed 002). */
  talkPage: string;
}

function factsOnlySpeaker(s: DraftSpeaker): DraftSpeaker {
  const out: DraftSpeaker = { ref: s.ref, name: s.name };
  if (s.headline) out.headline = s.headline;
  if (s.location) out.location = s.location;
  if (s.positions?.length) {
    out.positions = s.positions.map(({ description: _d, roles, ...p }) => ({
      ...p,
      ...(roles?.length ? { roles: roles.map(({ description: _rd, ...r }) => r) } : {}),
    }));
  }
  if (s.education?.length) out.education = s.education;
  return out;
}

function factsOnlyTalk(t: DraftTalk): DraftTalk {
  const { abstract: _a, tags: _t, links: _l, ...rest } = t;
  return rest;
}

/** Prefixes refs so the three bundles' refs never collide if merged into one. */
function prefixed(bundle: ImportBundle, prefix: string, sourceName: string): ImportBundle {
  const r = (ref: string) => `${prefix}-${ref}`;
  return {
    source: { kind: 'sample', name: sourceName, format: 'podium-sample' },
    speakers: bundle.speakers.map((s) => ({ ...factsOnlySpeaker(s), ref: r(s.ref) })),
    talks: bundle.talks.map((t) => {
      const f = factsOnlyTalk(t);
      return { ...f, speakerRefs: t.speakerRefs.map(r), ...(t.eventRef ? { eventRef: r(t.eventRef) } : {}) };
    }),
    events: bundle.events.map((e) => ({ ...e, ref: r(e.ref) })),
    warnings: [],
  };
}

/**
 * The sample archive: one bundle per seed, facts only. Inferred fields are
 * kept unmarked (the sample is shown as a sample, not as the user's data).
 */
export function sampleBundlesFromSeeds(texts: SeedTexts): ImportBundle[] {
  const a = parseCvText(texts.cvA, 'sample-cv-a.txt');
  const b = parseCvText(texts.cvB, 'sample-cv-b.txt');
  const c = parseTalkMarkdown(texts.talkPage, 'sample-talk.md');
  return [
    prefixed(a, 'a', 'Podium sample archive: CV (A)'),
    prefixed(b, 'b', 'Podium sample archive: CV (B)'),
    prefixed(c, 'c', 'Podium sample archive: talk page'),
  ];
}
