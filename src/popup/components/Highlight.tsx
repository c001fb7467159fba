import type { ComponentChildren } from 'preact';

/** `text` with the given `[start, end)` ranges wrapped in `<mark>`: text nodes and elements, never HTML. */
export function Highlight({ text, marks }: { text: string; marks: readonly (readonly [number, number])[] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
