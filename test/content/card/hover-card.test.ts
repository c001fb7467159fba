import { placeCard } from '../../../src/content/card/card-position';
import { HoverCard } from '../../../src/content/card/hover-card';
import type { SpeakerWithTalks, TalkView } from '../../../src/shared/types';
import { captureShadowRoots } from '../helpers';

const HOSTILE = '<img src=x onerror="globalThis.pwned=1">';

function person(id: string, name: string, extra: Partial<SpeakerWithTalks['speaker']> = {}, talks: Partial<TalkView>[] = []): SpeakerWithTalks {
  const at = '2026-01-01T00:00:00Z';
  return {
    speaker: {
      id, name, aliases: [], nameKeys: [], headline: [], location: [], summary: [], positions: [], education: [], skills: [],
      publications: [], projects: [], links: [], photoUrl: [], identifiers: [], idKeys: [], sources: [], createdAt: at, updatedAt: at,
      ...extra,
    },
    talks: talks.map((t, i) => ({
      id: `t${i}`, title: 'Untitled', titleKey: '', abstract: [], kind: 'talk', speakerIds: [id], links: [], tags: [], sources: [],
      createdAt: at, updatedAt: at, speakers: [], ...t,
    })) as TalkView[],
    sources: [],
    coSpeakers: [],
  };
}

const failla = person(
  'sp_failla',
  'Angelo Failla',
  {
    headline: [{ value: 'Staff Production Engineer at Meta', sources: [] }],
    links: [
      { kind: 'github', url: 'https://github.com/pallotron', sources: [] },
      { kind: 'homepage', url: 'javascript:alert(1)', sources: [] },
    ],
  },
  [
    { title: 'Python @ Facebook', date: '2014' },
    { title: 'FBTFTP: dynamic TFTP servers', date: '2016', event: { name: 'EuroPython 2016' } as TalkView['event'] },
    { title: 'DHCP Infrastructure Evolution at Facebook', date: '2015' },
  ],
);

const anchor = { left: 100, top: 100, right: 200, bottom: 118 };
let card: HoverCard;
let closed = 0;
let roots: ShadowRoot[];
beforeEach(() => {
  closed = 0;
  roots = captureShadowRoots();
  card = new HoverCard(document);
  card.onHide = () => closed++;
});
afterEach(() => {
  card.destroy();
  jest.restoreAllMocks();
});

const root = () => roots.at(-1)!;
const show = (people: SpeakerWithTalks[], pageName = 'Angelo Failla', onPage: (t: TalkView) => boolean = () => false, focus = false) =>
  card.show('key', anchor, { pageName, people, isOnPage: onPage, scheme: 'dark', onOpen: () => undefined }, focus);

describe('HoverCard', () => {
  it('renders name, headline and talks, most recent first, in a closed shadow root', () => {
    show([failla]);
    const host = document.querySelector('podium-card')!;
    expect(host.shadowRoot).toBeNull(); // closed: the page cannot read it
    expect(host.getAttributeNames()).toEqual(['style']); // no data on the host
    expect(root().querySelector('.name')!.textContent).toBe('Angelo Failla');
    expect(root().querySelector('.headline')!.textContent).toBe('Staff Production Engineer at Meta');
    expect([...root().querySelectorAll('.talk .title')].map((e) => e.textContent)).toEqual([
      'FBTFTP: dynamic TFTP servers',
      'DHCP Infrastructure Evolution at Facebook',
      'Python @ Facebook',
    ]);
    expect(root().querySelector('.talk .meta')!.textContent).toBe('EuroPython 2016');
    expect(root().querySelector('.card')!.getAttribute('data-scheme')).toBe('dark');
  });

  it('is a dialog named after the speaker', () => {
    show([failla]);
    const dialog = root().querySelector('[role="dialog"]')!;
    const label = root().getElementById(dialog.getAttribute('aria-labelledby')!);
    expect(label!.textContent).toBe('Angelo Failla');
  });

  it('shows hostile text as text', () => {
    show([person('sp_x', HOSTILE, { headline: [{ value: HOSTILE, sources: [] }] }, [{ title: HOSTILE }])], HOSTILE);
    expect(root().querySelector('img')).toBeNull();
    expect(root().querySelector('.name')!.textContent).toBe(HOSTILE);
    expect(root().querySelector('.talk .title')!.textContent).toBe(HOSTILE);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('links only http(s) URLs', () => {
    show([failla]);
    expect([...root().querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://github.com/pallotron']);
    expect(root().querySelector('a')!.getAttribute('rel')).toContain('noopener');
  });

  it('marks the talk on this page', () => {
    show([failla], 'Angelo Failla', (t) => t.title.startsWith('DHCP'));
    const here = root().querySelectorAll('.talk.here');
    expect(here).toHaveLength(1);
    expect(here[0]!.textContent).toContain('On this page');
  });

  it('says which talks their schedule has withdrawn', () => {
    const p = person('sp_x', 'Angelo Failla', {}, [
      { title: 'Still on', date: '2027' },
      { title: 'Cancelled one', date: '2026', withdrawn: '2026-12-01T10:00:00Z' },
    ]);
    show([p]);
    const items = [...root().querySelectorAll('.talk')].map((li) => li.textContent ?? '');
    expect(items.find((x) => x.includes('Cancelled one'))).toContain('withdrawn');
    expect(items.find((x) => x.includes('Still on'))).not.toContain('withdrawn');
  });

  it('shows two people with the same name and what tells them apart', () => {
    const other = person('sp_failla2', 'Angelo Failla', { location: [{ value: { city: 'Catania', country: 'Italy' }, sources: [] }] }, [
      { title: 'Sicilian cooking with Python', date: '2019', event: { name: 'PyCon Italia 2019' } as TalkView['event'] },
    ]);
    show([failla, other]);
    expect(root().querySelectorAll('.person')).toHaveLength(2);
    const dialog = root().querySelector('[role="dialog"]')!;
    expect(root().getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('2 people in your archive are named Angelo Failla');
    expect([...root().querySelectorAll('.tells')].map((e) => e.textContent)).toEqual([
      '3 talks, latest EuroPython 2016',
      'Catania, Italy · 1 talk, latest PyCon Italia 2019',
    ]);
  });

  it('closes on Esc and gives focus back when opened from the keyboard', () => {
    const button = document.body.appendChild(document.createElement('button'));
    button.focus();
    show([failla], 'Angelo Failla', () => false, true);
    expect(card.isOpen).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(card.isOpen).toBe(false);
    expect(closed).toBe(1);
    expect(root().querySelector('.card')).toBeNull();
    expect(document.activeElement).toBe(button);
    button.remove();
  });

  it('"Open in Podium" asks for the speaker by id', () => {
    const opened: string[] = [];
    card.show('k', anchor, { pageName: 'x', people: [failla], isOnPage: () => false, scheme: 'light', onOpen: (id) => opened.push(id) });
    root().querySelector<HTMLButtonElement>('.open')!.click();
    expect(opened).toEqual(['sp_failla']);
  });
});

describe('placeCard', () => {
  const viewport = { width: 800, height: 600 };
  it('goes below the name when it fits, above when not, never over it, inside the viewport', () => {
    const below = placeCard({ left: 700, top: 100, right: 760, bottom: 118 }, { width: 340, height: 200 }, viewport);
    expect(below).toMatchObject({ side: 'below', top: 124, left: 800 - 340 - 8 });
    const above = placeCard({ left: 10, top: 500, right: 60, bottom: 518 }, { width: 340, height: 200 }, viewport);
    expect(above.side).toBe('above');
    expect(above.top + 200).toBeLessThanOrEqual(500);
    const tall = placeCard({ left: 10, top: 250, right: 60, bottom: 268 }, { width: 340, height: 900 }, viewport);
    expect(tall.top).toBeGreaterThanOrEqual(268);
    expect(tall.top + tall.maxHeight!).toBeLessThanOrEqual(600 - 8);
  });
});

describe('short background', () => {
  it('says where they are and where they worked before when the archive has no summary', () => {
    const { shortBackground } = jest.requireActual('../../../src/content/card/SpeakerCard') as typeof import('../../../src/content/card/SpeakerCard');
    const speaker = {
      location: [{ value: { city: 'Dublin', country: 'Ireland' }, sources: [] }],
      positions: [
        { organisation: 'Meta (Facebook)', start: '2011-03', current: true, sources: [] },
        { organisation: 'NewBay Software', start: '2008-02', end: '2011-03', sources: [] },
        { organisation: 'MOVIA SpA', start: '2005-09', end: '2008-01', sources: [] },
      ],
    };
    expect(shortBackground({ speaker, talks: [], sources: [], coSpeakers: [] } as never)).toBe('Dublin, Ireland · previously NewBay Software, MOVIA SpA');
    expect(shortBackground({ speaker: { location: [], positions: [] }, talks: [], sources: [], coSpeakers: [] } as never)).toBe('');
  });
});
