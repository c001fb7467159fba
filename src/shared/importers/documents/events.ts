/**
 * Event names as speakers write them ("EuroPython 2016", "Kubecon EU 2018",
 * "Pycon Ireland") → {@link DraftEvent}s, one per event within a bundle.
 */
import { normalizeName } from '../../names';
import type { DraftEvent } from '../../types';
import { squash, trimSeparators } from './text-utils';

/**
 * How conference brands spell themselves. Only used to fix a name written
 * all lower case after the first letter ("Pycon" → "PyCon"); a name that
 * already has inner capitals ("SRECon") is the writer's choice and kept.
 */
const BRANDS = [
  'PyCon', 'EuroPython', 'KubeCon', 'CloudNativeCon', 'EnvoyCon', 'SREcon', 'DevOpsDays', 'PyData', 'DjangoCon',
  'JSConf', 'RustConf', 'GopherCon', 'QCon', 'FOSDEM', 'RubyConf', 'PHPCon', 'DevConf', 'DockerCon', 'HashiConf',
  'GitHub', 'GitLab', 'NodeConf', 'ReactConf', 'PGConf', 'LinuxCon', 'OSCON', 'DEF CON', 'JavaOne', 'DevFest',
  'EuroRust', 'GOTO', 'NDC', 'PyCascades', 'PyOhio', 'FrOSCon', 'SciPy', 'EuroSciPy', 'ContainerDays', 'NetDevOps',
];
const BRAND_BY_KEY = new Map(BRANDS.map((b) => [b.toLowerCase(), b]));

/** Words that make a phrase look like an event rather than a talk title. */
const EVENT_WORD =
  /(?:conference|\bconf\b|summit|meetup|meet-up|\bdays\b|\bfest\b|festival|\bcamp\b|\bforum\b|symposium|\bworkshop\b|congress|\bexpo\b|\bweek\b|hackathon|devroom|\buser group\b|\bseminar\b|colloquium|\bwebinar\b|\bIETF\b|\bRIPE\b|\bNANOG\b|\bUSENIX\b|\bLISA\b)/i;

/**
 * How much a phrase reads like an event name rather than a talk title:
 * a known brand or a "…Con" word, conference words, a year, brevity.
 * Titles are long, end in "?", and rarely carry a year.
 */
export function eventScore(text: string): number {
  const t = squash(text);
  if (t.length === 0 || t.length > 90) return -5;
  let score = 0;
  const words = t.split(' ');
  if (words.some((w) => BRAND_BY_KEY.has(w.toLowerCase().replace(/[^a-z]/g, '')))) score += 3;
  else if (/\p{Ll}Con\b|\b\p{Lu}{2,}Con\b|\bCON\b|\p{L}{2,}con\s+(?:19|20)\d\d/u.test(t)) score += 3;
  if (EVENT_WORD.test(t)) score += 2;
  if (/\b(?:19|20)\d\d\b/.test(t)) {
    score += 1;
    // "Code Europe 2019": a capitalised name with a year is an event's name, not a sentence.
    if (words.length >= 2 && words.every((w) => /^[\p{Lu}\d+&]/u.test(w))) score += 1;
  }
  if (/^\p{Lu}{2,6}\b/u.test(t)) score += 1;
  if (words.length <= 5) score += 1;
  if (words.length > 8) score -= 2;
  if (/[?!:]/.test(t)) score -= 2;
  return score;
}

/** Fixes brand casing word by word: "Kubecon EU 2018" → "KubeCon EU 2018". */
export function brandCase(text: string): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => {
    const brand = BRAND_BY_KEY.get(w.toLowerCase());
    if (!brand) return w;
    const plain = w === w.toLowerCase() || w.slice(1) === w.slice(1).toLowerCase();
    return plain ? brand : w;
  });
}

/** What an event phrase says: its display name, series and year. */
export interface EventName {
  name: string;
  series: string;
  year?: number;
}

/**
 * Reads an event phrase. The year may come from the phrase ("EuroPython
 * 2016") or from the line it sits on (`fallbackYear`, for "Pycon Ireland" on
 * a line dated 2014); the name always carries the year when one is known.
 */
export function parseEventName(text: string, fallbackYear?: string): EventName {
  const cleaned = brandCase(squash(text));
  const m = /\b((?:19|20)\d\d)\b/.exec(cleaned);
  const yearText = m?.[1] ?? fallbackYear;
  const series = trimSeparators(squash(m ? cleaned.replace(m[0], ' ') : cleaned).replace(/\s'\d\d$/, ''));
  // "DEF CON 30", "SREcon21 EMEA" already name their edition: no year is appended to them.
  const name = m || /\d/.test(cleaned) || !yearText ? cleaned : `${cleaned} ${yearText}`;
  const out: EventName = { name, series };
  if (yearText) out.year = Number(yearText);
  return out;
}

/**
 * Collects the events of one bundle, giving each distinct (name, year) one
 * ref and filling in city/country from later mentions.
 */
export class EventCollector {
  private readonly byKey = new Map<string, DraftEvent>();

  /** Adds or updates an event and returns its ref. */
  add(event: Omit<DraftEvent, 'ref'>): string {
    const key = `${normalizeName(event.name)}|${event.year ?? ''}`;
    const found = this.byKey.get(key);
    if (found) {
      for (const [k, v] of Object.entries(event) as [keyof DraftEvent, unknown][]) {
        if (v !== undefined && found[k] === undefined) (found as unknown as Record<string, unknown>)[k] = v;
      }
      return found.ref;
    }
    const ref = `event-${this.byKey.size + 1}`;
    const draft: DraftEvent = { ref, ...stripUndefined(event) };
    this.byKey.set(key, draft);
    return ref;
  }

  /** The events collected so far, in first-seen order. */
  list(): DraftEvent[] {
    return [...this.byKey.values()];
  }
}

/** Copies `o` without its undefined properties, so drafts compare and serialise cleanly. */
export function stripUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
