/**
 * Contact details in CV headers and talk pages. Public links are kept and
 * classified; e-mail addresses become a hashed identifier (never a link);
 * phone numbers are recognised only so they can be dropped.
 */
import type { Link, LinkKind } from '../../types';
import { trimChars } from './text-utils';

type DraftLink = Omit<Link, 'sources'>;

const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,5}/gu;
const URL_RE = /\bhttps?:\/\/[^\s<>"'()\][]{1,1000}/gi;
/** A bare domain such as "angelofailla.com" or "github.com/pallotron". */
const BARE_DOMAIN =
  /(?<![@\w./-])(?:www\.)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,3}\.(?:com|org|net|io|dev|me|info|eu|ie|it|uk|de|fr|es|si|nl|app|tech|page|site|blog|xyz|co|social|cloud)\b(?:\/[^\s<>"'()\][,]{0,300})?/gi;
/** Phone-number candidates: a digit run with spaces, dots, dashes or parentheses (checked by {@link isPhone}). */
const PHONE = /(?:\+|\(\+?)?\d[\d ()./-]{5,22}\d/g;

/** A candidate is a phone number when it has 8+ digits and is not a year range such as "1999 - 2005". */
function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 8) return false;
  return !/^(?:19|20)\d\d\D{1,5}(?:19|20)\d\d$/.test(candidate.trim());
}

/** E-mail addresses in `text`, lower-cased. */
export function findEmails(text: string): string[] {
  return [...new Set(text.match(EMAIL)?.map((e) => trimChars(e, '.').toLowerCase()) ?? [])];
}

/** Removes e-mail addresses and phone numbers, so the rest can be read as words. */
export function stripContactNoise(text: string): string {
  return text.replace(EMAIL, ' ').replace(PHONE, (m) => (isPhone(m) ? ' ' : m));
}

/** True when `text` holds something that looks like a phone number. */
export function hasPhone(text: string): boolean {
  return (text.match(PHONE) ?? []).some(isPhone);
}

/** Classifies a URL by host: GitHub, LinkedIn, Mastodon, slides, video… */
export function linkKind(url: string): LinkKind {
  let host = '';
  let path = '';
  try {
    const u = new URL(url);
    host = u.hostname.replace(/^www\./, '').toLowerCase();
    path = u.pathname;
  } catch {
    return 'other';
  }
  if (host === 'github.com') return 'github';
  if (host === 'gitlab.com') return 'gitlab';
  if (host.endsWith('linkedin.com')) return 'linkedin';
  if (host === 'twitter.com' || host === 'x.com') return 'twitter';
  if (/^(?:mastodon\.|fosstodon\.org|hachyderm\.io|infosec\.exchange)/.test(host) || /^\/@[\w.]+$/.test(path)) return 'mastodon';
  if (/(?:youtube\.com|youtu\.be|vimeo\.com|pyvideo\.org|media\.ccc\.de|peertube|dailymotion)/.test(host)) return 'video';
  if (/(?:speakerdeck\.com|slideshare\.net|slides\.com|docs\.google\.com)/.test(host) || /\.(?:pdf|pptx?|key)$/i.test(path)) return 'slides';
  if (/(?:eventbrite|meetup\.com|tito\.io|ti\.to|lu\.ma)/.test(host)) return 'rsvp';
  return 'other';
}

function normaliseUrl(raw: string): string | undefined {
  const cleaned = trimChars(raw, '.,;:)]>*_');
  const withScheme = /^https?:\/\//i.test(cleaned) ? cleaned : `https://${cleaned}`;
  try {
    const u = new URL(withScheme);
    if (!u.hostname.includes('.')) return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/**
 * Public links in a piece of text: full URLs and bare domains. Domains of
 * e-mail addresses are skipped. The first plain personal site becomes the
 * homepage when `homepageCandidate` is set.
 */
export function findLinks(text: string, options: { homepageCandidate?: boolean } = {}): DraftLink[] {
  const withoutEmails = text.replace(EMAIL, ' ');
  const seen = new Set<string>();
  const out: DraftLink[] = [];
  const add = (raw: string) => {
    const url = normaliseUrl(raw);
    if (!url || seen.has(url)) return;
    seen.add(url);
    let kind = linkKind(url);
    if (kind === 'other' && options.homepageCandidate && !out.some((l) => l.kind === 'homepage') && isRootish(url)) kind = 'homepage';
    out.push({ kind, url });
  };
  const full = withoutEmails.match(URL_RE) ?? [];
  full.forEach(add);
  const rest = withoutEmails.replace(URL_RE, ' ');
  (rest.match(BARE_DOMAIN) ?? []).forEach(add);
  return out;
}

function isRootish(url: string): boolean {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).length <= 1;
  } catch {
    return false;
  }
}
