/**
 * iCalendar (`.ics`) schedules, parsed with ical.js.
 *
 * Times are kept as the file writes them: the local wall-clock time plus its
 * `TZID` (or `UTC` for `…Z`, nothing for floating times). When the file's own
 * `VTIMEZONE` disagrees with the real IANA zone of that name (PyCon AU 2023's
 * pretalx export says Adelaide is +09:00, it is +09:30) nothing is shifted;
 * the zone is kept and a warning names the disagreement.
 *
 * Speakers: pretalx writes `SUMMARY:Title - A, B`; for pretalx calendars the
 * part after the last " - " is read as the speaker list (marked inferred).
 * Other calendars name no speakers.
 *
 * Duplicate UIDs: identical copies are merged with a warning; two different
 * events under one UID (without `RECURRENCE-ID`) are an {@link ImportError}.
 */
import ICAL from 'ical.js';
import { t } from '../../i18n';
import { type ImportBundle, type Link, TALK_KINDS, type TalkKind } from '../../types';
import { ImportError, type ImportInput, type ImportOptions, type Importer } from '../importer';
import { BundleBuilder } from './bundle';
import { eventSlug } from './pretalx-api';
import { nameFromFile } from './sessionize-json';
import { checkText, lineCol, throwIfAborted } from './input';
import { httpUrl, kindFrom, languageTag, str, tidy } from './text';
import { minutesBetween, zoneAgrees } from './time';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

const KINDS = new Set<string>(TALK_KINDS);
const pad = (n: number) => String(n).padStart(2, '0');

function parts(t: Time): { date: string; time?: string } {
  const date = `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  return t.isDate ? { date } : { date, time: `${pad(t.hour)}:${pad(t.minute)}` };
}

function zoneOf(c: Component, prop: string): string | undefined {
  const p = c.getFirstProperty(prop);
  if (!p) return undefined;
  const tzid = p.getParameter('tzid');
  if (typeof tzid === 'string' && tzid) {
    const offset = /^UTC([+-]\d{2}:\d{2})$/.exec(tzid);
    return offset ? offset[1] : tzid.replace(/^\//, '');
  }
  const v = p.getFirstValue() as Time | undefined;
  return v && !v.isDate && v.zone?.tzid === 'UTC' ? 'UTC' : undefined;
}

function text(c: Component, prop: string): string | undefined {
  const v = c.getFirstPropertyValue(prop);
  return typeof v === 'string' ? str(v) : undefined;
}

function fmtOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const m = Math.abs(Math.round(seconds / 60));
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** Parses iCalendar text into VCALENDAR components, with a clear error. */
export function parseCalendars(textIn: string, name: string): Component[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(textIn);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new ImportError(t('importErrIcalUnreadable', msg), name);
  }
  const list = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : (jcal as unknown[])) as unknown[];
  const cals = list.map((j) => new ICAL.Component(j as ConstructorParameters<typeof ICAL.Component>[0]));
  if (!cals.length || cals.some((c) => c.name !== 'vcalendar')) throw new ImportError(t('importErrIcalNoCalendar'), name);
  return cals;
}

/** Reads parsed calendars into one bundle. */
export function icalToBundle(cals: Component[], input: ImportInput, rawText: string): ImportBundle {
  const b = new BundleBuilder({ kind: 'file', name: input.name, format: 'ical', ...(input.url ? { url: input.url } : {}) });
  const vevents = cals.flatMap((c) => c.getAllSubcomponents('vevent'));
  if (!vevents.length) throw new ImportError(t('importErrIcalNoEvents'), input.name);
  const timezones = new Map<string, InstanceType<typeof ICAL.Timezone>>();
  for (const c of cals) {
    for (const vtz of c.getAllSubcomponents('vtimezone')) {
      const tz = new ICAL.Timezone(vtz);
      if (tz.tzid) timezones.set(tz.tzid, tz);
    }
  }
  const prodid = cals.map((c) => text(c, 'prodid') ?? '').join(' ');
  const pretalx = /pretalx/i.test(prodid);
  const firstUrl = vevents.map((v) => text(v, 'url')).find(Boolean);
  const calName = cals.map((c) => text(c, 'x-wr-calname')).find(Boolean);
  const slug = pretalx ? eventSlug(firstUrl) : undefined;
  const eventName = calName ?? slug ?? (vevents.length > 1 ? nameFromFile(input.name) : undefined);
  const eventRef = eventName ? b.event({ name: eventName }) : undefined;

  // Duplicate UIDs (RECURRENCE-ID overrides are not duplicates).
  const seen = new Map<string, string>();
  const disagreeing = new Map<string, string>();
  for (const v of vevents) {
    const uid = text(v, 'uid');
    const recurrence = v.getFirstProperty('recurrence-id');
    const signature = JSON.stringify(v.toJSON());
    if (uid && !recurrence) {
      const prev = seen.get(uid);
      if (prev !== undefined && prev !== signature) {
        const first = rawText.indexOf(`UID:${uid}`);
        const second = rawText.indexOf(`UID:${uid}`, first + 1);
        throw new ImportError(
          t('importErrIcalDuplicateUid', uid),
          `${input.name}, ${second >= 0 ? lineCol(rawText, second) : 'UID ' + uid}`,
        );
      }
      if (prev !== undefined) {
        b.warn(t('importWarnIcalDuplicateUid', uid));
        continue;
      }
      seen.set(uid, signature);
    }
    const title0 = text(v, 'summary');
    if (!title0) {
      b.warn(uid ? t('importWarnIcalNoSummaryUid', uid) : t('importWarnIcalNoSummary'));
      continue;
    }
    let title = title0;
    let speakerRefs: string[] = [];
    const podiumSpeakers = v.getAllProperties('x-podium-speaker').map((p) => String(p.getFirstValue() ?? '').trim()).filter(Boolean);
    const dash = title0.lastIndexOf(' - ');
    if (podiumSpeakers.length) {
      // Podium's own export: the speakers are listed exactly; the summary ends with them.
      const suffix = ` - ${podiumSpeakers.join(', ')}`;
      if (title0.endsWith(suffix)) title = title0.slice(0, -suffix.length);
      speakerRefs = podiumSpeakers.flatMap((who) => b.speakerString(who, `"${title}"`));
    } else if (pretalx && dash > 0) {
      title = title0.slice(0, dash).trim();
      speakerRefs = title0
        .slice(dash + 3)
        .split(/\s*,\s*/)
        .flatMap((who) => b.speakerString(who, `"${title}"`));
      // The split on " - " is itself a reading of free text: mark the names as guessed.
      for (const ref of speakerRefs) b.markInferred(ref);
    }
    const startProp = v.getFirstPropertyValue('dtstart') as Time | undefined;
    const endProp = v.getFirstPropertyValue('dtend') as Time | undefined;
    const start = startProp ? parts(startProp) : undefined;
    const end = endProp ? parts(endProp) : undefined;
    const zone = zoneOf(v, 'dtstart');
    const durationProp = v.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | undefined;
    const minutes = start && end ? minutesBetween(start, end) : durationProp ? Math.round(durationProp.toSeconds() / 60) : undefined;
    if (zone && startProp && start?.time && timezones.has(zone) && !disagreeing.has(zone)) {
      const t = startProp.clone();
      t.zone = timezones.get(zone) as InstanceType<typeof ICAL.Timezone>;
      const fileOffset = fmtOffset(t.utcOffset());
      if (zone !== 'UTC' && !/^[+-]/.test(zone) && !zoneAgrees(zone, start.date, start.time, fileOffset)) disagreeing.set(zone, fileOffset);
    }
    const description = text(v, 'description');
    const url = httpUrl(text(v, 'url'));
    const links: Omit<Link, 'sources'>[] = url ? [{ kind: 'page', url }] : [];
    const categories = v.getAllProperties('categories').flatMap((p) => p.getValues().map(String)).map((s) => s.trim()).filter(Boolean);
    const lang = v.getFirstProperty('summary')?.getParameter('language');
    const room = text(v, 'location');
    const podiumKind = text(v, 'x-podium-kind');
    b.talk({
      ...(uid ? { key: `uid:${uid}${recurrence ? `@${String(recurrence.getFirstValue())}` : ''}` } : {}),
      title,
      ...(description ? { abstract: tidy(description) } : {}),
      kind: KINDS.has(podiumKind ?? '') ? (podiumKind as TalkKind) : kindFrom(categories.join(' '), title),
      ...(languageTag(lang) ? { language: languageTag(lang) } : {}),
      ...(start ? { date: start.date } : {}),
      ...(start?.time ? { start: start.time } : {}),
      ...(end?.time ? { end: end.time } : {}),
      ...(zone && start?.time ? { timeZone: zone } : {}),
      ...(minutes && minutes > 0 ? { durationMinutes: minutes } : {}),
      ...(room ? { room } : {}),
      ...(eventRef ? { eventRef } : {}),
      speakerRefs,
      links,
      tags: categories,
    });
  }
  for (const [zone, offset] of disagreeing) {
    b.warn(t('importWarnIcalZoneOffset', zone, offset));
  }
  return b.build();
}

/** iCalendar `.ics` files. */
export const icalImporter: Importer = {
  id: 'ical',
  label: 'Calendar (iCalendar .ics)',
  sniff({ name, type, head }) {
    if (/^\s*(\uFEFF)?BEGIN:VCALENDAR/i.test(head)) return 0.95;
    return /\.ics$/i.test(name) || /text\/calendar/i.test(type ?? '') ? 0.5 : 0;
  },
  async parse(input: ImportInput, options?: ImportOptions): Promise<ImportBundle[]> {
    const t = checkText(input);
    throwIfAborted(options?.signal, input.name);
    const bundle = icalToBundle(parseCalendars(t, input.name), input, t);
    options?.onProgress?.(1);
    return [bundle];
  },
};
