/** The popup's views and their URLs (`popup.html?view=speaker&id=…`, as the worker's openSpeaker opens them). */
export type Route =
  | { view: 'home'; q?: string }
  | { view: 'speaker'; id: string }
  | { view: 'talk'; id: string }
  | { view: 'event'; id: string }
  | { view: 'settings' };

/** The route a URL's query asks for; home when it names none (or an incomplete one). */
export function routeFromSearch(search: string): Route {
  const p = new URLSearchParams(search);
  const view = p.get('view');
  const id = p.get('id') ?? '';
  if ((view === 'speaker' || view === 'talk' || view === 'event') && id) return { view, id };
  if (view === 'settings') return { view };
  const q = p.get('q');
  return q ? { view: 'home', q } : { view: 'home' };
}

/** The query string that opens `route` as a full page. */
export function searchFor(route: Route): string {
  const p = new URLSearchParams();
  p.set('view', route.view);
  if ('id' in route) p.set('id', route.id);
  if (route.view === 'home' && route.q) p.set('q', route.q);
  p.set('full', '1');
  return `?${p.toString()}`;
}

/** True when this page is the full-page app (a tab), not the toolbar popup. */
export const isFullPage = (): boolean => new URLSearchParams(location.search).get('full') === '1';
