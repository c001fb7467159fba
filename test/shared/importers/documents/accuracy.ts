/**
 * Field-level precision and recall of the document importers over every
 * fixture with an `.expected.json` beside it, plus the seeds when present.
 * Shared by `scripts/importer-accuracy.ts` (prints the table) and the
 * accuracy test (keeps it from regressing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeName } from '../../../../src/shared/names';
import { parseCvText } from '../../../../src/shared/importers/documents/cv-text';
import { pageText, type PdfTextItem } from '../../../../src/import/importers/pdf-layout';
import { parseTalkDocument, parseTalkMarkdown } from '../../../../src/shared/importers/documents/talk-page';
import type { ImportBundle } from '../../../../src/shared/types';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures');
/** The seeds live beside the project root (../shared/seeds from /work/main). */
export const SEEDS = path.resolve(__dirname, '../../../../../shared/seeds');

interface ExpectedPosition {
  organisation: string;
  title?: string;
  start?: string;
  end?: string;
  current?: boolean;
}
export interface Expected {
  seed?: string;
  /** pdf.js text items of a printed CV (a `.pdf-items.json` path relative to the fixtures folder), read through pdf-layout. */
  pdfItems?: string;
  speakers: {
    name: string;
    headline?: string;
    location?: { city?: string; country?: string };
    positions?: ExpectedPosition[];
    education?: { institution: string }[];
    links?: string[];
  }[];
  talks: {
    title: string;
    year?: string;
    date?: string;
    start?: string;
    end?: string;
    room?: string;
    event?: string;
    city?: string;
    country?: string;
    kind?: string;
    speakers?: string[];
    links?: string[];
  }[];
}

export interface Case {
  id: string;
  file: string;
  kind: 'cv' | 'talk-markdown' | 'talk-html';
  expected: Expected;
}

/** All fixture cases, and seed cases whose seed file exists. */
export function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const dir of ['cv', 'talk-pages']) {
    const folder = path.join(FIXTURES, dir);
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.expected.json')).sort()) {
      const expected = JSON.parse(readFileSync(path.join(folder, f), 'utf8')) as Expected;
      const base = f.replace(/\.expected\.json$/, '');
      let file: string | undefined;
      if (expected.seed) {
        file = path.join(SEEDS, expected.seed);
        if (!existsSync(file)) continue;
      } else if (expected.pdfItems) file = path.join(FIXTURES, expected.pdfItems);
      else file = readdirSync(folder).map((n) => path.join(folder, n)).find((p) => path.basename(p).startsWith(`${base}.`) && !p.endsWith('.json'));
      if (!file) continue;
      const kind = dir === 'cv' ? 'cv' : file.endsWith('.html') ? 'talk-html' : 'talk-markdown';
      cases.push({ id: `${dir}/${expected.seed ? `seed ${expected.seed.slice(0, 3)}` : base}`, file, kind, expected });
    }
  }
  return cases;
}

/** The text of a captured PDF (see test/fixtures/cv-html/capture-pdf-items.ts) in reading order, as pdf-text.ts builds it. */
export function pdfItemsText(json: string): string {
  const { pages } = JSON.parse(json) as { pages: { width: number; items: PdfTextItem[] }[] };
  return pages.map((p) => pageText(p.items, p.width)).join('\n\n');
}

/** Runs the right importer on one case. `parseHtml` turns HTML into a Document (DOMParser or jsdom). */
export function runCase(c: Case, parseHtml: (html: string) => Document): ImportBundle {
  const text = readFileSync(c.file, 'utf8');
  const name = path.basename(c.file);
  if (c.kind === 'cv' && c.expected.pdfItems) return parseCvText(pdfItemsText(text), name);
  if (c.kind === 'cv') return parseCvText(text, name);
  if (c.kind === 'talk-markdown') return parseTalkMarkdown(text, name);
  return parseTalkDocument(parseHtml(text), name);
}

/** True positives, false positives, false negatives of one field. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const k = (s: string | undefined) => (s === undefined ? '' : normalizeName(s));

function compare(actual: string[], expected: string[], into: Counts) {
  const rest = [...expected];
  for (const a of actual) {
    const i = rest.indexOf(a);
    if (i >= 0) {
      into.tp++;
      rest.splice(i, 1);
    } else into.fp++;
  }
  into.fn += rest.length;
}

export const FIELDS = [
  'speaker.name', 'speaker.headline', 'speaker.location', 'position.organisation', 'position.title', 'position.dates',
  'education.institution', 'speaker.links', 'talk.title', 'talk.year/date', 'talk.time', 'talk.room', 'talk.event',
  'talk.place', 'talk.speakers', 'talk.links',
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Scores one bundle against its expected facts. A field only counts when
 * the expectation states it (an absent key is "not checked", so importers
 * are not penalised for facts the fixture author did not list), except
 * list fields (positions, links, talks), which count every extra as a false
 * positive.
 */
export function scoreBundle(bundle: ImportBundle, exp: Expected): Record<Field, Counts> {
  const out = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
  compare(bundle.speakers.map((s) => k(s.name)), exp.speakers.map((s) => k(s.name)), out['speaker.name']);
  for (const es of exp.speakers) {
    const s = bundle.speakers.find((x) => k(x.name) === k(es.name));
    const sk = k(es.name);
    if (es.headline !== undefined) compare(s?.headline ? [k(s.headline)] : [], [k(es.headline)], out['speaker.headline']);
    if (es.location) {
      compare(
        s?.location ? [`${k(s.location.city)}|${k(s.location.country)}`] : [],
        [`${k(es.location.city)}|${k(es.location.country)}`],
        out['speaker.location'],
      );
    }
    if (es.positions) {
      const ps = s?.positions ?? [];
      compare(ps.map((p) => `${sk}|${k(p.organisation)}`), es.positions.map((p) => `${sk}|${k(p.organisation)}`), out['position.organisation']);
      const withTitle = es.positions.filter((p) => p.title);
      compare(
        ps.filter((p) => p.title).map((p) => `${k(p.organisation)}|${k(p.title)}`),
        withTitle.map((p) => `${k(p.organisation)}|${k(p.title)}`),
        out['position.title'],
      );
      const dated = (p: ExpectedPosition) => `${k(p.organisation)}|${p.start ?? ''}|${p.current ? 'now' : (p.end ?? '')}`;
      compare(ps.filter((p) => p.start || p.end).map(dated), es.positions.filter((p) => p.start || p.end).map(dated), out['position.dates']);
    }
    if (es.education) compare((s?.education ?? []).map((e) => k(e.institution)), es.education.map((e) => k(e.institution)), out['education.institution']);
    if (es.links) compare((s?.links ?? []).map((l) => l.url), es.links, out['speaker.links']);
  }
  const eventOf = (ref?: string) => bundle.events.find((e) => e.ref === ref);
  compare(bundle.talks.map((t) => k(t.title)), exp.talks.map((t) => k(t.title)), out['talk.title']);
  for (const et of exp.talks) {
    const t = bundle.talks.find((x) => k(x.title) === k(et.title));
    const tk = k(et.title);
    const ev = eventOf(t?.eventRef);
    const one = (field: Field, actual: string | undefined, expected: string | undefined) => {
      if (expected === undefined) {
        // Stating a value the expectation does not have is a false positive only for events and places.
        if (actual !== undefined && (field === 'talk.event' || field === 'talk.place')) out[field].fp++;
        return;
      }
      compare(actual === undefined ? [] : [`${tk}|${k(actual)}`], [`${tk}|${k(expected)}`], out[field]);
    };
    one('talk.year/date', et.date ? t?.date : t?.date?.slice(0, 4), et.date ?? et.year);
    if (et.start || et.end) one('talk.time', t ? `${t.start ?? ''}-${t.end ?? ''}` : undefined, `${et.start ?? ''}-${et.end ?? ''}`);
    one('talk.room', t?.room, et.room);
    one('talk.event', ev?.name, et.event);
    one('talk.place', ev && (ev.city || ev.country) ? `${ev.city ?? ''}|${ev.country ?? ''}` : undefined, et.city || et.country ? `${et.city ?? ''}|${et.country ?? ''}` : undefined);
    if (et.speakers && t) {
      const names = t.speakerRefs.map((r) => bundle.speakers.find((s) => s.ref === r)?.name ?? r);
      compare(names.map(k), et.speakers.map(k), out['talk.speakers']);
    }
    if (et.links) compare((t?.links ?? []).map((l) => l.url), et.links, out['talk.links']);
  }
  return out;
}

/** Adds `b` into `a`. */
export function addCounts(a: Record<Field, Counts>, b: Record<Field, Counts>): void {
  for (const f of FIELDS) {
    a[f].tp += b[f].tp;
    a[f].fp += b[f].fp;
    a[f].fn += b[f].fn;
  }
}

export function precision(c: Counts): number {
  return c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
}
export function recall(c: Counts): number {
  return c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
}

/** Runs every case and returns per-field totals and per-case totals. */
export function evaluate(parseHtml: (html: string) => Document) {
  const totals = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
  const perCase: { id: string; counts: Record<Field, Counts>; error?: string }[] = [];
  for (const c of loadCases()) {
    try {
      const counts = scoreBundle(runCase(c, parseHtml), c.expected);
      addCounts(totals, counts);
      perCase.push({ id: c.id, counts });
    } catch (e) {
      perCase.push({ id: c.id, counts: totals, error: (e as Error).message });
    }
  }
  return { totals, perCase };
}

/** The table as Markdown. */
export function formatTable(totals: Record<Field, Counts>): string {
  const rows = FIELDS.map((f) => {
    const c = totals[f];
    return `| ${f.padEnd(22)} | ${String(c.tp).padStart(3)} | ${String(c.fp).padStart(3)} | ${String(c.fn).padStart(3)} | ${precision(c).toFixed(2)} | ${recall(c).toFixed(2)} |`;
  });
  return ['| field                  |  tp |  fp |  fn | prec | recall |', '|---|---:|---:|---:|---:|---:|', ...rows].join('\n');
}
