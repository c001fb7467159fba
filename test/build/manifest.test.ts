/**
 * @jest-environment node
 */
import fs from 'node:fs';
import path from 'node:path';
import { manifestFor } from '../../webpack.config';

const root = path.resolve(__dirname, '../..');

describe('per-browser manifests', () => {
  const chrome = manifestFor('chrome') as any;
  const firefox = manifestFor('firefox') as any;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

  it('gives Chrome a service worker and no gecko keys', () => {
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
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

  it('carries the package version and icons that exist', () => {
    expect(chrome.version).toBe(pkg.version);
    for (const file of Object.values<string>(chrome.icons)) expect(fs.existsSync(path.join(root, file))).toBe(true);
    expect(chrome.action.default_popup).toBe('popup.html');
  });
});
