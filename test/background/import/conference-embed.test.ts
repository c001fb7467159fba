/**
 * findEmbedInPage (src/background/import/conference.ts), as injected into a
 * loaded page: the widget scripts come from the page's resource timing, and
 * only a page that loaded pretalx's widget has its DOM queried.
 */
import { conferenceFromEmbed, findEmbedInPage } from '../../../src/background/import/conference';

/** The page's resource timing (jsdom keeps none). */
let entries: PerformanceEntry[] = [];
const loaded = (...urls: string[]) => (entries = urls.map((name) => ({ name, entryType: 'resource' }) as PerformanceEntry));
beforeAll(() => Object.defineProperty(performance, 'getEntriesByType', { configurable: true, value: (type: string) => entries.filter((e) => e.entryType === type) }));
afterAll(() => delete (performance as { getEntriesByType?: unknown }).getEntriesByType);

afterEach(() => {
  jest.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('findEmbedInPage', () => {
  it('finds a pretalx widget by its script, preferring the <pretalx-schedule> event URL', () => {
    loaded('https://example.org/style.css', 'https://pretalx.example/democon/widgets/schedule.js?v=2');
    expect(findEmbedInPage()).toEqual({ pretalx: 'https://pretalx.example/democon/' });
    document.body.innerHTML = '<pretalx-schedule event-url="https://pretalx.example/democon-2027/"></pretalx-schedule>';
    expect(conferenceFromEmbed(findEmbedInPage())?.name).toBe('democon-2027');
  });

  it('finds the v2 widget and a Sessionize embed', () => {
    loaded('https://cfp.example.net/pycon/widget/v2.js', 'https://sessionize.com/api/v2/abcd1234/view/GridSmart');
    expect(findEmbedInPage()).toEqual({ pretalx: 'https://cfp.example.net/pycon/', sessionize: 'https://sessionize.com/api/v2/abcd1234/view/GridSmart' });
  });

  it('does not query the DOM of a page without a widget', () => {
    loaded('https://example.org/app.js', 'https://example.org/schedule.json');
    document.body.innerHTML = '<pretalx-schedule event-url="https://pretalx.example/x/"></pretalx-schedule>';
    const query = jest.spyOn(document, 'querySelector');
    expect(findEmbedInPage()).toEqual({});
    expect(query).not.toHaveBeenCalled();
  });
});
