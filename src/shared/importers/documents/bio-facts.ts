/**
 * Facts a speaker bio states in prose, read with care: only sentences that
 * follow a handful of fixed patterns ("Since May 2017 Rok is working as a
 * Production Engineer for Facebook", "at companies like A, B and C",
 * "BSc studies at the Faculty of …") become positions or education. Anything
 * else stays in the bio text, which the speaker record keeps as its summary.
 */
import type { DraftSpeaker, Place, Position } from '../../types';
import { parseDatePoint } from './dates';
import { splitTopLevel, squash, trimSeparators } from './text-utils';

type DraftPosition = Omit<Position, 'sources'>;

/** What a bio says, structured. */
export interface BioFacts {
  positions: DraftPosition[];
  education: NonNullable<DraftSpeaker['education']>;
  location?: Place;
}

const ORG = String.raw`(\p{Lu}[\p{L}\p{N}&.'’-]{0,40}(?:\s(?:\p{Lu}[\p{L}\p{N}&.'’-]{0,40}|of|and|&)){0,5})`;
// No `i` flag on patterns using ORG: with `iu`, \p{Lu} matches lower-case letters too.
const MONTH_YEAR = String.raw`((?:[A-Za-z]{3,9}\.?\s)?(?:19|20)\d\d)`;

const SINCE_AS = new RegExp(
  String.raw`\b[Ss]ince\s${MONTH_YEAR},?\s(?:\p{Lu}\p{L}{1,30}|he|she|they)\s(?:is|has been|have been|are)\s(?:working\s)?as\s(?:a|an|the)\s([^,.;]{2,80}?)\s(?:for|at|with)\s${ORG}`,
  'u',
);
const IS_AS = new RegExp(
  String.raw`\b(?:is|works as|working as)\s(?:currently\s)?(?:a|an|the)\s([^,.;]{2,60}?)\s(?:at|for|with)\s${ORG}`,
  'u',
);
const JOINED = new RegExp(String.raw`\bjoined\s${ORG}\s(?:in|on)\s${MONTH_YEAR}`, 'u');
const COMPANIES = /\bcompanies\s(?:like|such as|including)\s([^.;]{3,300})/iu;
const TEAMS =
  /\bstarted\s(?:in|on|with)\s(?:the\s)?([^,.;]{2,60}?)\steam\s(?:and\s)?(?:then\s|later\s)?moved\s(?:to|on to)\s(?:the\s)?([^,.;]{2,60}?)\steam\b/iu;
const STUDIES =
  /\b((?:BSc|MSc|PhD|B\.Sc\.|M\.Sc\.|Ph\.D\.|[Bb]achelor(?:'s)?|[Mm]aster(?:'s)?|[Dd]octoral)(?:\s(?:studies|degree))?)\s(?:at|from)\s(?:the\s)?([^.;]{3,160}?)(?=,\s(?:he|she|they)\b|[.;]|,\s\p{Ll})/u;
const STUDIED = /\b(?:[Ss]tudied|[Gg]raduated)(?:\s[\p{L} ]{2,60}?)?\s(?:at|from)\s(?:the\s)?([^.;,]{3,120}(?:\([^()]{2,80}\))?)/u;
const OFFICE = /\b(?:in|from)\s(?:the\s|its\s|their\s)?(\p{Lu}\p{Ll}{2,30})\s(?:office|HQ|headquarters)\b|\bHQ\sin\s(\p{Lu}\p{Ll}{2,30})\b|\bbased\sin\s(\p{Lu}\p{Ll}{2,30})\b/u;

function cleanOrg(text: string): string {
  return trimSeparators(text.replace(/\s(?:in|where|since|as|and)$/i, ''));
}

/**
 * Reads positions, education and a city from a bio.
 * @param bio - the bio text
 * @param role - the role the page states for the speaker, used for past-tense lists of employers
 */
export function readBio(bio: string): BioFacts {
  const text = squash(bio);
  const out: BioFacts = { positions: [], education: [] };

  const since = SINCE_AS.exec(text);
  if (since) {
    const p: DraftPosition = { organisation: cleanOrg(since[3]!), title: squash(since[2]!), current: true };
    const start = parseDatePoint(since[1]!);
    if (start) p.start = start;
    out.positions.push(p);
  } else {
    const is = IS_AS.exec(text);
    if (is) out.positions.push({ organisation: cleanOrg(is[2]!), title: squash(is[1]!), current: true });
    const joined = JOINED.exec(text);
    if (joined) {
      const org = cleanOrg(joined[1]!);
      const existing = out.positions.find((p) => p.organisation === org);
      const start = parseDatePoint(joined[2]!);
      if (existing && start) existing.start = start;
      else if (!existing) out.positions.push({ organisation: org, ...(start ? { start } : {}) });
    }
  }
  const teams = TEAMS.exec(text);
  const current = out.positions.find((p) => p.current);
  if (teams && current) {
    current.roles = [teams[1]!, teams[2]!].map((team) => ({
      ...(current.title ? { title: current.title } : {}),
      description: `${squash(team)} team`,
    }));
  }

  const companies = COMPANIES.exec(text);
  if (companies) {
    const list = companies[1]!.replace(/,?\s(?:to name (?:just )?a few|among others|etc)\b.*$/i, '');
    for (const part of splitTopLevel(list.replace(/\sand\s/g, ', '))) {
      const org = trimSeparators(part);
      if (/^\p{Lu}/u.test(org) && org.split(' ').length <= 6 && !out.positions.some((p) => p.organisation === org)) {
        out.positions.push({ organisation: org });
      }
    }
  }

  const studies = STUDIES.exec(text);
  const studied = studies ? undefined : STUDIED.exec(text);
  if (studies) {
    const degree = studies[1]!.replace(/\s(?:studies|degree)$/i, '');
    out.education.push({ institution: institutionName(studies[2]!), degree });
  } else if (studied) out.education.push({ institution: institutionName(studied[1]!) });

  const office = OFFICE.exec(text);
  const city = office?.[1] ?? office?.[2] ?? office?.[3];
  if (city) out.location = { city };
  return out;
}

/** "Faculty of X (University of Y)" → "Faculty of X, University of Y". */
function institutionName(text: string): string {
  return trimSeparators(squash(text.replace(/\s?\(([^()]{2,80})\)/, ', $1')));
}
