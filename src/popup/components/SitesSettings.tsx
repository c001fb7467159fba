import { useEffect, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import { StatusLine } from './StatusLine';
import { sitePattern } from '../../shared/match-pattern';
import { t } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';

/** Turns what the user typed ("conf.example.org", a full URL) into a site pattern, or null. */
export function patternFromInput(input: string): string | null {
  const text = input.trim();
  if (!text || /\s/.test(text)) return null;
  const url = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  const pattern = sitePattern(url);
  if (!pattern) return null;
  const host = new URL(url).hostname;
  return host.includes('.') || host === 'localhost' ? pattern : null;
}

const hostOf = (pattern: string) => pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '');

/** Settings → Sites: the sites the user enabled, a way to add one, and revoke each. */
export function SitesSettings() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState('');

  const refresh = async () => {
    const reply = await callBackground('listSites', {});
    if (reply.ok) setSites(reply.value);
    else setMessage(reply.error);
  };
  useEffect(() => {
    void refresh();
    // The worker registers a site when its permission arrives, even if this page closed meanwhile.
    const onChange = () => void refresh();
    browser.permissions.onAdded.addListener(onChange);
    browser.permissions.onRemoved.addListener(onChange);
    return () => {
      browser.permissions.onAdded.removeListener(onChange);
      browser.permissions.onRemoved.removeListener(onChange);
    };
  }, []);

  const add = (e: Event) => {
    e.preventDefault();
    const pattern = patternFromInput(draft);
    if (!pattern) return setMessage(t('settingsSiteInvalid'));
    // No await before request: browsers honour it only inside the user's gesture.
    void browser.permissions.request({ origins: [pattern] }).then(async (granted) => {
      if (!granted) return setMessage(t('popupSiteDenied', hostOf(pattern)));
      const reply = await callBackground('enableSite', { pattern });
      if (!reply.ok) return setMessage(reply.error);
      setSites(reply.value);
      setDraft('');
      setMessage(t('popupSiteEnabled', hostOf(pattern)));
    });
  };

  const remove = async (pattern: string) => {
    const reply = await callBackground('disableSite', { pattern });
    if (!reply.ok) return setMessage(reply.error);
    setSites(reply.value);
    setMessage(t('popupSiteDisabled', hostOf(pattern)));
  };

  return (
    <section class="sites" aria-labelledby="sites-title">
      <h2 id="sites-title" class="section-title">{t('settingsSitesTitle')}</h2>
      {sites && sites.length === 0 && <p class="muted">{t('settingsSitesNone')}</p>}
      {sites && sites.length > 0 && (
        <ul class="site-list" aria-label={t('settingsSitesList')}>
          {sites.map((p) => (
            <li key={p} class="row">
              <span>{hostOf(p)}</span>
              <button type="button" class="button button--quiet" onClick={() => remove(p)} aria-label={t('settingsSiteRevokeLabel', hostOf(p))}>
                {t('settingsSiteRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="row" onSubmit={add}>
        <label class="visually-hidden" for="add-site">
          {t('settingsSiteToEnable')}
        </label>
        <input
          id="add-site"
          class="search"
          type="text"
          inputMode="url"
          placeholder={t('settingsSiteExample')}
          value={draft}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="button">
          {t('settingsEnableSite')}
        </button>
      </form>
      <StatusLine message={message} />
    </section>
  );
}
