/**
 * Following the archive's committed writes, for structures derived from it
 * (the matcher, the search index) that update themselves from what was
 * written instead of reading the archive again.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

/** Runs `fn` once the write's transaction commits (never when it aborts). */
export function afterCommit(trans: unknown, fn: () => void): void {
  const tx = trans as Partial<IDBTransaction> | undefined;
  if (typeof tx?.addEventListener === 'function') tx.addEventListener('complete', fn, { once: true });
  else fn();
}

/**
 * A DBCore middleware calling `committed(req, table)` after each write to
 * one of the tables `follows` accepts has committed, and `written(req,
 * table)`, when given, as the write is made (its transaction may still
 * abort). Install it with `db.use()` before the database opens: only a
 * closed database can be followed.
 */
export function followWrites(
  name: string,
  follows: (table: string) => boolean,
  committed: (req: DBCoreMutateRequest, table: string) => void,
  written?: (req: DBCoreMutateRequest, table: string) => void,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        if (!follows(tableName)) return table;
        return {
          ...table,
          mutate: async (req: DBCoreMutateRequest) => {
            written?.(req, tableName);
            const res = await table.mutate(req);
            afterCommit(req.trans, () => committed(req, tableName));
            return res;
          },
        };
      },
    }),
  };
}
