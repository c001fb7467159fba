/** An import's notes (warnings), folded behind their count; nothing when there are none. */
import { tn } from '../../shared/i18n';

export interface NotesProps {
  warnings: string[];
  /** Lists at most this many (a big save's notes would swamp the page); the count stays the full one. */
  limit?: number;
}

export function Notes({ warnings, limit = Infinity }: NotesProps) {
  if (warnings.length === 0) return null;
  return (
    <details>
      <summary>{tn('importNotes', warnings.length)}</summary>
      <ul>{warnings.slice(0, limit).map((w, i) => <li key={i}>{w}</li>)}</ul>
    </details>
  );
}
