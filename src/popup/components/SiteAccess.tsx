import { useEffect, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import { StatusLine } from './StatusLine';
import { matchesPattern, sitePattern } from '../../shared/match-pattern';
import type { TabConference } from '../../shared/messages';
import { t } from '../../shared/i18n';
import { callBackground } from '../../shared/messaging';
import { subscribedMessage, subscribeWithPermission } from '../../shared/subscribe';

interface TabInfo {
  id: number;
  url: string;
  host: string;
  pattern: string;
}

type Access = 'listed' | 'enabled' | 'off' | 'unsupported';

/** The tab the popup acts on: `?tab=N` when opened as a full page for a tab, else the active tab. */
async function targetTab(): Promise<TabInfo | null> {
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  const tab = Number.isInteger(requested) && requested > 0
    ? await browser.tabs.get(requested).catch(() => undefined)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab?.id || !tab.url) return null;
  const pattern = sitePattern(tab.url);
  if (!pattern) return null;
  return { id: tab.id, url: tab.url, host: new URL(tab.url).hostname, pattern };
}

function listedPatterns(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
}

/** "This site": whether Podium runs on the current tab's site, and the controls to change that. */
export function SiteAccess({ onSitesChanged }: { onSitesChanged?: (sites: string[]) => void }) {
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  const [access, setAccess] = useState<Access>('unsupported');
  const [message, setMessage] = useState<string>('');
  const [conference, setConference] = useState<TabConference | null>(null);
  const [subscribing, setSubscribing] = useState(false);

  useEffect(() => {
    void (async () => {
      const t = await targetTab();
      setTab(t);
      if (!t) return setAccess('unsupported');
      void callBackground('tabConference', { tabId: t.id }).then((r) => r.ok && setConference(r.value));
      if (listedPatterns().some((p) => matchesPattern(t.url, p))) return setAccess('listed');
      const sites = await callBackground('listSites', {});
      setAccess(sites.ok && sites.value.includes(t.pattern) ? 'enabled' : 'off');
    })();
  }, []);

  if (tab === undefined) return null;

  const enable = () => {
    if (!tab) return;
    // Firefox only honours permissions.request inside the click handler itself: no await before it.
    void browser.permissions.request({ origins: [tab.pattern] }).then(async (granted) => {
      if (!granted) return setMessage(t('popupSiteDenied', tab.host));
      const reply = await callBackground('enableSite', { pattern: tab.pattern });
      if (!reply.ok) return setMessage(reply.error);
      setAccess('enabled');
      setMessage(t('popupSiteEnabledHere', tab.host));
      onSitesChanged?.(reply.value);
    });
  };

  const disable = async () => {
    if (!tab) return;
    const reply = await callBackground('disableSite', { pattern: tab.pattern });
    if (!reply.ok) return setMessage(reply.error);
    setAccess('off');
    setMessage(t('popupSiteDisabled', tab.host));
    onSitesChanged?.(reply.value);
  };

  const scan = async () => {
    if (!tab) return;
    const reply = await callBackground('scanTab', { tabId: tab.id });
    setMessage(reply.ok ? t('popupSiteScanned') : reply.error);
  };

  /** "Subscribe": the conference's schedule, fetched now and again every day (Settings → Subscriptions). */
  const subscribe = () => {
    if (!conference) return;
    setSubscribing(true);
    setMessage(t('subsFetching', conference.url));
    void subscribeWithPermission(conference.url).then((r) => {
      setSubscribing(false);
      setMessage(subscribedMessage(r));
    });
  };

  /** The import page for this tab: "Import this page" (activeTab from this click) and "Import this conference". */
  const openImport = () => {
    if (tab) void browser.tabs.create({ url: browser.runtime.getURL(`import.html?tab=${tab.id}`) });
  };

  return (
    <section class="site" aria-labelledby="site-title">
      <h2 id="site-title" class="section-title">{t('popupSiteTitle')}</h2>
      {access === 'unsupported' && <p class="muted">{t('popupSiteUnsupported')}</p>}
      {access === 'listed' && <p class="muted">{t('popupSiteListed', tab?.host ?? '')}</p>}
      {access === 'enabled' && (
        <div class="row">
          <p class="muted">{t('popupSiteEnabledOn', tab?.host ?? '')}</p>
          <button type="button" class="button button--quiet" onClick={disable}>
            {t('popupSiteDisable')}
          </button>
        </div>
      )}
      {access === 'off' && (
        <div class="row">
          <button type="button" class="button" onClick={enable}>
            {t('popupSiteEnable', tab?.host ?? '')}
          </button>
          <button type="button" class="button button--quiet" onClick={scan}>
            {t('popupSiteScanOnce')}
          </button>
        </div>
      )}
      {tab && (
        <div class="row">
          <button type="button" class="button button--quiet" data-testid="open-import" onClick={openImport}>
            {conference ? t('popupSiteImportConference', conference.name) : t('popupSiteImportPage')}
          </button>
          {conference && (
            <button type="button" class="button button--quiet" data-testid="subscribe-conference" title={t('subsSubscribeHint')} disabled={subscribing} onClick={subscribe}>
              {t('subsSubscribe')}
            </button>
          )}
        </div>
      )}
      <StatusLine message={message} />
    </section>
  );
}
