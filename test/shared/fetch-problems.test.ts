/** Every kind of fetch problem has words of its own, with its detail in them. */
import { fetchErrorText, problemText } from '../../src/shared/fetch-problems';
import { FetchError } from '../../src/shared/importers/fetch-schedule';
import type { SubscriptionProblem } from '../../src/shared/subscriptions';

const URL_ = 'https://pretalx.example.org/democon/';

describe('problemText', () => {
  it.each<[SubscriptionProblem, string | undefined, RegExp]>([
    ['address', undefined, /not a web address/],
    ['status', '500 Internal Server Error', /server answered 500 Internal Server Error/],
    ['notJson', undefined, /did not answer with JSON/],
    ['tooLarge', '64', /larger than the 64 MB/],
    ['tooManyPages', '400', /more than 400 pages/],
    ['timeout', undefined, /too long/],
    ['network', 'Failed to fetch', /could not reach the server \(Failed to fetch\)/],
    ['unreadable', undefined, /does not serve a schedule/],
    ['unreadable', 'line 3: bad XML', /could not be read: line 3: bad XML/],
    ['noTalks', undefined, /lists no talks/],
    ['permission', undefined, /may no longer read pretalx\.example\.org/],
    ['storage', undefined, /no room left/],
    ['other', 'Something odd', /^Something odd$/],
  ])('%s (%s)', (code, detail, expected) => {
    expect(problemText({ code, ...(detail ? { detail } : {}) }, URL_)).toMatch(expected);
  });

  it('words a fetch error thrown in the page the same way, and leaves other errors alone', () => {
    expect(fetchErrorText(new FetchError('status', 'the server answered 404 Not Found', URL_, '404 Not Found'), URL_)).toBe('the server answered 404 Not Found');
    expect(fetchErrorText(new Error('x'), URL_)).toBeUndefined();
  });
});
