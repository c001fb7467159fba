import fs from 'node:fs';
import path from 'node:path';
import { formatDate, formatDateRange, formatDateTime, formatNumber, formatRelative, formatTime, type MessageKey, t, tn } from '../../src/shared/i18n';
import browser, { getMessage } from '../mocks/browser';

const de = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../_locales/de/messages.json'), 'utf8'));
const g = globalThis as { chrome?: unknown };

describe('the i18n mock answers as Chrome does', () => {
  const messages = {
    plain: { message: 'Cost: $$5 for $1' },
    named: { message: 'Merged “$OTHER$” into “$Name$”.', placeholders: { other: { content: '$1' }, name: { content: '$2' } } },
    literal: { message: 'By $WHO$', placeholders: { who: { content: 'Podium' } } },
  };
  it('fills $1, named placeholders (any case) and $$', () => {
    expect(getMessage('plain', ['me'], messages)).toBe('Cost: $5 for me');
    expect(getMessage('named', ['A', 'B'], messages)).toBe('Merged “A” into “B”.');
    expect(getMessage('named', 'A', messages)).toBe('Merged “A” into “”.');
    expect(getMessage('literal', [], messages)).toBe('By Podium');
    expect(getMessage('missing', [], messages)).toBe('');
  });
  it('reads the English messages and says the UI is English', () => {
    expect(browser.i18n.getMessage('cardOpen')).toBe('Open in Podium');
    expect(browser.i18n.getUILanguage()).toBe('en');
  });
});

describe('t and tn', () => {
  it('gives the message with its substitutions, or the key itself when it is missing', () => {
    expect(t('popupSiteEnabled', 'conf.example.org')).toBe('Podium now runs on conf.example.org.');
    expect(t('noSuchKey' as MessageKey)).toBe('noSuchKey');
  });

  it('picks the plural form by the language’s rule and formats the count', () => {
    expect(tn('popupCountTalks', 1)).toBe('1 talk');
    expect(tn('popupCountTalks', 0)).toBe('0 talks');
    expect(tn('popupCountTalks', 12345)).toBe('12,345 talks');
    expect(tn('popupSpeakerSplitDone', 2, 'Ana Lopez')).toBe('Moved 2 talks to a new “Ana Lopez”.');
  });

  describe('in German', () => {
    const saved = g.chrome;
    beforeAll(() => {
      g.chrome = { i18n: { getMessage: (k: string, s?: string[]) => getMessage(k, s, de), getUILanguage: () => 'de-DE' } };
    });
    afterAll(() => {
      g.chrome = saved;
    });
    it('uses the German messages, plural forms and number and date formats', () => {
      expect(tn('popupCountTalks', 1)).toBe('1 Vortrag');
      expect(tn('popupCountTalks', 12345)).toBe('12.345 Vorträge');
      expect(formatDate('2024-05-03')).toBe('03.05.2024');
      expect(formatDate('2024-05')).toBe('Mai 2024');
      expect(formatTime('14:05')).toBe('14:05');
    });
  });
});

describe('Intl formats in the browser’s language (English here)', () => {
  it('formats numbers', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
  });
  it('shows archive dates with the precision they have, never shifted by a time zone', () => {
    expect(formatDate('2024')).toBe('2024');
    expect(formatDate('2024-05')).toBe('May 2024');
    expect(formatDate('2024-05-03')).toBe('May 3, 2024');
    expect(formatDate('2024-05-03T23:30:00Z')).toMatch(/^May [34], 2024$/);
    expect(formatDate('spring 2024')).toBe('spring 2024');
  });
  it('shows ranges as one phrase', () => {
    expect(formatDateRange('2024-05-03', '2024-05-05')).toMatch(/^May 3\s*–\s*5, 2024$/);
    expect(formatDateRange('2024-05-03', undefined)).toBe('May 3, 2024');
    expect(formatDateRange(undefined, undefined)).toBe('');
    expect(formatDateRange('2024', '2024-05-05')).toBe('2024 – May 5, 2024');
  });
  it('shows wall-clock times and moments', () => {
    expect(formatTime('14:05')).toMatch(/^2:05\sPM$/);
    expect(formatTime('soon')).toBe('soon');
    expect(formatDateTime('2024-05-03T12:00:00Z')).toMatch(/May 3, 2024/);
  });
  it('says how long ago', () => {
    const now = Date.parse('2024-05-03T12:00:00Z');
    expect(formatRelative(now - 3 * 36e5, now)).toBe('3 hours ago');
    expect(formatRelative(now - 864e5, now)).toBe('yesterday');
    expect(formatRelative(now - 1000, now)).toBe('this minute');
  });
});
