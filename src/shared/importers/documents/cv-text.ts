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
import { parseHeader, isContactLine } from './cv-header';
import { splitSections, type Section } from './cv-sections';
import { parseTalkLines } from './cv-talks';
import { opensTimelineEntry, parseTimeline, type TimelineEntry } from './cv-timeline';
import { EventCollector, stripUndefined } from './events';
import { assertReadableText, throwIfAborted, toLines } from './input-limits';
import { sha256Hex } from './sha256';
import { markdownLinks, squash, stripInlineMarkup, trimSeparators } from './text-utils';
import { parseCvExtras } from './cv-extras';

/** Format id stored in `Source.format`. */
export const CV_FORMAT = 'cv-text';

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

/**
 * Parses CV text into a bundle.
 * @param text - the CV as plain text or Markdown (tabs kept: PDF text uses them as column gaps)
 * @param name - file name, for the source record and messages
 */
export function parseCvText(text: string, name: string): ImportBundle {
  assertReadableText(text, name);
  const warnings: string[] = [];
  const warn = (m: string) => {
    if (!warnings.includes(m)) warnings.push(m);
  };
  const allLines = toLines(text);
  // Contact lines can sit anywhere in PDF text (001 has its address mid-page); read them once and drop them.
  const contactLines = allLines.filter(isContactLine);
  const lines = allLines.filter((l) => !isContactLine(l));
  const sections = recoverDisplacedExperience(splitSections(lines));
  const header = parseHeader(sections[0]!.lines, contactLines);
  if (!header.name) {
    throw new ImportError(
      i18n.t('importErrCvNoName'),
      name,
    );
  }

  const speaker: DraftSpeaker = { ref: 'speaker-1', name: header.name };
  if (header.nameInferred) {
    speaker.inferred = ['name'];
    warn(i18n.t('importWarnCvNameFromEmail', header.name));
  }
  if (header.location) speaker.location = header.location;

  const positions: Omit<Position, 'sources'>[] = [];
  const education: NonNullable<DraftSpeaker['education']> = [];
  const skills: string[] = [];
  const projects: string[] = [];
  const publications: NonNullable<DraftSpeaker['publications']> = [];
  const summary: string[] = [...header.prose];
  const links = [...header.links];
  const events = new EventCollector();
  const talks: DraftTalk[] = [];
  let sawTalksSection = false;

  for (const section of sections.slice(1)) {
    switch (section.kind) {
      case 'experience':
        positions.push(...parseTimeline(section.lines, false, warn).map(toPosition));
        break;
      case 'education':
        for (const e of parseTimeline(section.lines, true, warn)) {
          const ed: NonNullable<DraftSpeaker['education']>[number] = { institution: e.org };
          if (e.title) {
            const m = /^(.{1,80}?)\s(?:in|of)\s(.{2,200})$/i.exec(e.title);
            if (m) {
              ed.degree = m[1]!;
              ed.field = m[2]!;
            } else ed.degree = e.title;
          }
          if (e.start) ed.start = e.start;
          if (e.end) ed.end = e.end;
          education.push(ed);
        }
        break;
      case 'talks':
        sawTalksSection = true;
        for (const t of parseTalkLines(section.lines)) {
          const talk: DraftTalk = { title: t.title, speakerRefs: [speaker.ref] };
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
          talks.push(talk);
        }
        break;
      case 'publications':
        for (const t of parseTalkLines(section.lines)) {
          const p: NonNullable<DraftSpeaker['publications']>[number] = { title: t.title };
          if (t.year) p.year = t.year;
          if (t.event) p.venue = t.event.name;
          else if (t.online) p.venue = 'Online';
          if (t.url) p.url = t.url;
          publications.push(p);
        }
        break;
      case 'summary':
        summary.push(...section.lines.map((l) => squash(stripInlineMarkup(l))));
        break;
      case 'contact':
        for (const l of section.lines) {
          links.push(...findLinks(l).filter((x) => !links.some((y) => y.url === x.url)));
          speaker.location ??= parsePlace(squash(stripInlineMarkup(l)));
        }
        break;
      default: {
        const extras = parseCvExtras(section);
        skills.push(...extras.skills);
        projects.push(...extras.projects);
      }
    }
  }
  // Links written as Markdown or bare URLs anywhere in the CV (project and profile links).
  for (const l of lines) {
    for (const { url } of markdownLinks(l)) for (const x of findLinks(url)) if (!links.some((y) => y.url === x.url)) links.push(x);
  }

  const current = positions.find((p) => p.current && p.title);
  if (current) speaker.headline = `${current.title} at ${current.organisation}`;
  else if (header.tagline) speaker.headline = header.tagline;
  if (header.tagline && speaker.headline !== header.tagline) summary.unshift(header.tagline);
  if (summary.length) speaker.summary = summary.join('\n\n');
  if (positions.length) speaker.positions = positions;
  if (education.length) speaker.education = education;
  if (skills.length) speaker.skills = [...new Set(skills)];
  if (publications.length) speaker.publications = publications;
  if (projects.length) speaker.projects = [...new Set(projects)];
  if (links.length) speaker.links = links;
  if (header.emails.length) speaker.identifiers = header.emails.map((e) => ({ scheme: 'email-sha256' as const, value: sha256Hex(e) }));

  if (!sawTalksSection) warn(i18n.t('importWarnCvNoTalksSection'));
  else if (talks.length === 0) warn(i18n.t('importWarnCvNoTalksRead'));
  if (positions.length === 0) warn(i18n.t('importWarnCvNoPositions'));

  return {
    source: { kind: 'file', name, format: CV_FORMAT },
    speakers: [speaker],
    talks,
    events: events.list(),
    warnings,
  };
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
