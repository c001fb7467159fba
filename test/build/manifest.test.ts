/**
 * @jest-environment node
 */
import fs from 'node:fs';
import path from 'node:path';
import { manifestFor } from '../../webpack.config';

const root = path.resolve(__dirname, '../..');

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
const messagesOf = (locale: string): Record<string, Entry> => JSON.parse(fs.readFileSync(path.join(root, '_locales', locale, 'messages.json'), 'utf8'));
/** The `$name$` placeholders a message uses, lower case (Chrome matches them case-insensitively). */
const placeholdersIn = (message: string): string[] => [...new Set([...message.replace(/\$\$/g, '').matchAll(/\$(\w+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();

describe('per-browser manifests', () => {
  const chrome = manifestFor('chrome') as any;
  const firefox = manifestFor('firefox') as any;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

  it('gives Chrome a service worker and no gecko keys', () => {
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it('has Chrome structured-clone extension messages, as Firefox always does, and keeps the key from Firefox', () => {
    // A page's text goes to the worker in 16,000-character messages: cloned, not JSON-encoded, in the page.
    expect(chrome.message_serialization).toBe('structured_clone');
    expect(firefox.message_serialization).toBeUndefined();
  });

  it('gives Firefox an event page, an id, a minimum version and no data collection', () => {
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(Number.parseFloat(firefox.browser_specific_settings.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('asks for no host permission at install beyond the listed event sites', () => {
    for (const m of [chrome, firefox]) {
      expect(m.optional_host_permissions).toEqual(expect.arrayContaining(['https://*/*']));
      const matches: string[] = m.content_scripts.flatMap((c: { matches: string[] }) => c.matches);
      // Host access exactly for the listed sites (Chrome needs it for tab URLs, scripting and fetch there).
      expect([...m.host_permissions].sort()).toEqual([...matches].sort());
      expect(matches.length).toBeGreaterThan(5);
      for (const pattern of matches) {
        expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+\//);
        expect(pattern).not.toMatch(/localhost|127\.0\.0\.1|<all_urls>|^\*:/);
      }
    }
  });

  it('takes every user-visible text from _locales, in every locale', () => {
    const locales = fs.readdirSync(path.join(root, '_locales'));
    expect(locales.sort()).toEqual(expect.arrayContaining(['de', 'en']));
    for (const m of [chrome, firefox]) {
      expect(m.default_locale).toBe('en');
      const text = JSON.stringify(m);
      const used = [...text.matchAll(/__MSG_(\w+)__/g)].map((x) => x[1]!);
      expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription', 'extActionTitle']));
      for (const field of [m.name, m.short_name, m.description, m.action.default_title, ...Object.values<{ description: string }>(m.commands).map((c) => c.description)]) {
        expect(field).toMatch(/^__MSG_\w+__$/);
      }
      for (const locale of locales) for (const key of used) expect([locale, key, messagesOf(locale)[key]?.message]).toEqual([locale, key, expect.any(String)]);
    }
  });

  it('has the same keys, with the same placeholders, in every locale, each described for translators', () => {
    const en = messagesOf('en');
    for (const locale of fs.readdirSync(path.join(root, '_locales'))) {
      const other = messagesOf(locale);
      expect([locale, Object.keys(other).sort()]).toEqual([locale, Object.keys(en).sort()]);
      for (const [key, entry] of Object.entries(other)) {
        // A key per language would work in one and show `$NAME$` or nothing in the other.
        const declared = Object.keys(entry.placeholders ?? {}).map((p) => p.toLowerCase()).sort();
        expect([locale, key, declared]).toEqual([locale, key, Object.keys(en[key]?.placeholders ?? {}).map((p) => p.toLowerCase()).sort()]);
        expect([locale, key, placeholdersIn(entry.message)]).toEqual([locale, key, declared]);
        for (const [name, p] of Object.entries(entry.placeholders ?? {})) expect([locale, key, name, p.content]).toEqual([locale, key, name, en[key]!.placeholders![name]!.content]);
        expect([locale, key, (entry.description ?? '').length > 5, entry.message.trim() !== '']).toEqual([locale, key, true, true]);
      }
    }
  });

  it('names message keys in camelCase after their area', () => {
    for (const key of Object.keys(messagesOf('en'))) expect(key).toMatch(/^(ext|popup|search|settings|import|card|common|subs|sync)[A-Z][A-Za-z0-9]*$/);
  });

  it('carries the package version and icons that exist', () => {
    expect(chrome.version).toBe(pkg.version);
    for (const file of Object.values<string>(chrome.icons)) expect(fs.existsSync(path.join(root, file))).toBe(true);
    expect(chrome.action.default_popup).toBe('popup.html');
  });
});
