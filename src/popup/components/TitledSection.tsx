import type { ComponentChildren } from 'preact';

/** A section named by its own heading, so screen readers list it by that name. */
export function TitledSection({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} class="section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** A titled section holding one list, `children` drawing each item; left out when there are no items. */
export function TitledList<T>({ id, title, items, ordered, listClass, children }: { id: string; title: string; items: readonly T[]; ordered?: boolean; listClass: string; children: (item: T, index: number) => ComponentChildren }) {
  if (items.length === 0) return null;
  const List = ordered ? 'ol' : 'ul';
  return (
    <TitledSection id={id} title={title}>
      <List class={listClass}>{items.map((item, i) => children(item, i))}</List>
    </TitledSection>
  );
}
