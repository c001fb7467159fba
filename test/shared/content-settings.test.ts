import { setMarkStyle, styleScope } from '../../src/content/detect/highlight';
import { DEFAULT_SETTINGS, parseSettings, showsMarks } from '../../src/shared/content-settings';

describe('content settings', () => {
  it('keeps defaults for anything missing or malformed', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ marks: 'yes', markStyle: 'neon', intentDelayMs: 1e9 })).toEqual({ ...DEFAULT_SETTINGS, intentDelayMs: 2000 });
    expect(parseSettings({ markStyle: 'underline' }).markStyle).toBe('underline');
  });

  it('marks nothing in private mode or with marks off', () => {
    expect(showsMarks(DEFAULT_SETTINGS)).toBe(true);
    expect(showsMarks({ ...DEFAULT_SETTINGS, privacy: true })).toBe(false);
    expect(showsMarks({ ...DEFAULT_SETTINGS, marks: false })).toBe(false);
  });

  it('restyles marks already on the page when the highlight style changes', () => {
    // jsdom has no constructable adopted sheets, so the <style> fallback is used: the same path Firefox takes.
    styleScope(document);
    const style = [...document.head.querySelectorAll('style')].find((s) => s.textContent?.includes('podium-speaker'))!;
    expect(style.textContent).toContain('background-color');
    setMarkStyle('underline');
    expect(style.textContent).not.toMatch(/::highlight\(podium-speaker\)\{background-color/);
    expect(style.textContent).toContain('underline dotted');
    setMarkStyle('tint');
    expect(style.textContent).toMatch(/::highlight\(podium-speaker\)\{background-color/);
  });
});
