/**
 * Cleaning the speaker strings platforms write (pyvideo, iCalendar summaries,
 * CSV columns) into people. Local to the platform importers; the archive's
 * `names.ts` owns normalisation for matching.
 *
 * Rules, most cautious first:
 * - placeholders create nobody: "Various speakers", "Multiple Speakers",
 *   "Panel", "Lightning Talks, DAY 1", "PyCon Korea Team", "TBA", "", "001";
 * - pronouns, roles and quoted nicknames are dropped: "Jannis Leidel (he/him)",
 *   "Andrew Godwin (keynote)", `Amber Brown ("HawkOwl")`;
 * - degrees and honorifics are dropped: "Dr. Tania Allard", "Dillon R. Gardner, PhD";
 * - a multi-word name in parentheses or after a slash is an alias:
 *   "李昱勳 (Yu-Hsun Lee)", "Christopher Beacham / Lady Red";
 * - "A & B", "A and B", "A, B, C", "A; B", "A y B" split only when every part
 *   has at least two words (so "Ing Wei, Tang", "Richard D. Copeland, Jr."
 *   and "Keira and Sky" stay whole);
 * - "Talk title by First Last" and "… with: A and B" keep the people part.
 */
import { t } from '../../i18n';

/** One person read from a speaker string. */
export interface ParsedPerson {
  name: string;
  aliases: string[];
}

/** What a speaker string held. */
export interface ParsedSpeakers {
  people: ParsedPerson[];
  /** True when the string was split or cut (not just tidied), i.e. the names are a guess. */
  guessed: boolean;
  /** Why nothing or only part was kept, for the bundle's warnings. */
  note?: string;
}

const PLACEHOLDER =
  /^(various|multiple|several|many|all|other|unknown|tba|tbd|n\/?a|none|anonymous|speakers?|panel|panelists?|staff|organi[sz]ers?|volunteers?|everyone|you)\b|\blightning talks?\b|\b(team|staff|committee|organi[sz]ers)\b|\b(19|20)\d\d\b/i;
const PRONOUNS = /^(he|she|they|xe|ze|it)(\s*\/\s*(him|her|them|his|hers|theirs|xem|zir|it|he|she|they))+$/i;
const ROLE = /^(keynote|speaker|moderator|host|chair|mc|unknown|guest|panelist|tbc|remote)$/i;
const HONORIFIC = /^(?:(?:dr|prof|mr|mrs|ms|mx|sir)(?:\.\s*|\s+)|ing\.\s+)+/i;
const DEGREE = /,?\s+(?:ph\.?\s?d\.?|mba|msc|m\.sc\.|bsc|b\.sc\.|md|esq\.?)$/i;
const SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SEPARATORS = /\s+(?:&|and|und|y)\s+|\s*;\s*|\s*,\s*/i;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** A part that can stand alone as a full name: two words, or a CJK name. */
const fullName = (s: string) => (words(s) >= 2 && !SUFFIX.test(s.split(/\s+/).pop() ?? '')) || (CJK.test(s) && s.length >= 2);

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '').trim();
}

/** Drops parentheses and quotes; multi-word parentheses become aliases. */
function stripExtras(raw: string, aliases: string[]): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] as string;
    if (c === '(') {
      const end = raw.indexOf(')', i);
      if (end < 0) break;
      const inner = clean(raw.slice(i + 1, end));
      if (inner && !PRONOUNS.test(inner) && !ROLE.test(inner) && fullName(inner.replace(/,/g, ' '))) aliases.push(inner.replace(/\s*,\s*/g, ' '));
      out += ' ';
      i = end + 1;
      continue;
    }
    if ((c === '"' || c === '“' || (c === "'" && /\s/.test(raw[i - 1] ?? ' '))) && i + 1 < raw.length) {
      const closer = c === '“' ? '”' : c;
      const end = raw.indexOf(closer, i + 1);
      if (end > i && end - i < 30) {
        out += ' ';
        i = end + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return clean(out);
}

function cleanOne(part: string): ParsedPerson | undefined {
  const aliases: string[] = [];
  let name = stripExtras(part, aliases).replace(HONORIFIC, '').replace(DEGREE, '');
  name = clean(name.replace(/^@/, ''));
  if (name.includes('/')) {
    const pieces = name.split('/').map(clean).filter(Boolean);
    const main = pieces.find(fullName) ?? pieces[0];
    if (!main) return undefined;
    for (const p of pieces) if (p !== main && fullName(p)) aliases.push(p);
    name = main;
  }
  if (!name || !/\p{L}/u.test(name) || PLACEHOLDER.test(name)) return undefined;
  return { name, aliases: [...new Set(aliases)].filter((a) => a !== name) };
}

/**
 * Splits and cleans one speaker string into people, only where it is safe
 * (see the module rules).
 *
 * @param raw - the string as the platform wrote it
 */
export function parseSpeakerString(raw: string): ParsedSpeakers {
  const original = clean(raw ?? '').replace(/^["“'](.+)["”']$/, '$1');
  if (!original) return { people: [], guessed: false };
  let s = original;
  if (PLACEHOLDER.test(s) && !/\bwith:/i.test(s)) return { people: [], guessed: false, note: t('importWarnNotAPerson', original) };
  let note: string | undefined;
  const colon = s.lastIndexOf(':');
  if (colon >= 0 && /\bwith\s*:/i.test(s)) s = s.slice(colon + 1);
  const emDash = s.lastIndexOf(' — ');
  if (emDash >= 0) s = s.slice(emDash + 3);
  const by = / by ([\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+){1,3})$/u.exec(s);
  if (by && words(s) > 5) s = by[1] as string;
  const etAl = /(,?\s*et al\.?|;?\s*\.\.\.|…)\s*$/i;
  if (etAl.test(s)) {
    s = s.replace(etAl, '');
    note = t('importWarnNamedOnly', original);
  }
  s = s.replace(/\s*\.\.\.\s*/g, ' ').replace(DEGREE, '');
  const parts = s.split(SEPARATORS).map(clean).filter(Boolean);
  const splittable = parts.length > 1 && parts.every((p) => fullName(stripExtras(p, []).replace(HONORIFIC, '')));
  const people = (splittable ? parts : [s]).map(cleanOne).filter((p): p is ParsedPerson => !!p);
  const guessed = splittable || people.length > 1 || s !== original.replace(DEGREE, '') || original.includes('/');
  if (!people.length) return { people, guessed, note: note ?? t('importWarnNotAPerson', original) };
  return note ? { people, guessed, note } : { people, guessed };
}
