import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const REASSIGN = sqlFile(import.meta.url, 'reassign-cases.sql');

export interface CaseMove {
  from_id: number;
  /** The grid that answers for the cases now; null = their point lies in no current grid: they kept their grid and were escalated to the community. */
  to_id: number | null;
  n: number;
}

/**
 * Keeps the open cases with the grid that holds their point after the given grids changed shape
 * (or were retired) in this transaction, each move an event in the case's history with the
 * changeset's author and time (reassign-cases.sql); reports how many went from which grid to which.
 */
export function reassignCases(tx: Queryable, changedGridIds: readonly number[], changesetId: number): Promise<CaseMove[]> {
  return tx.query<CaseMove>(REASSIGN, [changedGridIds, changesetId]);
}
