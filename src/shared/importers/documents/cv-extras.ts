/**
 * The lighter CV sections: skills, languages, projects. Each line is split
 * into items on commas, bullets and "Category: a, b, c" labels.
 */
import type { Section } from './cv-sections';
import { isShouting, splitTopLevel, squash, stripInlineMarkup, trimChars, trimSeparators } from './text-utils';

const BULLET = /^\s*(?:[-*+•·▪◦‣●○■□–]|\d{1,3}[.)])\s+/;

/** Skills and projects read from one section. */
export interface CvExtras {
  skills: string[];
  projects: string[];
}

function skillItems(line: string): string[] {
  const text = squash(stripInlineMarkup(line).replace(BULLET, ''));
  const colon = /^([^:]{2,40}):\s(.+)$/.exec(text);
  const body = colon ? colon[2]! : text;
  return splitTopLevel(body.replace(/\s[•·|]\s/g, ','))
    .map((s) => trimChars(s, ' .;'))
    .filter((s) => s.length >= 1 && s.length <= 200);
}

/**
 * A project's name: the emphasised or linked text at the start of a bullet,
 * or a short line (without "github"/"gitlab" labels) followed by prose.
 */
function projectName(raw: string): string | undefined {
  const emphasised = /^\s*(?:[-*+•·]\s+)?(?:<u>|\*\*|__|\[)([^<*_\]]{2,80})(?:<\/u>|\*\*|__|\])/.exec(raw);
  if (emphasised) return emphasised[1]!.trim();
  const text = squash(stripInlineMarkup(raw).replace(BULLET, ''));
  const lead = /^([\p{L}\p{N}][\p{L}\p{N}._+-]{1,40})\s(?:[-–—:]\s)/u.exec(text);
  if (lead) return lead[1];
  const words = text.split(' ');
  if (words.length <= 4 && !/[.!?]$/.test(text) && !isShouting(text)) {
    return trimSeparators(text.replace(/\s(?:github|gitlab|codeberg|sourcehut)$/i, ''));
  }
  return undefined;
}

/** Reads skills (skills, languages) and projects (projects) from a section. */
export function parseCvExtras(section: Section): CvExtras {
  const out: CvExtras = { skills: [], projects: [] };
  if (section.kind === 'skills') for (const l of section.lines) out.skills.push(...skillItems(l));
  if (section.kind === 'languages') {
    for (const l of section.lines) {
      const lang = /^\s*(?:[-*•]\s+)?(\p{Lu}\p{Ll}{2,20})\b/u.exec(stripInlineMarkup(l));
      if (lang) out.skills.push(`${lang[1]} (language)`);
    }
  }
  if (section.kind === 'projects') {
    for (const l of section.lines) {
      const name = projectName(l);
      if (name && !/^(?:when|over|here|i)\b/i.test(name)) out.projects.push(name);
    }
  }
  return out;
}
