/**
 * A tiny element builder for the hover card (Preact alone would nearly
 * double card.js, which pages load on first hover). Text children become text nodes and
 * attributes are set one by one: no string of page or archive data is ever
 * parsed as HTML.
 */

export type Child = Node | string | number | false | null | undefined | Child[];
export type Props = Record<string, string | number | false | undefined | ((e: Event) => void)>;

function append(parent: Element, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) for (const c of child) append(parent, c);
  else parent.append(typeof child === 'object' ? child : String(child));
}

/** `h('p', { class: 'x' }, 'text', otherNode)`; `on*` props become listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v !== false && v !== undefined) el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}
