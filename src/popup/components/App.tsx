import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import { callBackground } from '../../shared/messaging';
import { t, tn } from '../../shared/i18n';
import type { Counts } from '../../shared/types';
import { applyTheme, loadTheme } from '../preferences';
import { isFullPage, type Route, routeFromSearch, searchFor } from '../route';
import type { ViewProps } from './common';
import { EventPage } from './EventPage';
import { Search } from './Search';
import { Settings } from './Settings';
import { SiteAccess } from './SiteAccess';
import { SpeakerView } from './SpeakerView';
import { TalkPage } from './TalkPage';

type State = { status: 'loading' } | { status: 'ready'; counts: Counts } | { status: 'error'; error: string };
interface Notice {
  text: string;
  undoId?: string;
}

/**
 * The popup, and the same app as a full page (`popup.html?view=…&full=1`):
 * search first, then speaker, talk and event views, and settings, with a
 * back stack.
 */
export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [stack, setStack] = useState<Route[]>(() => [routeFromSearch(location.search)]);
  const [query, setQuery] = useState(() => {
    const first = routeFromSearch(location.search);
    return first.view === 'home' ? (first.q ?? '') : '';
  });
  const [notice, setNotice] = useState<Notice | null>(null);
  const route = stack[stack.length - 1]!;

  const refresh = useCallback(async () => {
    const reply = await callBackground('counts', {});
    setState(reply.ok ? { status: 'ready', counts: reply.value } : { status: 'error', error: reply.error });
  }, []);

  useEffect(() => {
    void loadTheme().then(applyTheme);
    document.body.classList.toggle('full', isFullPage());
    void refresh().finally(() => {
      // Lets tests and tools know the first real render is done.
      document.body.dataset['ready'] = '1';
    });
  }, [refresh]);

  const go = (r: Route) => {
    setNotice(null);
    setStack((s) => [...s, r]);
  };
  const back = () => {
    setStack((s) => (s.length > 1 ? s.slice(0, -1) : [{ view: 'home' }]));
    void refresh();
  };
  const home = () => {
    setStack([{ view: 'home' }]);
    void refresh();
  };
  const notify = (text: string, undoId?: string) => setNotice(undoId ? { text, undoId } : { text });
  const undo = async () => {
    if (!notice?.undoId) return;
    const r = await callBackground('undo', { id: notice.undoId });
    setNotice({ text: r.ok ? t('popupUndone', r.value.label) : r.error });
    // Views read the archive again after an undo.
    setStack((s) => s.map((x) => ({ ...x })));
    void refresh();
  };

  const openInTab = () => {
    const r: Route = route.view === 'home' && query ? { view: 'home', q: query } : route;
    void browser.tabs.create({ url: browser.runtime.getURL(`popup.html${searchFor(r)}`) });
    if (!isFullPage()) window.close();
  };

  const loadSample = async () => {
    setBusy(true);
    const reply = await callBackground('loadSample', {});
    setBusy(false);
    setState(reply.ok ? { status: 'ready', counts: reply.value } : { status: 'error', error: reply.error });
  };

  // Esc in a view goes back, as the search box's Esc clears and then closes.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || route.view === 'home' || e.defaultPrevented) return;
      e.preventDefault();
      back();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const props: ViewProps = { go, back, notify };
  const key = stack.length;
  return (
    <main class="app">
      <header class="app__header">
        {route.view !== 'home' ? (
          <button type="button" class="icon-button" onClick={back} aria-label={t('popupBack')}>
            ←
          </button>
        ) : (
          <img src="icons/icon-32.png" alt="" />
        )}
        <h1 class="app__title">
          {route.view === 'home' ? (
            t('extName')
          ) : (
            <button type="button" class="link link--plain" onClick={home}>
              {t('extName')}
            </button>
          )}
        </h1>
        <span class="spacer" />
        {!isFullPage() && (
          <button type="button" class="button button--quiet button--small" onClick={openInTab}>
            {t('popupOpenInTab')}
          </button>
        )}
        {route.view !== 'settings' && (
          <button type="button" class="icon-button" onClick={() => go({ view: 'settings' })} aria-label={t('popupSettings')} title={t('popupSettings')}>
            ⚙
          </button>
        )}
      </header>
      {notice && (
        <p class="notice" role="status">
          {notice.text}{' '}
          {notice.undoId && (
            <button type="button" class="button button--small" onClick={undo}>
              {t('popupUndo')}
            </button>
          )}
        </p>
      )}
      {route.view === 'home' && (
        <>
          <Search query={query} onQuery={setQuery} onOpen={go} onClose={() => window.close()} />
          {state.status === 'loading' && <p class="app__counts">{t('popupOpening')}</p>}
          {state.status === 'error' && (
            <p class="app__error" role="alert">
              {state.error}
            </p>
          )}
          {state.status === 'ready' && !query && (
            <>
              <p class="app__counts" data-testid="counts" aria-live="polite">
                {t(
                  'popupCounts',
                  tn('popupCountSpeakers', state.counts.speakers),
                  tn('popupCountTalks', state.counts.talks),
                  tn('popupCountEvents', state.counts.events),
                )}
              </p>
              {state.counts.talks === 0 && (
                <section class="empty" aria-label={t('popupGetStarted')}>
                  <p>{t('popupEmpty')}</p>
                  <button class="button" type="button" onClick={loadSample} disabled={busy}>
                    {busy ? t('popupLoadingSample') : t('popupLoadSample')}
                  </button>
                </section>
              )}
            </>
          )}
          {!query && <SiteAccess />}
        </>
      )}
      {route.view === 'speaker' && <SpeakerView key={`${key}:${route.id}`} id={route.id} {...props} />}
      {route.view === 'talk' && <TalkPage key={`${key}:${route.id}`} id={route.id} {...props} />}
      {route.view === 'event' && <EventPage key={`${key}:${route.id}`} id={route.id} {...props} />}
      {route.view === 'settings' && <Settings {...props} onArchiveChanged={() => void refresh()} />}
    </main>
  );
}
