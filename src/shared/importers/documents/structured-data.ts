/**
 * Structured data on event pages → the same drafts as the other importers:
 * schema.org `Event` (and subtypes) with `performer`/`Person` in JSON-LD and
 * microdata, and microformats2 `h-event` with nested `h-card`s.
 *
 * All three are first read into one neutral shape ({@link Thing}: types plus
 * schema.org-named properties), so a single mapper makes the bundle.
 * Needs a Document: runs in extension pages and content scripts, not in the
 * service worker.
 */
import { t } from '../../i18n';
import type { DraftSpeaker, DraftTalk, ImportBundle, TalkKind } from '../../types';
import type { ImportInput, ImportOptions, Importer } from '../importer';
import { ImportError } from '../importer';
import { linkKind } from './contacts';
import { isoDay } from './dates';
import { EventCollector, parseEventName } from './events';
import { countryFromCode } from './places';
import { assertReadableText, throwIfAborted } from './input-limits';
import { squash } from './text-utils';

/** Format id stored in `Source.format`. */
export const STRUCTURED_DATA_FORMAT = 'structured-data';

/** A node of structured data: its types (schema.org local names) and properties. */
export interface Thing {
  types: string[];
  props: Record<string, (string | Thing)[]>;
}

const EVENT_TYPES = /(?:^|\/)(?:Event|\w+Event|EventSeries|Hackathon|Festival)$/;
const PERSON_TYPES = /(?:^|\/)Person$/;

function localType(t: string): string {
  return t.replace(/^.*[/#]/, '');
}

function add(thing: Thing, key: string, value: string | Thing | undefined) {
  if (value === undefined || value === '') return;
  (thing.props[key] ??= []).push(value);
}

/* ---------- JSON-LD ---------- */

function fromJsonLd(node: unknown, depth = 0): (string | Thing)[] {
  if (depth > 8 || node === null || node === undefined) return [];
  if (typeof node === 'string' || typeof node === 'number') return [String(node)];
  if (Array.isArray(node)) return node.flatMap((n) => fromJsonLd(n, depth + 1));
  if (typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  if ('@graph' in o) return fromJsonLd(o['@graph'], depth + 1);
  if ('@value' in o) return fromJsonLd(o['@value'], depth + 1);
  const thing: Thing = { types: ([] as unknown[]).concat(o['@type'] ?? []).map((t) => localType(String(t))), props: {} };
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith('@')) {
      if (k === '@id' && typeof v === 'string') add(thing, '@id', v);
      continue;
    }
    for (const x of fromJsonLd(v, depth + 1)) add(thing, localType(k), x);
  }
  return [thing];
}

/** JSON-LD blocks of a document, read leniently (a broken block is skipped with a warning). */
export function jsonLdThings(doc: Document, warn: (m: string) => void): Thing[] {
  const out: Thing[] = [];
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      out.push(...fromJsonLd(JSON.parse(s.textContent ?? '')).filter((x): x is Thing => typeof x !== 'string'));
    } catch {
      warn(t('importWarnJsonLdInvalid'));
    }
  }
  return out;
}

/* ---------- Microdata ---------- */

function microdataValue(el: Element): string {
  const tag = el.tagName;
  if (el.hasAttribute('content')) return el.getAttribute('content') ?? '';
  if (tag === 'TIME') return el.getAttribute('datetime') ?? squash(el.textContent ?? '');
  if (tag === 'A' || tag === 'LINK' || tag === 'AREA') return (el as HTMLAnchorElement).href || el.getAttribute('href') || '';
  if (tag === 'IMG' || tag === 'AUDIO' || tag === 'VIDEO' || tag === 'SOURCE') return el.getAttribute('src') ?? '';
  if (tag === 'META') return el.getAttribute('content') ?? '';
  return squash(el.textContent ?? '');
}

function readItem(scope: Element, depth = 0): Thing {
  const thing: Thing = {
    types: (scope.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean).map(localType),
    props: {},
  };
  if (depth > 8) return thing;
  // Properties are the itemprop elements whose nearest enclosing itemscope is this one.
  for (const el of Array.from(scope.querySelectorAll('[itemprop]'))) {
    const owner = el.parentElement?.closest('[itemscope]');
    if (owner !== scope) continue;
    const value = el.hasAttribute('itemscope') ? readItem(el, depth + 1) : microdataValue(el);
    for (const name of (el.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean)) add(thing, localType(name), value);
  }
  return thing;
}

/** Top-level microdata items of a document. */
export function microdataThings(doc: Document): Thing[] {
  return Array.from(doc.querySelectorAll('[itemscope]'))
    .filter((el) => !el.hasAttribute('itemprop'))
    .map((el) => readItem(el));
}

/* ---------- Microformats2 ---------- */

/** mf2 property → schema.org name, for h-event and h-card. */
const MF2: Record<string, string> = {
  'p-name': 'name', 'dt-start': 'startDate', 'dt-end': 'endDate', 'p-location': 'location', 'p-summary': 'description',
  'e-content': 'description', 'p-description': 'description', 'u-url': 'url', 'p-job-title': 'jobTitle', 'p-role': 'jobTitle',
  'p-org': 'worksFor', 'p-locality': 'addressLocality', 'p-country-name': 'addressCountry', 'p-note': 'description',
  'u-photo': 'image', 'p-category': 'keywords', 'p-speaker': 'performer', 'p-performer': 'performer', 'p-attendee': 'performer',
  'p-author': 'performer', 'u-uid': 'url',
};

function mf2Value(el: Element, cls: string): string {
  if (cls.startsWith('dt-')) return el.getAttribute('datetime') ?? el.getAttribute('value') ?? squash(el.textContent ?? '');
  if (cls.startsWith('u-')) return el.getAttribute('href') ?? el.getAttribute('src') ?? squash(el.textContent ?? '');
  if (el.tagName === 'ABBR' && el.getAttribute('title')) return el.getAttribute('title')!;
  return squash(el.textContent ?? '');
}

function rootClass(el: Element): string | undefined {
  return Array.from(el.classList).find((c) => /^h-[a-z-]+$/.test(c));
}

function readMf2(root: Element, depth = 0): Thing {
  const h = rootClass(root)!;
  const thing: Thing = { types: [h === 'h-event' ? 'Event' : h === 'h-card' ? 'Person' : h], props: {} };
  if (depth > 8) return thing;
  const visit = (el: Element) => {
    for (const child of Array.from(el.children)) {
      const classes = Array.from(child.classList);
      const nestedRoot = rootClass(child);
      const propClasses = classes.filter((c) => /^(?:p|u|dt|e)-/.test(c));
      if (nestedRoot) {
        const nested = readMf2(child, depth + 1);
        // A nested h-card inside an h-event is a speaker unless it says otherwise.
        const names = propClasses.length ? propClasses.map((c) => MF2[c] ?? c) : nestedRoot === 'h-card' && thing.types[0] === 'Event' ? ['performer'] : [];
        for (const n of names) add(thing, n, nested);
        continue;
      }
      for (const c of propClasses) add(thing, MF2[c] ?? c, mf2Value(child, c));
      visit(child);
    }
  };
  visit(root);
  // Implied name: an h-card with no p-name is named by its text.
  if (!thing.props.name) add(thing, 'name', squash(root.textContent ?? '').slice(0, 120));
  return thing;
}

/** Top-level microformats2 h-event and h-card items of a document. */
export function microformatThings(doc: Document): Thing[] {
  return Array.from(doc.querySelectorAll('.h-event, .h-card'))
    .filter((el) => !el.parentElement?.closest('.h-event, .h-card'))
    .map((el) => readMf2(el));
}

/* ---------- Mapping ---------- */

function str(thing: Thing, key: string): string | undefined {
  for (const v of thing.props[key] ?? []) {
    if (typeof v === 'string' && v.trim()) return squash(v);
    if (typeof v !== 'string') {
      const n = str(v, 'name');
      if (n) return n;
    }
  }
  return undefined;
}

function things(thing: Thing, key: string): Thing[] {
  return (thing.props[key] ?? []).filter((v): v is Thing => typeof v !== 'string');
}

function isType(thing: Thing, re: RegExp): boolean {
  return thing.types.some((t) => re.test(t));
}

function allThings(roots: Thing[]): Thing[] {
  const out: Thing[] = [];
  const seen = new Set<Thing>();
  const walk = (t: Thing, depth: number) => {
    if (seen.has(t) || depth > 10) return;
    seen.add(t);
    out.push(t);
    for (const vs of Object.values(t.props)) for (const v of vs) if (typeof v !== 'string') walk(v, depth + 1);
  };
  roots.forEach((r) => walk(r, 0));
  return out;
}

function placeOf(thing: Thing | undefined): { city?: string; country?: string; venue?: string } {
  if (!thing) return {};
  const address = things(thing, 'address')[0];
  const source = address ?? thing;
  const city = str(source, 'addressLocality');
  const countryRaw = str(source, 'addressCountry');
  const out: { city?: string; country?: string; venue?: string } = {};
  if (city) out.city = city;
  if (countryRaw) out.country = countryFromCode(countryRaw) ?? countryRaw;
  const venue = isType(thing, /Place|VirtualLocation/) || address ? str(thing, 'name') : undefined;
  if (venue) out.venue = venue;
  return out;
}

function kindOf(thing: Thing): TalkKind | undefined {
  const hint = `${thing.types.join(' ')} ${str(thing, 'eventType') ?? ''} ${str(thing, 'name') ?? ''}`.toLowerCase();
  if (/keynote/.test(hint)) return 'keynote';
  if (/workshop|tutorial/.test(hint)) return 'workshop';
  if (/panel/.test(hint)) return 'panel';
  if (/lightning/.test(hint)) return 'lightning';
  return undefined;
}

/**
 * Maps things to a bundle: events with performers (or sub-events with
 * performers) become talks; their super-events (or parents) become events;
 * persons become speakers, keyed by name so one person is one speaker.
 */
export function thingsToBundle(roots: Thing[], name: string, url?: string, warnings: string[] = []): ImportBundle {
  const speakers: DraftSpeaker[] = [];
  const talks: DraftTalk[] = [];
  const events = new EventCollector();
  const speakerRef = (p: Thing | string): string | undefined => {
    const person: Thing = typeof p === 'string' ? { types: ['Person'], props: { name: [p] } } : p;
    const n = str(person, 'name');
    if (!n || (!isType(person, PERSON_TYPES) && person.types.length > 0 && !isType(person, /Person|h-card/))) return undefined;
    const found = speakers.find((s) => s.name === n);
    if (found) return found.ref;
    const s: DraftSpeaker = { ref: `speaker-${speakers.length + 1}`, name: n };
    const title = str(person, 'jobTitle');
    const org = str(person, 'worksFor') ?? str(person, 'affiliation');
    if (title && org) s.headline = `${title} at ${org}`;
    else if (title) s.headline = title;
    if (org) s.positions = [{ organisation: org, ...(title ? { title } : {}), current: true }];
    const bio = str(person, 'description');
    if (bio) s.summary = bio;
    const image = str(person, 'image');
    if (image && /^https?:/.test(image)) s.photoUrl = image;
    const place = placeOf(things(person, 'address')[0] ? person : undefined);
    if (place.city || place.country) s.location = { ...(place.city ? { city: place.city } : {}), ...(place.country ? { country: place.country } : {}) };
    const links = [...(person.props.sameAs ?? []), ...(person.props.url ?? [])].filter((v): v is string => typeof v === 'string' && /^https?:/.test(v));
    if (links.length) s.links = [...new Set(links)].map((u) => ({ kind: linkKind(u) === 'other' ? 'profile' : linkKind(u), url: u }));
    speakers.push(s);
    return s.ref;
  };
  const eventRefFor = (ev: Thing): string => {
    const n = str(ev, 'name') ?? 'Event';
    const start = isoDay(str(ev, 'startDate') ?? '');
    const parsed = parseEventName(n, start?.slice(0, 4));
    const place = placeOf(things(ev, 'location')[0]);
    const locText = str(ev, 'location');
    return events.add({
      name: parsed.name,
      series: parsed.series || undefined,
      year: parsed.year,
      startDate: start,
      endDate: isoDay(str(ev, 'endDate') ?? ''),
      city: place.city,
      country: place.country,
      venue: place.venue ?? (things(ev, 'location').length === 0 ? locText : undefined),
      url: str(ev, 'url'),
    });
  };

  const all = allThings(roots);
  const eventsFound = all.filter((t) => isType(t, EVENT_TYPES));
  const parentOf = new Map<Thing, Thing>();
  for (const ev of eventsFound) for (const sub of things(ev, 'subEvent')) parentOf.set(sub, ev);
  for (const ev of eventsFound) {
    const performers = [...(ev.props.performer ?? []), ...(ev.props.speaker ?? [])];
    if (performers.length === 0) continue;
    const refs = performers.map(speakerRef).filter((r): r is string => !!r);
    if (refs.length === 0) continue;
    const talk: DraftTalk = { title: str(ev, 'name') ?? 'Untitled talk', speakerRefs: [...new Set(refs)] };
    const desc = str(ev, 'description');
    if (desc) talk.abstract = desc;
    const startRaw = str(ev, 'startDate');
    const start = startRaw ? isoDay(startRaw) : undefined;
    if (start) talk.date = start;
    const time = startRaw && /T(\d{2}:\d{2})/.exec(startRaw);
    if (time) talk.start = time[1];
    const endRaw = str(ev, 'endDate');
    const endTime = endRaw && /T(\d{2}:\d{2})/.exec(endRaw);
    if (endTime) talk.end = endTime[1];
    const zone = startRaw && /T\d{2}:\d{2}(?::\d{2})?(Z|[+-]\d{2}:\d{2})$/.exec(startRaw);
    if (zone) talk.timeZone = zone[1] === 'Z' ? '+00:00' : zone[1];
    const kind = kindOf(ev);
    if (kind) talk.kind = kind;
    const loc = things(ev, 'location')[0];
    const parent = parentOf.get(ev) ?? things(ev, 'superEvent')[0];
    if (parent) {
      talk.eventRef = eventRefFor(parent);
      const room = loc ? str(loc, 'name') : str(ev, 'location');
      if (room) talk.room = room;
    }
    const u = str(ev, 'url');
    if (u && /^https?:/.test(u)) talk.links = [{ kind: 'page', url: u }];
    const video = str(ev, 'recordedIn') ?? str(ev, 'video');
    if (video && /^https?:/.test(video)) (talk.links ??= []).push({ kind: 'video', url: video });
    talks.push(talk);
  }
  // Events that are only containers (a conference) still count when they have talks or stand alone.
  for (const ev of eventsFound) {
    const hasPerformers = (ev.props.performer ?? []).length + (ev.props.speaker ?? []).length > 0;
    if (!hasPerformers && !parentOf.has(ev)) eventRefFor(ev);
  }
  // Persons on their own (a speaker profile page).
  for (const t of roots) if (isType(t, PERSON_TYPES)) speakerRef(t);

  return {
    source: { kind: url ? 'page' : 'file', name, format: STRUCTURED_DATA_FORMAT, ...(url ? { url } : {}) },
    speakers,
    talks,
    events: events.list(),
    warnings,
  };
}

/**
 * Reads all structured data of a document. Returns undefined when the page
 * has none that names an event or a person.
 */
export function parseStructuredData(doc: Document, name: string, url?: string): ImportBundle | undefined {
  const warnings: string[] = [];
  const roots = [...jsonLdThings(doc, (m) => warnings.push(m)), ...microdataThings(doc), ...microformatThings(doc)];
  const relevant = roots.filter((t) => allThings([t]).some((x) => isType(x, EVENT_TYPES) || isType(x, PERSON_TYPES)));
  if (relevant.length === 0) return undefined;
  const bundle = thingsToBundle(relevant, name, url, warnings);
  if (bundle.speakers.length === 0 && bundle.events.length === 0) return undefined;
  return bundle;
}

/** The structured-data importer: pages with JSON-LD, microdata or microformats. */
export const structuredDataImporter: Importer = {
  id: STRUCTURED_DATA_FORMAT,
  label: 'Event page with structured data (schema.org, microformats)',
  sniff({ head, type, name }) {
    const html = /html/.test(type ?? '') || /\.x?html?$/i.test(name) || /<html|<!doctype html/i.test(head);
    if (!html) return 0;
    if (/application\/ld\+json/i.test(head) && /"@type"\s*:\s*"[A-Za-z]*Event"|"performer"/.test(head)) return 0.9;
    if (/itemtype="https?:\/\/schema\.org\/[A-Za-z]*Event"/.test(head)) return 0.85;
    if (/class="[^"]*\bh-event\b/.test(head)) return 0.85;
    return 0.1;
  },
  async parse(input: ImportInput, options?: ImportOptions) {
    throwIfAborted(options?.signal);
    assertReadableText(input.text, input.name);
    if (typeof DOMParser === 'undefined') {
      throw new ImportError(t('importErrHtmlInWorker'), input.name);
    }
    const doc = new DOMParser().parseFromString(input.text, 'text/html');
    const bundle = parseStructuredData(doc, input.name, input.url);
    if (!bundle) throw new ImportError(t('importErrNoStructuredData'), input.name);
    if (bundle.speakers.length === 0) bundle.warnings.push(t('importWarnStructuredNoSpeakers'));
    options?.onProgress?.(1);
    return [bundle];
  },
};
