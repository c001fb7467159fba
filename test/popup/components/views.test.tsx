import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../../src/popup/components/App';
import { setMessageHandler } from '../../mocks/browser';
import { mountRoot, unmountRoot } from '../../mocks/render-root';

async function flush() {
  for (let i = 0; i < 10; i++) await act(() => new Promise((r) => setTimeout(r, 5)));
}

const src = { id: 'src1', kind: 'file', name: 'cv.md', format: 'cv-text', importedAt: '2024-01-01T00:00:00Z' };
const event = { id: 'ev1', name: 'EuroPython 2016', eventKey: 'k', year: 2016, city: 'Bilbao', country: 'Spain', sources: ['src1'], createdAt: '', updatedAt: '' };
const talk = {
  id: 'tk1', title: 'Testing in production', titleKey: 't', abstract: [{ value: 'Why and how.', sources: ['src1'] }], kind: 'talk', date: '2016-07-19',
  eventId: 'ev1', speakerIds: ['sp1'], links: [{ kind: 'video', url: 'https://v.example/1', sources: ['src1'] }], tags: ['sre'], sources: ['src1'],
  createdAt: '', updatedAt: '', event, speakers: [{ id: 'sp1', name: 'Rok Papež' }],
};
const speaker = {
  id: 'sp1', name: 'Rok Papež', aliases: [], nameKeys: [], headline: [{ value: 'SRE at Meta', sources: ['src1'] }], location: [], summary: [],
  positions: [{ organisation: 'Meta', title: 'SRE', start: '2015', current: true, sources: ['src1'] }], education: [],
  skills: [{ value: 'Python', sources: ['src1'] }], publications: [], projects: [], links: [{ kind: 'github', url: 'https://github.com/rok', sources: ['src1'] }],
  photoUrl: [], identifiers: [], idKeys: [], sources: ['src1'], createdAt: '', updatedAt: '',
};
const results = {
  query: 'papex', words: ['papez'], tookMs: 0.1, speakers: [], talks: [],
  groups: [
    { kind: 'speaker', count: 1, hits: [{ kind: 'speaker', id: 'sp1', label: 'Rok Papež', detail: 'SRE at Meta', labelMarks: [[4, 9]], detailMarks: [], score: 13 }] },
    { kind: 'talk', count: 1, hits: [{ kind: 'talk', id: 'tk1', label: 'Testing in production', detail: 'Rok Papež · EuroPython 2016', labelMarks: [], detailMarks: [[4, 9]], score: 5 }] },
  ],
};

type Call = { method: string; params: any };

function worker(extra: Record<string, (p: any) => unknown> = {}) {
  const calls: Call[] = [];
  setMessageHandler((msg) => {
    const m = msg as Call;
    calls.push(m);
    const table: Record<string, (p: any) => unknown> = {
      counts: () => ({ speakers: 1, talks: 1, events: 1, sources: 1 }),
      search: () => results,
      getSpeaker: () => ({ speaker, talks: [talk], sources: [src], coSpeakers: [] }),
      getTalk: () => ({ talk, sources: [src] }),
      getEvent: () => ({ event, talks: [talk], sources: [src] }),
      updateSpeaker: (p) => ({ speaker: { ...speaker, ...p.changes }, undoId: 'u1' }),
      updateTalk: () => ({ talk, undoId: 'u2' }),
      deleteTalk: () => ({ undoId: 'u3' }),
      undo: () => ({ id: 'u3', label: 'Delete “Testing in production”', createdAt: '' }),
      mergeSpeakers: () => ({ speaker, undoId: 'u4' }),
      removeSource: () => ({ undoId: 'u5', removed: { speakers: 0, talks: 0, events: 0 } }),
      listSites: () => [],
      // The sliced export: one slice per table, then done.
      exportArchiveBegin: () => ({ head: { format: 'podium-archive', version: 1 }, counts: { sources: 1, speakers: 1, talks: 1, events: 1 }, cursor: { table: 'sources' } }),
      exportArchiveSlice: (p) => {
        const order = ['sources', 'speakers', 'talks', 'events'] as const;
        const records = { sources: [src], speakers: [speaker], talks: [talk], events: [event] }[p.cursor.table as (typeof order)[number]];
        const next = order[order.indexOf(p.cursor.table) + 1];
        return { table: p.cursor.table, records, next: next ? { table: next } : null };
      },
      clearArchive: () => ({ speakers: 0, talks: 0, events: 0, sources: 0 }),
      ...extra,
    };
    const fn = table[m.method];
    return fn ? { ok: true, value: fn(m.params) } : { ok: false, error: `no ${m.method}` };
  });
  return calls;
}

const key = (el: Element, k: string) => act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));
const type = async (el: HTMLInputElement, text: string) => {
  await act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush();
};
/** Opens the popup at `url` (a view and its record) and waits for it to settle. */
const openAt = async (root: HTMLElement, url: string) => {
  history.replaceState(null, '', url);
  render(<App />, root);
  await flush();
};
const button = (root: Element, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

describe('popup views', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = mountRoot();
    history.replaceState(null, '', '/popup.html');
  });
  afterEach(() => {
    unmountRoot(root);
  });

  it('search: labelled combobox focused on open, grouped listbox with counts, highlights, arrows, Enter, Esc', async () => {
    worker();
    render(<App />, root);
    await flush();
    const input = root.querySelector<HTMLInputElement>('input[type=search]')!;
    expect(document.activeElement).toBe(input);
    expect(root.querySelector('label[for=search]')?.textContent).toBe('Search your archive');
    await type(input, 'papex');
    const options = root.querySelectorAll('[role=listbox] [role=option]');
    expect(options).toHaveLength(2);
    expect([...root.querySelectorAll('[role=group]')].map((g) => g.textContent?.slice(0, 10))).toEqual([expect.stringMatching(/^Speaker 1/), expect.stringMatching(/^Talk 1/)]);
    expect(options[0]!.querySelector('mark')?.textContent).toBe('Papež');
    expect(input.getAttribute('aria-activedescendant')).toBe('hit-0');
    await key(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe('hit-1');
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    await key(input, 'ArrowUp');
    await key(input, 'Enter');
    await flush();
    expect(root.querySelector('h2')?.textContent).toBe('Rok Papež');
    await act(() => button(root, '←').click());
    await flush();
    const again = root.querySelector<HTMLInputElement>('input[type=search]')!;
    await key(again, 'Escape');
    expect(again.value).toBe('');
    const close = jest.spyOn(window, 'close').mockImplementation(() => {});
    await key(again, 'Escape');
    expect(close).toHaveBeenCalled();
  });

  it('search: each new query is asked as a person waiting; asking again while an import is indexed is not', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      let answers = 0;
      const calls = worker({ search: () => ({ ...results, ...(answers++ === 0 ? { updating: true } : {}) }) });
      render(<App />, root);
      await act(() => jest.advanceTimersByTimeAsync(50));
      const input = root.querySelector<HTMLInputElement>('input[type=search]')!;
      await act(() => {
        input.value = 'papex';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(() => jest.advanceTimersByTimeAsync(50));
      // The answer said "updating": the popup asks again later, unprompted.
      await act(() => jest.advanceTimersByTimeAsync(1000));
      await act(() => jest.advanceTimersByTimeAsync(50));
      const searches = calls.filter((c) => c.method === 'search').map((c) => c.params);
      expect(searches).toEqual([
        { query: 'papex', limit: 8, interactive: true },
        { query: 'papex', limit: 8, interactive: false },
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('speaker view: headline, timeline, skills, links, talks by year with event, place and video, sources; edit saves', async () => {
    const calls = worker();
    await openAt(root, '/popup.html?view=speaker&id=sp1');
    expect(root.querySelector('[data-testid=headline]')?.textContent).toContain('SRE at Meta');
    expect(root.querySelector('[data-testid=headline]')?.textContent).toContain('(cv.md)');
    expect(root.querySelector('.timeline')?.textContent).toContain('2015–now');
    expect(root.querySelector('.chips')?.textContent).toBe('Python');
    expect(root.textContent).toContain('github.com/rok');
    expect(root.querySelector('.year__title')?.textContent).toBe('2016');
    expect(root.querySelector('.talk')?.textContent).toContain('EuroPython 2016');
    expect(root.querySelector('.talk')?.textContent).toContain('Bilbao, Spain');
    expect(root.querySelector('.talk a')?.textContent).toBe('Video');
    expect(root.querySelector('[aria-label="Remove source cv.md"]')).not.toBeNull();
    await act(() => button(root, 'Edit').click());
    const headline = root.querySelector<HTMLInputElement>('input[name=headline]')!;
    await act(() => {
      headline.value = 'Principal SRE';
      headline.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => root.querySelector<HTMLFormElement>('form.edit')!.requestSubmit());
    await flush();
    expect(calls.find((c) => c.method === 'updateSpeaker')?.params.changes.headline).toBe('Principal SRE');
    expect(root.querySelector('[role=status]')?.textContent).toContain('Saved.');
  });

  it('speaker view: merge picks another speaker; remove a source offers undo', async () => {
    const calls = worker({
      search: () => ({ ...results, groups: [{ kind: 'speaker', count: 2, hits: [results.groups[0]!.hits[0], { ...results.groups[0]!.hits[0], id: 'sp2', label: 'R. Papez' }] }] }),
    });
    await openAt(root, '/popup.html?view=speaker&id=sp1');
    await act(() => button(root, 'Merge…').click());
    const pick = root.querySelector<HTMLInputElement>('.edit input[type=search]')!;
    await type(pick, 'papez');
    await act(() => root.querySelector<HTMLButtonElement>('[aria-label="Merge R. Papez into Rok Papež"]')!.click());
    await flush();
    expect(calls.find((c) => c.method === 'mergeSpeakers')?.params).toEqual({ keepId: 'sp1', otherId: 'sp2' });
    await act(() => root.querySelector<HTMLButtonElement>('[aria-label="Remove source cv.md"]')!.click());
    await flush();
    await act(() => button(root, 'Undo').click());
    await flush();
    expect(calls.find((c) => c.method === 'undo')?.params).toEqual({ id: 'u5' });
  });

  it('talk view shows the talk and deletes with undo; event view lists talks', async () => {
    const calls = worker();
    await openAt(root, '/popup.html?view=talk&id=tk1');
    expect(root.querySelector('h2')?.textContent).toBe('Testing in production');
    expect(root.textContent).toContain('Why and how.');
    expect(root.querySelector('[aria-label=Tags]')?.textContent).toBe('sre');
    await act(() => button(root, 'EuroPython 2016').click());
    await flush();
    expect(root.querySelector('h2')?.textContent).toBe('EuroPython 2016');
    expect(root.querySelector('.talks')?.textContent).toContain('Testing in production');
    await act(() => button(root, '←').click());
    await flush();
    await act(() => button(root, 'Delete').click());
    await flush();
    expect(calls.some((c) => c.method === 'deleteTalk')).toBe(true);
    await act(() => button(root, 'Undo').click());
    await flush();
    expect(root.querySelector('[role=status]')?.textContent).toContain('Undone');
  });

  it('settings: theme, hover settings in storage, sites, export, delete everything after confirming', async () => {
    const calls = worker();
    const browser = (await import('../../mocks/browser')).default;
    history.replaceState(null, '', '/popup.html?view=settings');
    (URL as any).createObjectURL = () => 'blob:x';
    (URL as any).revokeObjectURL = () => {};
    render(<App />, root);
    await flush();
    expect(root.querySelector('#add-site')).not.toBeNull();
    const theme = root.querySelector<HTMLSelectElement>('select')!;
    await act(() => {
      theme.value = 'dark';
      theme.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(document.documentElement.dataset['theme']).toBe('dark');
    const [marks] = root.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    await act(() => marks!.click());
    await flush();
    expect((await browser.storage.local.get('contentSettings'))['contentSettings']).toMatchObject({ marks: false, privacy: false, intentDelayMs: 300 });
    await act(() => button(root, 'Export archive').click());
    await flush();
    expect(calls.filter((c) => c.method === 'exportArchiveSlice').length).toBe(4);
    expect(root.textContent).toContain('Exported the archive (4 records)');
    expect(button(root, 'Import…')).toBeDefined();
    await act(() => button(root, 'Delete everything…').click());
    expect(calls.some((c) => c.method === 'clearArchive')).toBe(false);
    await act(() => button(root, 'Yes, delete everything').click());
    await flush();
    expect(calls.some((c) => c.method === 'clearArchive')).toBe(true);
    delete document.documentElement.dataset['theme'];
  });
});
