import { useCallback, useEffect, useState } from 'preact/hooks';
import { callBackground } from '../../shared/messaging';
import type { Counts } from '../../shared/types';
import { SiteAccess } from './SiteAccess';
import { SitesSettings } from './SitesSettings';

type State = { status: 'loading' } | { status: 'ready'; counts: Counts } | { status: 'error'; error: string };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The popup: archive summary, first-run sample archive, and (later) search. */
export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const reply = await callBackground('counts', {});
    setState(reply.ok ? { status: 'ready', counts: reply.value } : { status: 'error', error: reply.error });
  }, []);

  useEffect(() => {
    void refresh().finally(() => {
      // Lets tests and tools know the first real render is done.
      document.body.dataset.ready = '1';
    });
  }, [refresh]);

  const loadSample = async () => {
    setBusy(true);
    const reply = await callBackground('loadSample', {});
    setBusy(false);
    setState(reply.ok ? { status: 'ready', counts: reply.value } : { status: 'error', error: reply.error });
  };

  return (
    <main class="app">
      <header class="app__header">
        <img src="icons/icon-32.png" alt="" />
        <h1 class="app__title">Podium</h1>
      </header>
      {state.status === 'loading' && <p class="app__counts">Opening your archive…</p>}
      {state.status === 'error' && (
        <p class="app__error" role="alert">
          {state.error}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <p class="app__counts" data-testid="counts" aria-live="polite">
            {plural(state.counts.speakers, 'speaker', 'speakers')}, {plural(state.counts.talks, 'talk', 'talks')},{' '}
            {plural(state.counts.events, 'event', 'events')} in your archive
          </p>
          {state.counts.talks === 0 && (
            <section class="empty" aria-label="Get started">
              <p>Your archive is empty. Load a few sample speakers to see Podium at work on event pages.</p>
              <button class="button" type="button" onClick={loadSample} disabled={busy}>
                {busy ? 'Loading…' : 'Load sample archive'}
              </button>
            </section>
          )}
        </>
      )}
      <SiteAccess />
      <SitesSettings />
    </main>
  );
}
