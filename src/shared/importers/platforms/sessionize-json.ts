/**
 * Sessionize "All data" API JSON (`/api/v2/{id}/view/All`): sessions,
 * speakers, categories, rooms, questions. Both generations (2020 without
 * `status`/`recordingUrl`, 2022+ with them) and the grouped `Sessions`
 * endpoint (`[{groupId, sessions}]`). Sessionize exports carry no event name,
 * so the event is named after the file (and a warning says so). Times are
 * floating (no zone), and are kept so. Speaker question answers (which may
 * hold phone numbers or addresses) are never read.
 */
import { t } from '../../i18n';
import type { ImportBundle, Link, LinkKind } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { BundleBuilder } from './bundle';
import { checkText, looksLikeJson, parseJson, throwIfAborted } from './input';
import { htmlToText, httpUrl, kindFrom, languageTag, linkKind, str } from './text';
import { minutesBetween, splitIso, yearOf } from './time';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => !!o) : []);

const LINK_TYPES: Record<string, LinkKind> = {
  twitter: 'twitter', linkedin: 'linkedin', blog: 'homepage', company_website: 'other', github: 'github',
  sessionize: 'profile', facebook: 'other', instagram: 'other', mastodon: 'mastodon', other: 'other',
};

/** "global-azure-linz-2024.json" → "Global Azure Linz 2024". */
export function nameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\b(all|data|export|sessionize|sessions|speakers)\b/gi, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
}

/** Reads a parsed Sessionize export into one bundle. */
export function sessionizeToBundle(doc: unknown, input: ImportInput): ImportBundle {
  const root = obj(doc);
  const grouped = Array.isArray(doc) ? list(doc) : [];
  const sessions = root ? list(root.sessions) : grouped.flatMap((g) => list(g.sessions));
  const speakers = root ? list(root.speakers) : [];
  if (!root && !grouped.some((g) => Array.isArray(g.sessions))) {
    throw new ImportError(t('importErrSessionizeNotExport'), input.name);
  }
  if (!sessions.length && !speakers.length) {
    throw new ImportError(t('importErrSessionizeEmpty'), input.name);
  }
  const b = new BundleBuilder({ kind: 'file', name: input.name, format: 'sessionize-json', ...(input.url ? { url: input.url } : {}) });

  const rooms = new Map(list(root?.rooms).map((r) => [String(r.id), str(r.name)]));
  const categoryOf = new Map<string, { category: string; name: string }>();
  for (const c of list(root?.categories)) {
    for (const item of list(c.items)) categoryOf.set(String(item.id), { category: str(c.title) ?? '', name: str(item.name) ?? '' });
  }
  const questions = new Map(list(root?.questions).map((q) => [String(q.id), str(q.question) ?? '']));

  const refs = new Map<string, string>();
  for (const s of speakers) {
    const name = str(s.fullName) ?? [str(s.firstName), str(s.lastName)].filter(Boolean).join(' ');
    const id = str(s.id);
    if (!name) continue;
    const links: Omit<Link, 'sources'>[] = [];
    for (const l of list(s.links)) {
      const url = httpUrl(l.url);
      if (url) links.push({ kind: LINK_TYPES[String(l.linkType ?? '').toLowerCase()] ?? 'other', url, ...(str(l.title) ? { label: str(l.title) } : {}) });
    }
    const bio = str(s.bio);
    const ref = b.person(
      name,
      {
        ...(bio ? { summary: htmlToText(bio) } : {}),
        ...(str(s.tagLine) ? { headline: str(s.tagLine) } : {}),
        ...(httpUrl(s.profilePicture) ? { photoUrl: httpUrl(s.profilePicture) } : {}),
        ...(links.length ? { links } : {}),
        ...(id ? { identifiers: [{ scheme: 'sessionize' as const, value: id }] } : {}),
      },
      id ? [`sessionize:${id}`] : [],
      [],
      t('importWhereSpeaker', id ?? name),
    );
    if (id && ref[0]) refs.set(id, ref[0]);
  }

  const dates = sessions.map((s) => splitIso(s.startsAt)?.date).filter((d): d is string => !!d).sort();
  const year = yearOf(dates[0]);
  const eventName = nameFromFile(input.name) || 'Sessionize event';
  b.warn(t('importWarnSessionizeEventName', eventName));
  const eventRef = b.event({
    name: eventName,
    ...(year ? { year, edition: String(year) } : {}),
    ...(dates[0] ? { startDate: dates[0], endDate: dates[dates.length - 1] } : {}),
  });

  let service = 0;
  for (const s of sessions) {
    const title = str(s.title);
    if (!title) continue;
    if (s.isServiceSession === true) {
      service++;
      continue;
    }
    const status = str(s.status);
    if (status && !/accepted|confirmed/i.test(status)) {
      b.warn(t('importWarnStatusSkipped', title, status));
      continue;
    }
    const cats = list(s.categories).flatMap((c) => list(c.categoryItems).map((i) => ({ category: str(c.name) ?? '', name: str(i.name) ?? '' })));
    for (const id of Array.isArray(s.categoryItems) ? s.categoryItems : []) {
      const c = categoryOf.get(String(id));
      if (c) cats.push(c);
    }
    const pick = (re: RegExp) => cats.find((c) => re.test(c.category))?.name;
    const language = languageTag(pick(/language|sprache/i));
    const format = pick(/format|type|length/i);
    const tags = cats.filter((c) => /track|topic|tag|level/i.test(c.category)).map((c) => c.name).filter(Boolean);
    const links: Omit<Link, 'sources'>[] = [];
    const addLink = (url: string | undefined, kind: LinkKind) => {
      if (url && !links.some((l) => l.url === url)) links.push({ kind, url });
    };
    addLink(httpUrl(s.recordingUrl), 'video');
    for (const qa of list(s.questionAnswers)) {
      const q = questions.get(String(qa.questionId)) ?? '';
      const url = httpUrl(qa.answerValue);
      if (url && /video|recording|youtube/i.test(q)) addLink(url, 'video');
      else if (url && /slide/i.test(q)) addLink(url, linkKind(url, 'slides', 'slides'));
    }
    const start = splitIso(s.startsAt);
    const end = splitIso(s.endsAt);
    const minutes = start && end ? minutesBetween(start, end) : undefined;
    const room = rooms.get(String(s.roomId)) ?? str(s.room);
    const speakerRefs = (Array.isArray(s.speakers) ? s.speakers : [])
      .map((x) => (typeof x === 'string' ? refs.get(x) : refs.get(String(obj(x)?.id))))
      .filter((r): r is string => !!r);
    const description = str(s.description);
    b.talk({
      ...(s.id !== undefined && s.id !== null && String(s.id) ? { key: `sessionize:${String(s.id)}` } : {}),
      title,
      ...(description ? { abstract: htmlToText(description) } : {}),
      kind: kindFrom(format, title),
      ...(language ? { language } : {}),
      ...(start ? { date: start.date } : {}),
      ...(start?.time ? { start: start.time } : {}),
      ...(end?.time ? { end: end.time } : {}),
      ...(start?.offset && start.time ? { timeZone: start.offset } : {}),
      ...(minutes ? { durationMinutes: minutes } : {}),
      ...(room ? { room } : {}),
      eventRef,
      speakerRefs,
      links,
      tags,
    });
  }
  if (service) b.warn(t('importWarnSessionizeService', service));
  return b.build();
}

/** Sessionize "All data" JSON. */
export const sessionizeJsonImporter: Importer = {
  id: 'sessionize-json',
  label: 'Sessionize export (JSON)',
  sniff({ name, head }) {
    if (!looksLikeJson(head)) return 0;
    if (/"(isServiceSession|isPlenumSession|startsAt)"\s*:/.test(head) || /"(tagLine|profilePicture|isTopSpeaker)"\s*:/.test(head)) return 0.95;
    if (/^\s*\{\s*"sessions"\s*:/.test(head.replace(/^\uFEFF/, '')) && /"speakers"\s*:/.test(head)) return 0.85;
    return /sessionize/i.test(name) ? 0.5 : 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    const text = checkText(input);
    throwIfAborted(options?.signal, input.name);
    const bundle = sessionizeToBundle(parseJson(text, input.name), input);
    options?.onProgress?.(1);
    return [bundle];
  },
};
