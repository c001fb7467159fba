/**
 * Sessionize CSV exports: a sessions file (title, speakers, room, times) and
 * a speakers file (name, tagline, bio, photo), parsed with PapaParse. The two
 * imported together ({@link sessionizeCsvToBundle} with both) link speakers to
 * sessions by Sessionize speaker id; a sessions file alone still names its
 * speakers. Columns are found by header name, so column order and the
 * "speaker1, speaker2" vs "Speakers" variants do not matter.
 */
import Papa from 'papaparse';
import { t } from '../../i18n';
import type { DraftSpeaker, ImportBundle } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { BundleBuilder } from './bundle';
import { checkText, throwIfAborted } from './input';
import { nameFromFile } from './sessionize-json';
import { htmlToText, httpUrl, kindFrom, str } from './text';
import { minutesBetween, splitIso, yearOf } from './time';

type Row = Record<string, string>;

/** Header → canonical key ("Session Id" → "sessionid"). */
const key = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Parses CSV text into rows keyed by canonical header. */
export function parseCsv(text: string, name: string): Row[] {
  const result = Papa.parse<Row>(text, { header: true, skipEmptyLines: 'greedy', transformHeader: key });
  const fatal = result.errors.find((e) => e.type === 'Quotes' || e.code === 'UndetectableDelimiter');
  if (fatal) {
    throw new ImportError(t('importErrCsvUnreadable', fatal.message), `${name}${fatal.row !== undefined ? `, ${t('importWhereRow', fatal.row + 2)}` : ''}`);
  }
  return result.data;
}

const col = (row: Row, ...names: string[]) => {
  for (const n of names) {
    const v = str(row[n]);
    if (v) return v;
  }
  return undefined;
};

/** Which Sessionize CSV a header row is. */
export function csvKind(headers: string[]): 'sessions' | 'speakers' | undefined {
  const h = new Set(headers.map(key));
  if (h.has('title') || h.has('sessiontitle')) return 'sessions';
  if ((h.has('name') || h.has('firstname')) && (h.has('bio') || h.has('tagline'))) return 'speakers';
  return undefined;
}

/**
 * Imports Sessionize CSV files together (typically the sessions and the
 * speakers export of one event) into one bundle.
 *
 * @param inputs - one or two CSV files
 */
export function sessionizeCsvToBundle(inputs: ImportInput[]): ImportBundle {
  const parsed = inputs.map((input) => {
    const rows = parseCsv(checkText(input), input.name);
    const kind = rows[0] ? csvKind(Object.keys(rows[0])) : undefined;
    if (!rows.length) throw new ImportError(t('importErrCsvNoRows'), input.name);
    if (!kind) throw new ImportError(t('importErrCsvNotSessionize'), input.name);
    return { input, rows, kind };
  });
  const main = parsed.find((p) => p.kind === 'sessions') ?? parsed[0];
  if (!main) throw new ImportError(t('importErrCsvNoFile'), 'Sessionize CSV');
  const name = parsed.map((p) => p.input.name).join(' + ');
  const b = new BundleBuilder({ kind: 'file', name, format: 'sessionize-csv' });

  const byId = new Map<string, string>();
  for (const p of parsed.filter((x) => x.kind === 'speakers')) {
    p.rows.forEach((r, i) => {
      const nameCol = col(r, 'name', 'fullname') ?? [col(r, 'firstname'), col(r, 'lastname')].filter(Boolean).join(' ');
      const id = col(r, 'id', 'speakerid');
      if (!nameCol) return b.warn(`${p.input.name}, ${t('importWhereRow', i + 2)}: ${t('importWarnNoNameSkipped')}`);
      const bio = col(r, 'bio');
      const photo = httpUrl(col(r, 'photo', 'profilepicture'));
      const extra: Omit<DraftSpeaker, 'ref' | 'name'> = {
        ...(bio ? { summary: htmlToText(bio) } : {}),
        ...(col(r, 'tagline') ? { headline: col(r, 'tagline') } : {}),
        ...(photo ? { photoUrl: photo } : {}),
        ...(id ? { identifiers: [{ scheme: 'sessionize' as const, value: id }] } : {}),
      };
      const [ref] = b.person(nameCol, extra, id ? [`sessionize:${id}`] : [], [], `${p.input.name}, ${t('importWhereRow', i + 2)}`);
      if (id && ref) byId.set(id, ref);
    });
  }

  const sessions = parsed.filter((x) => x.kind === 'sessions');
  let eventRef: string | undefined;
  if (sessions.length) {
    const dates = sessions.flatMap((p) => p.rows.map((r) => splitIso(col(r, 'startat', 'startsat', 'scheduledat'))?.date)).filter((d): d is string => !!d).sort();
    const year = yearOf(dates[0]);
    const eventName = nameFromFile(main.input.name) || 'Sessionize event';
    b.warn(t('importWarnSessionizeEventName', eventName));
    eventRef = b.event({ name: eventName, ...(year ? { year, edition: String(year) } : {}), ...(dates[0] ? { startDate: dates[0], endDate: dates[dates.length - 1] } : {}) });
  }
  for (const p of sessions) {
    p.rows.forEach((r, i) => {
      const where = `${p.input.name}, ${t('importWhereRow', i + 2)}`;
      const title = col(r, 'title', 'sessiontitle');
      if (!title) return b.warn(`${where}: ${t('importWarnNoTitleSkipped')}`);
      const speakerRefs: string[] = [];
      const numbered = Object.keys(r).filter((k) => /^speaker\d+$/.test(k)).sort();
      if (numbered.length) {
        for (const k of numbered) {
          const who = str(r[k]);
          const id = str(r[k.replace('speaker', 'speakerid')]);
          if (!who && !id) continue;
          const known = id ? byId.get(id) : undefined;
          if (known) speakerRefs.push(known);
          else if (who) {
            const refs = b.person(who, id ? { identifiers: [{ scheme: 'sessionize', value: id }] } : {}, id ? [`sessionize:${id}`] : [], [], where);
            if (id && refs[0]) byId.set(id, refs[0]);
            speakerRefs.push(...refs);
          }
        }
      } else {
        const ids = (col(r, 'speakerids') ?? '').split(/\s*,\s*/).filter(Boolean);
        const names = (col(r, 'speakers') ?? '').split(/\s*,\s*/).filter(Boolean);
        names.forEach((who, j) => {
          const id = ids[j];
          speakerRefs.push(...(id && byId.get(id) ? [byId.get(id) as string] : b.person(who, {}, id ? [`sessionize:${id}`] : [], [], where)));
        });
      }
      const start = splitIso(col(r, 'startat', 'startsat', 'scheduledat'));
      const end = splitIso(col(r, 'endat', 'endsat'));
      const minutes = start && end ? minutesBetween(start, end) : undefined;
      const description = col(r, 'description');
      const room = col(r, 'room');
      b.talk({
        title,
        ...(description ? { abstract: htmlToText(description) } : {}),
        kind: kindFrom(col(r, 'sessionformat', 'format'), title),
        ...(start ? { date: start.date } : {}),
        ...(start?.time ? { start: start.time } : {}),
        ...(end?.time ? { end: end.time } : {}),
        ...(start?.offset && start.time ? { timeZone: start.offset } : {}),
        ...(minutes ? { durationMinutes: minutes } : {}),
        ...(room ? { room } : {}),
        ...(eventRef ? { eventRef } : {}),
        speakerRefs,
        links: [],
        tags: [],
      });
    });
  }
  return b.build();
}

/** One Sessionize CSV export (sessions or speakers); import both together with {@link sessionizeCsvToBundle}. */
export const sessionizeCsvImporter: Importer = {
  id: 'sessionize-csv',
  label: 'Sessionize export (CSV)',
  sniff({ name, type, head }) {
    const csvish = /\.csv$/i.test(name) || /csv/i.test(type ?? '');
    const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    const kind = csvKind(firstLine.split(/[,;\t]/).map((h) => h.replace(/"/g, '')));
    if (kind && /speaker/i.test(firstLine + name)) return csvish ? 0.9 : 0.6;
    if (kind) return csvish ? 0.6 : 0.3;
    return 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    throwIfAborted(options?.signal, input.name);
    const bundle = sessionizeCsvToBundle([input]);
    options?.onProgress?.(1);
    return [bundle];
  },
};
