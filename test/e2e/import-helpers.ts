/**
 * Shared steps of the import-*.e2e.ts tests: driving import.html (pick
 * files, save, read the review), reading counts and tabs from an extension
 * page, and a fake pretalx instance served by the test server.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { callFromPage } from './browsers';
import { ROOT, type TestServer } from './server';

export const DATA = path.resolve(ROOT, '../shared/data');

export type Counts = { speakers: number; talks: number; events: number; sources: number };

export async function counts(page: Page): Promise<Counts> {
  const r = await callFromPage<Counts>(page, 'counts');
  if (!r.ok) throw new Error(`counts: ${r.error}`);
  return r.value!;
}

/** Waits until reading is over: the review or a message is shown. */
export async function waitForRead(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('[data-testid=progress]') && !!document.querySelector('[data-testid=review], [data-testid=failures]'),
    { polling: 100, timeout },
  );
}

/** Picks files in the import view and waits for the review or a message. */
export async function pick(page: Page, ...files: string[]): Promise<void> {
  const input = (await page.$('input[data-testid=file-input]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(...files);
  await waitForRead(page);
}

export const inputValues = (page: Page, sel: string): Promise<string[]> =>
  page.$$eval(sel, (els) => els.map((e) => (e as HTMLInputElement).value));

/** The "Not imported" messages, or null when there are none. */
export const failuresText = (page: Page): Promise<string | null> =>
  page.$eval('[data-testid=failures]', (e) => e.textContent).catch(() => null);

/** Presses Save and returns the result line; throws with the page's error if saving failed. */
export async function save(page: Page, timeout = 120_000): Promise<string> {
  await page.click('[data-testid=save]');
  await page.waitForFunction(() => !!document.querySelector('[data-testid=result], [data-testid=save-error]'), { polling: 200, timeout });
  const error = await page.$eval('[data-testid=save-error]', (e) => e.textContent).catch(() => null);
  if (error) throw new Error(`save failed: ${error}`);
  return page.$eval('[data-testid=result]', (e) => e.textContent ?? '');
}

/** Types into a text field as a user would (Preact listens to input events). */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

/** The id of the tab showing `url` (read from an extension page; needs host access to that URL). */
export async function tabIdOf(extPage: Page, url: string, timeout = 10_000): Promise<number> {
  const handle = await extPage.waitForFunction(
    async (u: string) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const tabs: { id?: number; url?: string }[] = await api.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? false;
    },
    { polling: 200, timeout },
    url,
  );
  return (await handle.jsonValue()) as number;
}

/** The toolbar button's badge text and title for a tab. */
export function actionState(extPage: Page, tabId: number): Promise<{ badge: string; title: string }> {
  return extPage.evaluate(async (id: number) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return { badge: await api.action.getBadgeText({ tabId: id }), title: await api.action.getTitle({ tabId: id }) };
  }, tabId);
}

/** Reads a JSON file of ../shared/data (never copied into the project). */
const sharedJson = (rel: string): unknown[] => JSON.parse(fs.readFileSync(path.join(DATA, rel), 'utf8')) as unknown[];

export interface FakePretalx {
  /** Request paths with their query, in the order they arrived. */
  requests: string[];
  /** Talks and speakers served (from ../shared/data/pretalx-api). */
  talkTitles: string[];
  speakerNames: string[];
}

/**
 * A fake pretalx instance on every host the server answers for: the REST API
 * of any event slug, built from the real API shapes in
 * ../shared/data/pretalx-api (EuroPython's programapi examples, legacy API
 * generation with speakers embedded in talks), paginated one record per page
 * with absolute `next` links as pretalx writes them.
 */
export function serveFakePretalx(server: TestServer, pageSize = 1): FakePretalx {
  const talks = sharedJson('pretalx-api/europython-programapi-example-submissions.json') as { title: string; speakers: { name: string; code: string }[] }[];
  const speakerFile = sharedJson('pretalx-api/europython-programapi-example-speakers.json') as { name: string; code: string }[];
  const speakers = [...speakerFile];
  for (const t of talks) for (const s of t.speakers) if (!speakers.some((x) => x.code === s.code)) speakers.push({ ...s });
  const fake: FakePretalx = { requests: [], talkTitles: talks.map((t) => t.title), speakerNames: speakers.map((s) => s.name) };
  server.route(/^\/api\/events\/([a-z0-9-]+)\/(?:(talks|speakers)\/)?$/, (url, m) => {
    fake.requests.push(url.pathname + url.search);
    const slug = m[1]!;
    if (!m[2]) return { json: { name: { en: `Fake ${slug}` }, slug, is_public: true, date_from: '2024-07-08', date_to: '2024-07-14', timezone: 'Europe/Prague' } };
    const list: unknown[] = m[2] === 'talks' ? talks : speakers;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Math.min(pageSize, Number(url.searchParams.get('limit') ?? pageSize));
    const results = list.slice(offset, offset + limit);
    const at = (o: number) => {
      const u = new URL(url.href);
      u.searchParams.set('limit', String(limit));
      u.searchParams.set('offset', String(o));
      return u.href;
    };
    return {
      json: {
        count: list.length,
        next: offset + limit < list.length ? at(offset + limit) : null,
        previous: offset > 0 ? at(Math.max(0, offset - limit)) : null,
        results,
      },
    };
  });
  return fake;
}

/** Looks a speaker up by name and returns the stored record with talks (or undefined). */
export async function speakerNamed(page: Page, name: string): Promise<(Record<string, any> & { name: string; talks: { title: string }[] }) | undefined> {
  const hits = await callFromPage<{ speakers: { id: string; name: string }[] }[]>(page, 'findSpeakers', { names: [name] });
  const id = hits.value?.[0]?.speakers[0]?.id;
  if (!id) return undefined;
  const r = await callFromPage<Record<string, any> & { name: string; talks: { title: string }[] }>(page, 'getSpeaker', { id });
  return r.value;
}
