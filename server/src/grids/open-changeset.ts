import type { SessionUser } from '../auth/user.ts';
import type { ChangesetKind } from '../contract/grids.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const SQL = {
  open: sqlFile(import.meta.url, 'open-changeset.sql'),
  current: sqlFile(import.meta.url, 'current-changeset.sql'),
};

/**
 * The changeset of this transaction's save: the one already open (an import saves many grids in
 * one changeset), else a new one. Every grid version written in the transaction names it.
 */
export async function openChangeset(
  tx: Queryable,
  change: { kind: ChangesetKind; note: string; actor: Pick<SessionUser, 'username'>; reverts?: number },
): Promise<number> {
  const [open] = await tx.query<{ id: number | null }>(SQL.current);
  if (open?.id != null) return open.id;
  const [created] = await tx.query<{ id: number }>(SQL.open, [change.kind, change.note, change.actor.username, change.reverts ?? null]);
  return created!.id;
}
