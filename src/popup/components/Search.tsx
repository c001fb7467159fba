import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit, SearchKind, SearchResults } from '../../shared/messages';
import { formatNumber, type PluralKey, t, tn } from '../../shared/i18n';
import { callDirect, openDirect } from '../direct-call';
import type { Route } from '../route';
import { Highlight } from './Highlight';

const GROUP_TITLES: Record<SearchKind, PluralKey> = {
  speaker: 'searchGroupSpeakers',
  talk: 'searchGroupTalks',
  event: 'searchGroupEvents',
};

/** How soon a search answered while an import is still being indexed is asked again. */
const RETRY_MS = 750;

export interface SearchProps {
  query: string;
  onQuery: (q: string) => void;
  onOpen: (route: Route) => void;
  /** Esc on an empty box: the popup closes. */
  onClose?: () => void;
}

/**
 * The search box (a combobox) and its results (a listbox of options grouped
 * by kind). Focus stays in the box; arrows move the active option
 * (`aria-activedescendant`), Enter opens it, Esc clears, then closes.
 */
export function Search({ query, onQuery, onOpen, onClose }: SearchProps) {
  const [results, setResults] = useState<SearchResults | null>(null);
  const [error, setError] = useState('');
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const painted = useRef(false);

  // Layout effects run right after the render; plain effects wait for the next frame (a frame lost per keystroke).
  useLayoutEffect(() => {
    input.current?.focus();
    // For the bench: when the focused box reached the screen, in ms since the page started loading.
    requestAnimationFrame(() => (document.body.dataset['boxReadyMs'] = String(Math.round(performance.now()))));
  }, []);

  // After the box is on screen: the worker's channel, ready for the first keystroke.
  useEffect(() => openDirect(), []);

  /** Bumped to ask again while the worker is still adding an import to the index. */
  const [again, setAgain] = useState(0);
  const shown = useRef('');
  const asked = useRef('');

  useLayoutEffect(() => {
    const mine = ++seq.current;
    if (!query.trim()) {
      setResults(null);
      return;
    }
    let retry: ReturnType<typeof setTimeout> | undefined;
    // A new query is a keystroke the user waits to see answered; asking again during an import is not.
    const interactive = asked.current !== query;
    asked.current = query;
    void callDirect('search', { query, limit: 8, interactive }).then((reply) => {
      if (mine !== seq.current) return; // an older keystroke's answer
      if (!reply.ok) return setError(reply.error);
      setError('');
      setResults(reply.value);
      if (shown.current !== query) setActive(0); // not when the same query is asked again
      shown.current = query;
      // Answered from the index as it was before an import: the new records arrive soon.
      if (reply.value.updating) retry = setTimeout(() => setAgain((n) => n + 1), RETRY_MS);
    });
    return () => clearTimeout(retry);
  }, [query, again]);

  const hits: SearchHit[] = results?.groups.flatMap((g) => g.hits) ?? [];

  useEffect(() => {
    if (painted.current || hits.length === 0) return;
    painted.current = true;
    // For the bench: when the first results reached the screen, in ms since the page started loading.
    requestAnimationFrame(() => (document.body.dataset['firstResultsMs'] = String(Math.round(performance.now()))));
  });

  useEffect(() => {
    document.getElementById(`hit-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const open = (h: SearchHit) => onOpen({ view: h.kind, id: h.id });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (hits.length === 0) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      const h = hits[active];
      if (h) {
        e.preventDefault();
        open(h);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (query) onQuery('');
      else onClose?.();
    }
  };

  const expanded = hits.length > 0;
  let n = 0;
  return (
    <div class="search-area">
      <label class="visually-hidden" for="search">
        {t('searchLabel')}
      </label>
      <input
        id="search"
        ref={input}
        class="search"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        placeholder={t('searchPlaceholder')}
        aria-controls="results"
        aria-expanded={expanded}
        aria-autocomplete="list"
        aria-activedescendant={expanded ? `hit-${active}` : undefined}
        value={query}
        onInput={(e) => onQuery((e.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p class="app__error" role="alert">
          {error}
        </p>
      )}
      {results?.updating && (
        <p class="search__note" role="status" data-testid="search-updating">
          {t('searchUpdating')}
        </p>
      )}
      <div id="results" role="listbox" aria-label={t('searchResults')} class="results" hidden={!expanded} data-query={results?.query}>
        {results?.groups.map((g) => (
          <div key={g.kind} role="group" aria-labelledby={`group-${g.kind}`} class="results__group">
            <div id={`group-${g.kind}`} role="presentation" class="results__title">
              {tn(GROUP_TITLES[g.kind], g.count)} <span class="results__count">{formatNumber(g.count)}</span>
            </div>
            {g.hits.map((h) => {
              const i = n++;
              return (
                <div
                  key={`${h.kind}:${h.id}`}
                  id={`hit-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={`hit${i === active ? ' hit--active' : ''}`}
                  data-kind={h.kind}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => open(h)}
                  onMouseMove={() => i !== active && setActive(i)}
                >
                  <span class="hit__label">
                    <Highlight text={h.label} marks={h.labelMarks} />
                  </span>
                  {h.detail && (
                    <span class="hit__detail">
                      <Highlight text={h.detail} marks={h.detailMarks} />
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {results && !expanded && query.trim() && (
        <p class="muted" role="status">
          {t('searchNothing', query.trim())}
        </p>
      )}
    </div>
  );
}
