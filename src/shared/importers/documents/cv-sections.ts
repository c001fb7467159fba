/**
 * Splits a CV into its sections by heading lines ("Experience", "PUBLIC
 * TALKS", "## Speaking", "Publicly accessible projects_"). Lines before the
 * first heading form the header (name, headline, contact details).
 */
import { squash, trimChars } from './text-utils';

export type SectionKind =
  | 'header'
  | 'summary'
  | 'skills'
  | 'experience'
  | 'education'
  | 'talks'
  | 'publications'
  | 'projects'
  | 'languages'
  | 'contact'
  | 'other';

const HEADINGS: Record<Exclude<SectionKind, 'header'>, string[]> = {
  summary: ['summary', 'profile', 'about', 'about me', 'professional summary', 'objective', 'overview', 'bio', 'biography', 'introduction', 'personal statement', 'professional profile'],
  skills: ['skills', 'technical skills', 'core skills', 'key skills', 'skills and tools', 'competences', 'competencies', 'expertise', 'technologies', 'tech stack', 'toolbox', 'skills and expertise'],
  experience: ['experience', 'work experience', 'professional experience', 'employment', 'employment history', 'work history', 'career', 'career history', 'relevant experience', 'positions', 'jobs', 'professional history', 'work'],
  education: ['education', 'academic background', 'studies', 'education and training', 'qualifications', 'degrees', 'academic history'],
  talks: ['talks', 'public talks', 'speaking', 'speaking engagements', 'presentations', 'conference talks', 'selected talks', 'talks and presentations', 'invited talks', 'keynotes', 'public speaking', 'conference presentations', 'talks and workshops', 'recent talks', 'speaker', 'appearances', 'talks and publications', 'speaking and writing', 'conference speaking', 'selected presentations'],
  publications: ['publications', 'other publications', 'other publications and mentions', 'articles', 'blog posts', 'writing', 'papers', 'selected publications', 'press', 'mentions', 'media', 'publications and mentions'],
  projects: ['projects', 'publicly accessible projects', 'software projects', 'open source', 'open source projects', 'side projects', 'selected projects', 'open-source contributions', 'open source contributions', 'personal projects'],
  languages: ['languages', 'spoken languages'],
  contact: ['contact', 'contacts', 'contact information', 'contact details', 'links', 'online', 'profiles', 'social', 'elsewhere'],
  other: ['interests', 'hobbies', 'extracurricular activity', 'extracurricular activities', 'volunteering', 'awards', 'certifications', 'references', 'honours', 'honors', 'achievements', 'activities', 'memberships', 'volunteer work', 'personal', 'additional information'],
};

const KIND_BY_HEADING = new Map<string, SectionKind>();
for (const [kind, names] of Object.entries(HEADINGS)) for (const n of names) KIND_BY_HEADING.set(n, kind as SectionKind);

/**
 * The section a heading line opens, or undefined when the line is not a
 * heading. Markdown `#`, emphasis, trailing ":", "." or "_" and a
 * parenthetical ("Talks (selected)") are ignored.
 */
export function headingKind(line: string): SectionKind | undefined {
  let t = squash(line);
  if (t.length === 0 || t.length > 60) return undefined;
  t = trimChars(t, '#*_=:.- ').toLowerCase().replace(/&/g, 'and');
  t = squash(t.replace(/\s?\([^()]{0,40}\)$/, ''));
  return KIND_BY_HEADING.get(t);
}

/** One section of a CV: its kind, heading and lines (blank lines dropped). */
export interface Section {
  kind: SectionKind;
  heading: string;
  lines: string[];
}

/** Splits lines into sections; the first is always the header. */
export function splitSections(lines: string[]): Section[] {
  const sections: Section[] = [{ kind: 'header', heading: '', lines: [] }];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const kind = headingKind(line);
    if (kind) sections.push({ kind, heading: line.trim(), lines: [] });
    else sections[sections.length - 1]!.lines.push(line);
  }
  return sections;
}
