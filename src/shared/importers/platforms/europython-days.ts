/**
 * EuroPython's own day-grid schedule JSON (ep2024.europython.eu
 * `schedule/days/YYYY-MM-DD.json`): `{events, rooms}` where sessions carry
 * pretalx codes for themselves and their speakers, and breaks are skipped.
 * One file is one day; each imports as a bundle of the same event
 * ("EuroPython <year>"), which the archive merges.
 */
import { t } from '../../i18n';
import type { ImportBundle, Link } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { BundleBuilder } from './bundle';
import { pretalxId } from './frab-model';
import { checkText, looksLikeJson, parseJson, throwIfAborted } from './input';
import { httpUrl, kindFrom, str } from './text';
import { addMinutes, splitIso, yearOf } from './time';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => !!o) : []);

/** Reads one parsed day file into a bundle. */
export function europythonDayToBundle(doc: unknown, input: ImportInput): ImportBundle {
  const root = obj(doc);
  if (!root || !Array.isArray(root.events)) throw new ImportError(t('importErrEuroPythonNotDay'), input.name);
  const sessions = list(root.events).filter((e) => e.event_type !== 'break' && str(e.title));
  if (!sessions.length) throw new ImportError(t('importErrEuroPythonNoSessions'), input.name);
  const b = new BundleBuilder({ kind: 'file', name: input.name, format: 'europython-days', ...(input.url ? { url: input.url } : {}) });
  const first = sessions.map((s) => splitIso(s.start)?.date).find(Boolean);
  const year = yearOf(first);
  const eventRef = b.event({ name: `EuroPython${year ? ` ${year}` : ''}`, series: 'EuroPython', ...(year ? { year, edition: String(year) } : {}) });
  const skipped = list(root.events).length - sessions.length;

  let housekeeping = 0;
  for (const s of sessions) {
    const title = str(s.title) as string;
    if (/announcement/i.test(str(s.session_type) ?? '') && !list(s.speakers).length) {
      housekeeping++;
      continue;
    }
    const speakerRefs = list(s.speakers).flatMap((p) => {
      const name = str(p.name);
      const code = str(p.code);
      if (!name) return [];
      const photo = httpUrl(p.avatar);
      const page = httpUrl(p.website_url);
      return b.person(
        name,
        {
          ...(photo ? { photoUrl: photo } : {}),
          ...(page ? { links: [{ kind: 'profile' as const, url: page }] } : {}),
          ...(code ? { identifiers: [{ scheme: 'pretalx' as const, value: pretalxId(code) }] } : {}),
        },
        code ? [`pretalx:${pretalxId(code)}`] : [],
        [],
        `"${title}"`,
      );
    });
    const start = splitIso(s.start);
    const minutes = typeof s.duration === 'number' ? s.duration : undefined;
    const rooms = Array.isArray(s.rooms) ? s.rooms.map(str).filter((r): r is string => !!r) : [];
    const page = httpUrl(s.website_url);
    const links: Omit<Link, 'sources'>[] = page ? [{ kind: 'page', url: page }] : [];
    const track = str(s.track);
    const tweet = str(s.tweet);
    b.talk({
      title,
      ...(tweet ? { abstract: tweet } : {}),
      kind: kindFrom(str(s.session_type), title),
      ...(start ? { date: start.date } : {}),
      ...(start?.time ? { start: start.time } : {}),
      ...(start?.time && minutes ? { end: addMinutes(start.time, minutes) } : {}),
      ...(start?.offset && start.time ? { timeZone: start.offset } : {}),
      ...(minutes ? { durationMinutes: minutes } : {}),
      ...(rooms.length ? { room: rooms.join(', ') } : {}),
      eventRef,
      speakerRefs,
      links,
      tags: track ? [track] : [],
    });
  }
  if (skipped) b.warn(t('importWarnEuroPythonBreaks', skipped));
  if (housekeeping) b.warn(t('importWarnEuroPythonHousekeeping', housekeeping));
  return b.build();
}

/** EuroPython day-grid JSON. */
export const europythonDaysImporter: Importer = {
  id: 'europython-days',
  label: 'EuroPython schedule day (JSON)',
  sniff({ head }) {
    if (!looksLikeJson(head)) return 0;
    return /"events"\s*:/.test(head) && /"event_type"\s*:/.test(head) ? 0.95 : 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    const text = checkText(input);
    throwIfAborted(options?.signal, input.name);
    const bundle = europythonDayToBundle(parseJson(text, input.name), input);
    options?.onProgress?.(1);
    return [bundle];
  },
};
