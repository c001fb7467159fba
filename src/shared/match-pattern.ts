/**
 * WebExtension match patterns (`https://*.example.org/*`) for the checks the
 * popup and worker make: is Podium listed for this page, which origin to ask for.
 */

/** Whether `url` is matched by `pattern` (scheme, host with optional `*.`, path glob; any port). */
export function matchesPattern(url: string, pattern: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (pattern === '<all_urls>') return u.protocol === 'http:' || u.protocol === 'https:';
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme === '*' ? !['http:', 'https:'].includes(u.protocol) : u.protocol !== `${scheme}:`) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (u.hostname !== base && !u.hostname.endsWith(`.${base}`)) return false;
    } else if (u.hostname !== host) return false;
  }
  const re = new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(u.pathname + u.search);
}

/** The per-site pattern Podium asks for, e.g. `https://conf.example.org/*`; null for non-web pages. */
export function sitePattern(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** A pattern is a single web origin Podium may be enabled on (no wildcards in the host). */
export function isSitePattern(pattern: string): boolean {
  return /^https?:\/\/[a-z0-9.-]+\/\*$/i.test(pattern) && !pattern.includes('*.');
}
