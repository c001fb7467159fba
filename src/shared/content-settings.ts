/**
 * The user's detection settings, read from `storage.local` (the settings
 * page writes them under {@link SETTINGS_KEY}). Values from storage are
 * checked like any other input.
 */

export interface ContentSettings {
  /** Mark found names on the page. */
  marks: boolean;
  /**
   * Private mode: mark nothing (marks are visible to the page's scripts and
   * would tell it which names are in the archive) and show the card only for
   * the name under the pointer or the keyboard focus.
   */
  privacy: boolean;
  /** How long the pointer rests on a name before its card opens. */
  intentDelayMs: number;
  /** How marks look: a light tint with a dotted underline, or the underline alone. */
  markStyle: MarkStyle;
}

export const MARK_STYLES = ['tint', 'underline'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];

export const SETTINGS_KEY = 'contentSettings';

export const DEFAULT_SETTINGS: Readonly<ContentSettings> = { marks: true, privacy: false, intentDelayMs: 300, markStyle: 'tint' };

/** Settings from an untrusted value; anything missing or malformed keeps its default. */
export function parseSettings(raw: unknown): ContentSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const delay = r['intentDelayMs'];
  return {
    marks: typeof r['marks'] === 'boolean' ? r['marks'] : DEFAULT_SETTINGS.marks,
    privacy: typeof r['privacy'] === 'boolean' ? r['privacy'] : DEFAULT_SETTINGS.privacy,
    intentDelayMs:
      typeof delay === 'number' && Number.isFinite(delay) ? Math.min(2000, Math.max(0, delay)) : DEFAULT_SETTINGS.intentDelayMs,
    markStyle: (MARK_STYLES as readonly unknown[]).includes(r['markStyle']) ? (r['markStyle'] as MarkStyle) : DEFAULT_SETTINGS.markStyle,
  };
}

/** Whether names are painted on the page. */
export const showsMarks = (s: ContentSettings): boolean => s.marks && !s.privacy;
