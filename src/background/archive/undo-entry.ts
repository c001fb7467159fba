/**
 * What the `undo` table stores for one hand change (archive/undo.ts writes
 * and applies it). A module of its own so the database's schema (db.ts) can
 * name the row type without importing undo's code, which imports the database.
 */
import type { PodiumEvent, Speaker, Talk } from '../../shared/types';

export type UndoTables = { speakers: Speaker; talks: Talk; events: PodiumEvent };
export type UndoTableName = keyof UndoTables;

export interface UndoEntry {
  id: string;
  /** What the action was, for the user: "Merge “A” into “B”". */
  label: string;
  createdAt: string;
  /** Records as they were before the action (absent ones were created by it). */
  before: { [T in UndoTableName]: UndoTables[T][] };
  /** Ids the action created: undo deletes them. */
  created: { [T in UndoTableName]: string[] };
  /** `table/id` → `updatedAt` after the action, or null if the action deleted it. */
  after: Record<string, string | null>;
}
