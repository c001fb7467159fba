/**
 * The CV importer: plain text (including text extracted from a PDF) and
 * Markdown → one speaker with positions, education, skills, publications,
 * projects and links, plus the talks the CV lists and their events.
 */
// A namespace import: `t` is this module's name for a talk.
import * as i18n from '../../i18n';
import type { DraftSpeaker, DraftTalk, ImportBundle, Position } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { findLinks } from './contacts';
import { parsePlace } from './places';
import { parseHeader, isContactLine, type CvHeader } from './cv-header';
import { splitSections, type Section } from './cv-sections';
import { parseTalkLines, type TalkLine } from './cv-talks';
import { opensTimelineEntry, parseTimeline, type TimelineEntry } from './cv-timeline';
import { EventCollector, stripUndefined } from './events';
import { assertReadableText, throwIfAborted, toLines } from './input-limits';
import { sha256Hex } from './sha256';
import { markdownLinks, squash, stripInlineMarkup, trimSeparators } from './text-utils';
import { parseCvExtras } from './cv-extras';

/** Format id stored in `Source.format`. */
export const CV_FORMAT = 'cv-text';

type Warn = (message: string) => void;
type Education = NonNullable<DraftSpeaker['education']>[number];
type Publication = NonNullable<DraftSpeaker['publications']>[number];

/** What the sections of a CV add up to, before they are set on the speaker. */
interface CvDrafts {
  positions: Omit<Position, 'sources'>[];
  education: Education[];
  skills: string[];
  projects: string[];
  publications: Publication[];
  /** Paragraphs, header prose first. */
  summary: string[];
  links: NonNullable<DraftSpeaker['links']>;
  talks: DraftTalk[];
  events: EventCollector;
  /** Tells "no talks section" from "a talks section we could not read" in the warnings. */
  sawTalksSection: boolean;
}

/**
 * Parses CV text into a bundle.
 * @param text - the CV as plain text or Markdown (tabs kept: PDF text uses them as column gaps)
 * @param name - file name, for the source record and messages
 */
export function parseCvText(text: string, name: string): ImportBundle {
  assertReadableText(text, name);
  const { warnings, warn } = warningList();
  const { lines, contactLines } = setContactLinesApart(toLines(text));
  const sections = recoverDisplacedExperience(splitSections(lines));
  const header = readHeader(sections[0]!.lines, contactLines, name);
  const speaker = startSpeaker(header, warn);
  const drafts = readSections(sections.slice(1), header, speaker, warn);
  addInlineLinks(lines, drafts.links);
  finishSpeaker(speaker, header, drafts);
  warnIfThin(drafts, warn);
  return {
    source: { kind: 'file', name, format: CV_FORMAT },
    speakers: [speaker],
    talks: drafts.talks,
    events: drafts.events.list(),
    warnings,
  };
}

/** Warnings in the order first raised, each once: a step may raise the same one for many lines. */
function warningList(): { warnings: string[]; warn: Warn } {
  const warnings: string[] = [];
  const warn = (m: string) => {
    if (!warnings.includes(m)) warnings.push(m);
  };
  return { warnings, warn };
}

/** Sets contact lines apart: PDF text can put them anywhere (001 has its address mid-page), so the header reads them once and the sections never see them. */
function setContactLinesApart(allLines: string[]): { contactLines: string[]; lines: string[] } {
  return { contactLines: allLines.filter(isContactLine), lines: allLines.filter((l) => !isContactLine(l)) };
}

/**
 * Moves lines that a two-column PDF placed in the wrong section back into
 * the experience section: a job line followed by its dates, found under
 * "Talks" or "Skills", starts the rest of that section as experience.
 */
function recoverDisplacedExperience(sections: Section[]): Section[] {
  const out: Section[] = [];
  for (const s of sections) {
    if (s.kind === 'experience' || s.kind === 'education' || s.kind === 'header') {
      out.push(s);
      continue;
    }
    const i = s.lines.findIndex((l, j) => opensTimelineEntry(l, s.lines[j + 1]));
    if (i === -1) out.push(s);
    else out.push({ ...s, lines: s.lines.slice(0, i) }, { kind: 'experience', heading: '(continued)', lines: s.lines.slice(i) });
  }
  return out;
}

/** Reads the header block; a CV with no name (not even one from an e-mail address) is refused, as its facts would belong to no one. */
function readHeader(headerLines: string[], contactLines: string[], name: string): CvHeader & { name: string } {
  const header = parseHeader(headerLines, contactLines);
  if (!header.name) throw new ImportError(i18n.t('importErrCvNoName'), name);
  return { ...header, name: header.name };
}

/** The speaker as the header gives it: name (flagged and warned of when inferred) and place. */
function startSpeaker(header: CvHeader & { name: string }, warn: Warn): DraftSpeaker {
  const speaker: DraftSpeaker = { ref: 'speaker-1', name: header.name };
  if (header.nameInferred) {
    speaker.inferred = ['name'];
    warn(i18n.t('importWarnCvNameFromEmail', header.name));
  }
  if (header.location) speaker.location = header.location;
  return speaker;
}

/** Reads each section after the header by its kind; a contact section may also give the speaker's place. */
function readSections(sections: Section[], header: CvHeader, speaker: DraftSpeaker, warn: Warn): CvDrafts {
  const d: CvDrafts = {
    positions: [], education: [], skills: [], projects: [], publications: [],
    summary: [...header.prose], links: [...header.links], talks: [], events: new EventCollector(), sawTalksSection: false,
  };
  for (const section of sections) {
    switch (section.kind) {
      case 'experience':
        d.positions.push(...parseTimeline(section.lines, false, warn).map(toPosition));
        break;
      case 'education':
        d.education.push(...parseTimeline(section.lines, true, warn).map(toEducation));
        break;
      case 'talks':
        d.sawTalksSection = true;
        d.talks.push(...parseTalkLines(section.lines).map((t) => toTalk(t, speaker.ref, d.events, warn)));
        break;
      case 'publications':
        d.publications.push(...parseTalkLines(section.lines).map(toPublication));
        break;
      case 'summary':
        d.summary.push(...section.lines.map((l) => squash(stripInlineMarkup(l))));
        break;
      case 'contact':
        readContact(section.lines, d.links, speaker);
        break;
      default: {
        const extras = parseCvExtras(section);
        d.skills.push(...extras.skills);
        d.projects.push(...extras.projects);
      }
    }
  }
  return d;
}

/** A job from the experience timeline. */
function toPosition(e: TimelineEntry): Omit<Position, 'sources'> {
  const p: Omit<Position, 'sources'> = { organisation: e.org };
  if (e.title) p.title = e.title;
  if (e.start) p.start = e.start;
  if (e.end) p.end = e.end;
  if (e.current) p.current = true;
  if (e.place && (e.place.city || e.place.country)) p.location = e.place;
  if (e.description) p.description = e.description;
  if (e.roles.length) p.roles = e.roles.map((r) => stripUndefined(r));
  return p;
}

/** A degree from the education timeline; "MSc in Physics" is read as degree and field. */
function toEducation(e: TimelineEntry): Education {
  const ed: Education = { institution: e.org };
  if (e.title) {
    const m = /^(.{1,80}?)\s(?:in|of)\s(.{2,200})$/i.exec(e.title);
    if (m) {
      ed.degree = m[1]!;
      ed.field = m[2]!;
    } else ed.degree = e.title;
  }
  if (e.start) ed.start = e.start;
  if (e.end) ed.end = e.end;
  return ed;
}

/** A talk line as a talk of the speaker, its event collected; a place with no event has nowhere to go, so it is warned of. */
function toTalk(t: TalkLine, speakerRef: string, events: EventCollector, warn: Warn): DraftTalk {
  const talk: DraftTalk = { title: t.title, speakerRefs: [speakerRef] };
  if (t.date ?? t.year) talk.date = t.date ?? t.year!;
  if (t.kind) talk.kind = t.kind;
  if (t.url) talk.links = [{ kind: 'page', url: t.url }];
  if (t.event) {
    talk.eventRef = events.add({
      name: t.event.name,
      series: t.event.series || undefined,
      year: t.event.year,
      edition: t.event.year ? String(t.event.year) : undefined,
      city: t.place?.city,
      country: t.place?.country,
    });
  } else if (t.place) {
    warn(i18n.t('importWarnCvPlaceNoEvent', t.title, String(t.place.city)));
  }
  return talk;
}

/** A publication, read with the talk-line parser: the venue stands where a talk's event would. */
function toPublication(t: TalkLine): Publication {
  const p: Publication = { title: t.title };
  if (t.year) p.year = t.year;
  if (t.event) p.venue = t.event.name;
  else if (t.online) p.venue = 'Online';
  if (t.url) p.url = t.url;
  return p;
}

/** A contact section: the links not listed yet and, unless the header gave one, the first place it names. */
function readContact(lines: string[], links: CvDrafts['links'], speaker: DraftSpeaker): void {
  for (const l of lines) {
    links.push(...findLinks(l).filter((x) => !links.some((y) => y.url === x.url)));
    speaker.location ??= parsePlace(squash(stripInlineMarkup(l)));
  }
}

/** Adds links written as Markdown or bare URLs anywhere in the CV (project and profile links), each URL once. */
function addInlineLinks(lines: string[], links: CvDrafts['links']): void {
  for (const l of lines) {
    for (const { url } of markdownLinks(l)) for (const x of findLinks(url)) if (!links.some((y) => y.url === x.url)) links.push(x);
  }
}

/**
 * Sets what the sections gave on the speaker, leaving out empty lists.
 * The headline is the current job when there is one, else the header's
 * tagline; a tagline that lost out opens the summary instead of being lost.
 */
function finishSpeaker(speaker: DraftSpeaker, header: CvHeader, d: CvDrafts): void {
  const current = d.positions.find((p) => p.current && p.title);
  if (current) speaker.headline = `${current.title} at ${current.organisation}`;
  else if (header.tagline) speaker.headline = header.tagline;
  if (header.tagline && speaker.headline !== header.tagline) d.summary.unshift(header.tagline);
  if (d.summary.length) speaker.summary = d.summary.join('\n\n');
  if (d.positions.length) speaker.positions = d.positions;
  if (d.education.length) speaker.education = d.education;
  if (d.skills.length) speaker.skills = [...new Set(d.skills)];
  if (d.publications.length) speaker.publications = d.publications;
  if (d.projects.length) speaker.projects = [...new Set(d.projects)];
  if (d.links.length) speaker.links = d.links;
  if (header.emails.length) speaker.identifiers = header.emails.map((e) => ({ scheme: 'email-sha256' as const, value: sha256Hex(e) }));
}

/** Warns when the CV gave no talks or no positions, telling a missing talks section from one that could not be read. */
function warnIfThin(d: CvDrafts, warn: Warn): void {
  if (!d.sawTalksSection) warn(i18n.t('importWarnCvNoTalksSection'));
  else if (d.talks.length === 0) warn(i18n.t('importWarnCvNoTalksRead'));
  if (d.positions.length === 0) warn(i18n.t('importWarnCvNoPositions'));
}

/** Section headings a CV has; used by the sniffer. */
const CV_SIGNS = /^\s*(?:#{1,3}\s*)?(?:experience|work experience|professional experience|employment|education|skills|talks|speaking|presentations|publications)\s*[:.]?\s*$/gim;

/** The CV importer (text, Markdown, and PDF text). */
export const cvTextImporter: Importer = {
  id: CV_FORMAT,
  label: 'CV (text, Markdown or PDF)',
  sniff({ name, type, head }) {
    if (/\.(?:json|ics|xml|html?)$/i.test(name) || /html|json|xml|calendar/.test(type ?? '')) return 0;
    if (/^(?:\+\+\+|---)\s/.test(head.trimStart())) return 0.1; // front matter: a talk page
    const signs = new Set((head.match(CV_SIGNS) ?? []).map((h) => trimSeparators(h.toLowerCase().replace(/#/g, ''))));
    let score = Math.min(0.3 * signs.size, 0.8);
    if (/\b(?:cv|resume|résumé|curriculum)\b/i.test(name)) score += 0.2;
    if (/\.(?:txt|md|markdown|pdf)$/i.test(name) || !type || /text\/(?:plain|markdown)/.test(type)) score += 0.05;
    return Math.min(score, 0.95);
  },
  async parse(input: ImportInput, options?: ImportOptions) {
    throwIfAborted(options?.signal);
    const bundle = parseCvText(input.text, input.name);
    if (input.url) bundle.source.url = input.url;
    options?.onProgress?.(1);
    return [bundle];
  },
};
