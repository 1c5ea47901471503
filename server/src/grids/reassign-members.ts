import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const SQL = {
  find: sqlFile(import.meta.url, 'reassign-find.sql'),
  apply: sqlFile(import.meta.url, 'reassign-apply.sql'),
  parallel: sqlFile(import.meta.url, 'reassign-parallel.sql'),
};

/**
 * From this many changed grids on (an import, a district redrawn), the search for who moves may
 * use parallel workers: a city's 10,000 grids in about half the time on two cores. Below it the
 * workers' start-up would cost more than the join.
 */
export const PARALLEL_FROM_GRIDS = 200;

export interface GridMove {
  kind: 'member' | 'facility';
  /** The grid it was in; null = none. */
  from_id: number | null;
  /** The grid it is in now; null = outside every grid. */
  to_id: number | null;
  n: number;
}

interface Found {
  kind: 'member' | 'facility';
  id: number;
  old: number | null;
  new: number | null;
}

/**
 * Keeps member.grid_id and facility.grid_id current after the given grids changed shape (or were
 * retired) in this transaction, and reports how many moved from which grid to which. The search
 * is read-only (so it may run in parallel); only the rows that move are written.
 */
export async function reassignMembers(tx: Queryable, changedGridIds: readonly number[]): Promise<GridMove[]> {
  const parallel = changedGridIds.length >= PARALLEL_FROM_GRIDS;
  if (parallel) await tx.query(SQL.parallel, [true]);
  const found = await tx.query<Found>(SQL.find, [changedGridIds]);
  if (parallel) await tx.query(SQL.parallel, [false]);
  if (found.length === 0) return [];
  return tx.query<GridMove>(SQL.apply, [found.map((f) => f.kind), found.map((f) => f.id), found.map((f) => f.old), found.map((f) => f.new)]);
}
