/**
 * The talk-page importer: a page about one talk, as Markdown with TOML or
 * YAML front matter (Hugo, Jekyll) or as a rendered HTML page. Reads the
 * title, date and time, room, presenters (name, role, employer), abstract,
 * the speaker bio and its facts, and the page's RSVP, slides and video links.
 *
 * HTML is parsed with DOMParser, so the HTML path runs in extension pages
 * (the import page) and jsdom tests, not in the service worker.
 */
import { t } from '../../i18n';
import type { DraftSpeaker, DraftTalk, ImportBundle, Link, Position } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { readBio } from './bio-facts';
import { linkKind } from './contacts';
import { isoDay, parseDayInWords, parseTimeSpan } from './dates';
import { EventCollector, parseEventName } from './events';
import { fmGet, fmList, fmString, splitFrontMatter } from './front-matter';
import { assertReadableText, throwIfAborted } from './input-limits';
import { htmlBlocks, markdownBlocks, type Block, type PageBlocks } from './page-blocks';
import { parsePlace, splitTrailingPlace } from './places';
import { parsePresenters, splitRoleEmployer, type Presenter } from './presenters';
import { parseStructuredData } from './structured-data';
import { squash, trimChars, trimSeparators } from './text-utils';

/** Format ids stored in `Source.format`. */
export const TALK_MARKDOWN_FORMAT = 'talk-markdown';
export const TALK_HTML_FORMAT = 'talk-html';

type DraftLink = Omit<Link, 'sources'>;

const LABEL = /^([\p{L}() ]{2,30}?)\s?[:：]\s?(.{1,1000})$/u;
const PRESENTER_LABEL = /^(?:presenters?|speakers?|speaker\(s\)|presenter\(s\)|presented by|host(?:ed by|s)?|by|with|who|instructors?|panell?ists?|facilitators?)$/i;
const SPEAKER_HEADING = /^(?:about\s(?:the\s)?(?:speakers?|presenters?|authors?)|(?:the\s)?speakers?|presenters?|speaker bios?|bios?|biography|who(?:'s| is) speaking|about the author)$/i;
const ABSTRACT_HEADING = /^(?:abstract|description|summary|overview|about(?: the)? (?:talk|session|presentation)|the talk|talk|session)$/i;
const BIO_INTRO = /\b(?:about the (?:speaker|presenter|author)s?|speaker bio|(?:speaker|presenter)'s bio|words about the (?:speaker|presenter))\b/i;

/** What one page yields before it becomes a bundle. */
interface PageTalk {
  title?: string;
  date?: string;
  start?: string;
  end?: string;
  room?: string;
  eventName?: string;
  eventPlace?: { city?: string; country?: string };
  presenters: (Presenter & { bio: string[] })[];
  abstract: string[];
  links: DraftLink[];
  tags: string[];
  kind?: DraftTalk['kind'];
}

function linkFor(text: string, url: string): DraftLink {
  const t = text.toLowerCase();
  let kind = linkKind(url);
  if (/\b(?:rsvp|tickets?|register|registration|sign up|eventbrite|meetup)\b/.test(t)) kind = 'rsvp';
  else if (/\bslides?\b|\bdeck\b/.test(t)) kind = 'slides';
  else if (/\b(?:video|recording|youtube|watch)\b/.test(t)) kind = 'video';
  const link: DraftLink = { kind, url };
  const label = squash(text);
  if (label && label !== url) link.label = label;
  return link;
}

function applyLabel(page: PageTalk, label: string, value: string): boolean {
  const l = label.toLowerCase().trim();
  const v = squash(value);
  if (/^(?:when|time|date|date and time|schedule)$/.test(l)) {
    const day = isoDay(v) ?? parseDayInWords(v);
    if (day) page.date ??= day;
    const { start, end } = parseTimeSpan(day ? v.replace(/\d{4}-\d{2}-\d{2}/, ' ') : v);
    if (start) page.start ??= start;
    if (end) page.end ??= end;
    return true;
  }
  if (/^(?:where|room|place|location|venue)$/.test(l)) {
    const trailing = splitTrailingPlace(v);
    const whole = parsePlace(v);
    if (whole) page.eventPlace = whole;
    else if (trailing) {
      page.eventPlace = trailing.place;
      page.room ??= trimSeparators(trailing.rest);
    } else page.room ??= v;
    return true;
  }
  if (PRESENTER_LABEL.test(l)) {
    for (const p of parsePresenters(v)) if (!page.presenters.some((x) => x.name === p.name)) page.presenters.push({ ...p, bio: [] });
    return true;
  }
  if (/^(?:event|conference|series|meetup)$/.test(l)) {
    page.eventName ??= v;
    return true;
  }
  if (/^(?:title|talk|session)$/.test(l)) {
    page.title ??= v;
    return true;
  }
  if (/^(?:type|format|kind)$/.test(l)) {
    const k = v.toLowerCase();
    page.kind = /keynote/.test(k) ? 'keynote' : /workshop|tutorial/.test(k) ? 'workshop' : /panel/.test(k) ? 'panel' : /lightning/.test(k) ? 'lightning' : 'talk';
    return true;
  }
  return false;
}

/** Separators between the fields of a meta line ("date · time · room"). */
const META_SPLIT = /\s{0,3}[·|•]\s{0,3}|\s—\s/;
/** Numeric dates ("20.12.2018", "2018-12-20") that {@link parseTimeSpan} must not read as times. */
const NUMERIC_DATE = /\b\d{4}-\d{2}-\d{2}(?:T[\d:]{5,8})?|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/g;

/**
 * Reads a free meta line of a talk page: "20 December 2018, 18:00–19:00 ·
 * Classroom P22", "Thu 20 Dec 2018 | 6pm–7pm | Room 4", with an optional
 * series name in front. Every field must be short (a sentence is prose,
 * not a meta line), and one must hold a day or a time span. The first
 * short field after the date and time is the room (or the place, when it
 * reads as "City, Country").
 * @returns true when the line was read as meta
 */
export function applyMetaLine(page: PageTalk, text: string): boolean {
  if (text.length > 160) return false;
  const fields = text.split(META_SPLIT).map((f) => squash(f)).filter(Boolean);
  if (fields.some((f) => f.split(' ').length > 8)) return false;
  let when = -1;
  let day: string | undefined;
  let span: { start?: string; end?: string } = {};
  fields.forEach((f, i) => {
    if (when !== -1) return;
    const d = isoDay(f) ?? parseDayInWords(f);
    const t = parseTimeSpan(f.replace(NUMERIC_DATE, ' '));
    if (d || (t.start && (t.end || /\d[:.h]\d\d/.test(f)))) {
      when = i;
      day = d;
      span = t;
      // "20 December 2018 · 18:00–19:00": the time may be the next field.
      const next = fields[i + 1];
      if (d && !t.start && next) {
        const t2 = parseTimeSpan(next.replace(NUMERIC_DATE, ' '));
        if (t2.start && !(isoDay(next) ?? parseDayInWords(next))) {
          span = t2;
          when = i + 1;
        }
      }
    }
  });
  if (when === -1 || !(day || span.start)) return false;
  if (day) page.date ??= day;
  if (span.start) page.start ??= span.start;
  if (span.end) page.end ??= span.end;
  const where = fields[when + 1];
  if (where && where.length <= 60 && !/[.!?]$/.test(where)) applyLabel(page, 'where', where);
  return true;
}

/** Reads blocks into a talk: labels, then abstract and bio paragraphs by section. */
function readBlocks(page: PageTalk, pb: PageBlocks): void {
  let mode: 'abstract' | 'bio' | 'other' = 'abstract';
  let bioOf: (Presenter & { bio: string[] }) | undefined;
  const titleKey = page.title ? squash(page.title).toLowerCase() : undefined;
  for (const b of pb.blocks as Block[]) {
    const text = b.text;
    if (b.kind === 'heading') {
      if (b.level === 1 || (titleKey && text.toLowerCase() === titleKey)) continue;
      const label = LABEL.exec(text);
      if (label && PRESENTER_LABEL.test(label[1]!.trim())) {
        applyLabel(page, label[1]!, label[2]!);
        bioOf = page.presenters[page.presenters.length - 1];
        mode = 'bio';
        continue;
      }
      if (SPEAKER_HEADING.test(text)) {
        mode = 'bio';
        bioOf = page.presenters.length === 1 ? page.presenters[0] : undefined;
        continue;
      }
      if (ABSTRACT_HEADING.test(text)) {
        mode = 'abstract';
        continue;
      }
      const about = /^about\s(.{3,80})$/i.exec(text);
      const who = parsePresenters(about ? about[1]! : text);
      if (mode === 'bio' || about) {
        if (who.length === 1) {
          const p = who[0]!;
          const found = page.presenters.find((x) => x.name === p.name);
          bioOf = found ?? { ...p, bio: [] };
          if (!found) page.presenters.push(bioOf);
          else Object.assign(found, { ...p, ...found });
          mode = 'bio';
          continue;
        }
      }
      mode = 'other';
      continue;
    }
    const label = LABEL.exec(text);
    if (label && applyLabel(page, label[1]!, label[2]!)) {
      if (PRESENTER_LABEL.test(label[1]!.trim()) && mode === 'bio') bioOf = page.presenters[page.presenters.length - 1];
      continue;
    }
    if (/^by\s\p{Lu}/u.test(text) && text.length < 200 && page.presenters.length === 0) {
      const who = parsePresenters(text);
      if (who.length) {
        page.presenters.push(...who.map((p) => ({ ...p, bio: [] })));
        continue;
      }
    }
    if (BIO_INTRO.test(text) && text.length < 120) {
      mode = 'bio';
      bioOf = page.presenters.length === 1 ? page.presenters[0] : undefined;
      continue;
    }
    // "20 December 2018, 18:00–19:00 · Classroom P22" before any date: a meta line, not prose.
    if (!page.date && !page.start && b.kind === 'para' && mode === 'abstract' && applyMetaLine(page, text)) continue;
    // A paragraph that is only a link ("Tickets on Eventbrite.") is a link, not prose.
    const linkOnly = pb.links.find((l) => l.text && trimChars(text, ' .!') === l.text);
    if (linkOnly) continue;
    if (mode === 'abstract') page.abstract.push(text);
    else if (mode === 'bio') {
      const target = bioOf ?? page.presenters.find((p) => text.includes(p.name)) ?? (page.presenters.length === 1 ? page.presenters[0] : undefined);
      if (target) target.bio.push(text);
    }
  }
  for (const l of pb.links) {
    if (!page.links.some((x) => x.url === l.url)) {
      const link = linkFor(l.text, l.url);
      if (link.kind !== 'other') page.links.push(link);
    }
  }
}

/** Reads front-matter keys common to Hugo/Jekyll talk pages. */
function readFrontMatter(page: PageTalk, data: Record<string, unknown>): void {
  const title = fmString(fmGet(data, 'title', 'name'));
  if (title) page.title = title;
  const date = fmString(fmGet(data, 'date', 'talk_date', 'event_date', 'start_date', 'startDate'));
  if (date) {
    page.date = isoDay(date) ?? parseDayInWords(date) ?? date;
    const t = /T(\d{2}:\d{2})/.exec(date);
    if (t && t[1] !== '00:00') page.start = t[1];
  }
  const start = fmString(fmGet(data, 'time', 'start', 'start_time', 'time_start'));
  if (start) Object.assign(page, stripUndef(parseTimeSpan(start)));
  const end = fmString(fmGet(data, 'end', 'end_time', 'time_end'));
  if (end) page.end = parseTimeSpan(end).start ?? page.end;
  const room = fmString(fmGet(data, 'room', 'location', 'venue', 'where', 'place'));
  if (room) applyLabel(page, 'where', room);
  const event = fmString(fmGet(data, 'event', 'conference', 'series', 'meetup'));
  if (event) page.eventName = event;
  const kind = fmString(fmGet(data, 'type', 'format', 'kind'));
  if (kind) applyLabel(page, 'type', kind);
  page.tags.push(...fmList(fmGet(data, 'tags', 'keywords', 'categories')));
  const abstract = fmString(fmGet(data, 'abstract', 'description', 'summary'));
  if (abstract) page.abstract.push(abstract);
  for (const v of ([] as unknown[]).concat(fmGet(data, 'speakers', 'speaker', 'presenters', 'presenter', 'authors', 'author') ?? [])) {
    if (typeof v === 'string') page.presenters.push(...parsePresenters(v).map((p) => ({ ...p, bio: [] })));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const name = fmString(fmGet(o, 'name'));
      if (!name) continue;
      const p: Presenter & { bio: string[] } = { name, bio: [] };
      const role = fmString(fmGet(o, 'role', 'title', 'job_title', 'jobTitle', 'position'));
      const employer = fmString(fmGet(o, 'employer', 'company', 'organisation', 'organization', 'affiliation', 'org'));
      if (role) Object.assign(p, employer ? { role } : splitRoleEmployer(role));
      if (employer) p.employer = employer;
      const bio = fmString(fmGet(o, 'bio', 'about', 'description'));
      if (bio) p.bio.push(bio);
      page.presenters.push(p);
    }
  }
  for (const [key, value] of Object.entries(data)) {
    const url = fmString(value);
    if (!url || !/^https?:\/\//.test(url)) continue;
    const k = key.toLowerCase().replace(/^link_?/, '');
    const kind = /rsvp|ticket|regist/.test(k) ? 'rsvp' : /slide|deck/.test(k) ? 'slides' : /video|recording|youtube/.test(k) ? 'video' : linkKind(url);
    if (!page.links.some((l) => l.url === url)) page.links.push({ kind: kind === 'other' ? 'page' : kind, url });
  }
}

function stripUndef<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Turns what was read into a bundle. */
function toBundle(page: PageTalk, name: string, format: string, url: string | undefined): ImportBundle {
  const warnings: string[] = [];
  if (!page.title) throw new ImportError(t('importErrTalkNoTitle'), name);
  if (page.presenters.length === 0) {
    throw new ImportError(
      t('importErrTalkNoSpeaker'),
      name,
    );
  }
  const speakers: DraftSpeaker[] = page.presenters.map((p, i) => {
    const s: DraftSpeaker = { ref: `speaker-${i + 1}`, name: p.name };
    const bio = p.bio.join('\n\n');
    const facts = bio ? readBio(bio) : { positions: [], education: [] };
    const positions: Omit<Position, 'sources'>[] = facts.positions;
    if (p.employer) {
      const same = positions.find((x) => x.organisation.toLowerCase() === p.employer!.toLowerCase());
      if (same) {
        same.current = true;
        if (p.role) same.title ??= p.role;
      } else positions.unshift({ organisation: p.employer, ...(p.role ? { title: p.role } : {}), current: true });
    }
    if (p.role && p.employer) s.headline = `${p.role} at ${p.employer}`;
    else if (p.role) s.headline = p.role;
    if (bio) s.summary = bio;
    if (positions.length) s.positions = positions;
    if (facts.education.length) s.education = facts.education;
    if (facts.location) {
      s.location = facts.location;
      const current = positions.find((x) => x.current);
      if (current && !current.location) current.location = facts.location;
    }
    return s;
  });
  const events = new EventCollector();
  const talk: DraftTalk = { title: page.title, speakerRefs: speakers.map((s) => s.ref) };
  if (page.abstract.length) talk.abstract = page.abstract.join('\n\n');
  if (page.kind) talk.kind = page.kind;
  if (page.date) talk.date = page.date;
  if (page.start) talk.start = page.start;
  if (page.end) talk.end = page.end;
  if (page.room) talk.room = page.room;
  if (page.links.length) talk.links = page.links;
  if (page.tags.length) talk.tags = [...new Set(page.tags)];
  if (page.eventName) {
    const ev = parseEventName(page.eventName, page.date?.slice(0, 4));
    talk.eventRef = events.add({
      name: ev.name,
      series: ev.series || undefined,
      year: ev.year,
      startDate: page.date && page.date.length === 10 ? page.date : undefined,
      city: page.eventPlace?.city,
      country: page.eventPlace?.country,
    });
  }
  if (!page.date) warnings.push(t('importWarnTalkNoDate'));
  return {
    source: { kind: url ? 'page' : 'file', name, format, ...(url ? { url } : {}) },
    speakers,
    talks: [talk],
    events: events.list(),
    warnings,
  };
}

function emptyPage(): PageTalk {
  return { presenters: [], abstract: [], links: [], tags: [] };
}

/**
 * Reads a Markdown talk page (with or without TOML/YAML front matter).
 * @param text - the page source
 * @param name - file name or URL, for messages and the source record
 */
export function parseTalkMarkdown(text: string, name: string, url?: string): ImportBundle {
  assertReadableText(text, name);
  const fm = splitFrontMatter(text, name);
  const page = emptyPage();
  readFrontMatter(page, fm.data);
  const pb = markdownBlocks(fm.body);
  page.title ??= pb.title;
  readBlocks(page, pb);
  return toBundle(page, name, TALK_MARKDOWN_FORMAT, url);
}

/**
 * Reads a rendered talk page. Structured data (JSON-LD, microdata,
 * microformats) wins when it names the talk and its speakers; otherwise the
 * page's headings, labels and paragraphs are read like Markdown.
 * @param doc - the page as a Document (from DOMParser or the live tab)
 */
export function parseTalkDocument(doc: Document, name: string, url?: string): ImportBundle {
  const structured = parseStructuredData(doc, name, url);
  if (structured && structured.talks.length > 0 && structured.speakers.length > 0) return structured;
  const page = emptyPage();
  const pb = htmlBlocks(doc);
  page.title = pb.title;
  // Lines beside a title outside the main content (a page header): labels and "date · time · room" lines.
  for (const line of pb.meta ?? []) {
    const label = LABEL.exec(line);
    if (!(label && applyLabel(page, label[1]!, label[2]!))) applyMetaLine(page, line);
  }
  readBlocks(page, pb);
  if (!page.date && pb.times[0]) {
    page.date = isoDay(pb.times[0]);
    const t = /T(\d{2}:\d{2})/.exec(pb.times[0]);
    if (t) page.start ??= t[1];
    const t2 = pb.times[1] && /T(\d{2}:\d{2})/.exec(pb.times[1]);
    if (t2) page.end ??= t2[1];
  }
  return toBundle(page, name, TALK_HTML_FORMAT, url);
}

/** True when the input is HTML rather than Markdown. */
function isHtml(input: Pick<ImportInput, 'name' | 'type'> & { head: string }): boolean {
  return /html/.test(input.type ?? '') || /\.x?html?$/i.test(input.name) || /^\s*(?:<!doctype html|<html)/i.test(input.head);
}

/** The talk-page importer (Markdown with front matter, or HTML). */
export const talkPageImporter: Importer = {
  id: TALK_MARKDOWN_FORMAT,
  label: 'Talk page (Markdown or HTML)',
  sniff(input) {
    const { head, name } = input;
    const signs = /\b(?:speakers?|presenters?|presented by|abstract|when|where|room|slides|rsvp)\b/i.test(head) ? 0.3 : 0;
    if (isHtml(input)) return 0.3 + signs;
    if (/^(?:\+\+\+|---)[ \t]*\r?\n/.test(head.replace(/^\uFEFF/, ''))) return 0.6 + signs;
    if (/\.(?:md|markdown)$/i.test(name)) return 0.2 + signs;
    return signs / 2;
  },
  async parse(input: ImportInput, options?: ImportOptions) {
    throwIfAborted(options?.signal);
    let bundle: ImportBundle;
    if (isHtml({ ...input, head: input.text.slice(0, 2000) })) {
      assertReadableText(input.text, input.name);
      if (typeof DOMParser === 'undefined') {
        throw new ImportError(t('importErrHtmlInWorker'), input.name);
      }
      const doc = new DOMParser().parseFromString(input.text, 'text/html');
      bundle = parseTalkDocument(doc, input.name, input.url);
    } else bundle = parseTalkMarkdown(input.text, input.name, input.url);
    options?.onProgress?.(1);
    return [bundle];
  },
};
