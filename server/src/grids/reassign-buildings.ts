import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const SQL = {
  reassign: sqlFile(import.meta.url, 'reassign-buildings.sql'),
  sync: sqlFile(import.meta.url, 'sync-grid-households.sql'),
};

export interface BuildingGridMove {
  from_id: number | null;
  to_id: number | null;
  buildings: number;
  households: number;
  population: number;
}

/** Keeps building.grid_id current after these grids changed in this transaction; reports what moved. */
export async function reassignBuildings(tx: Queryable, changedGridIds: readonly number[]): Promise<BuildingGridMove[]> {
  return tx.query<BuildingGridMove>(SQL.reassign, [changedGridIds]);
}

/** Sets these grids' households and population to their buildings' sums where their community has buildings. */
export async function syncGridHouseholds(tx: Queryable, gridIds: readonly number[]): Promise<void> {
  await tx.query(SQL.sync, [gridIds]);
}
