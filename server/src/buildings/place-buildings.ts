import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { syncGridHouseholds } from '../grids/reassign-buildings.ts';

const PLACE_BUILDINGS = sqlFile(import.meta.url, 'place-buildings.sql');

/**
 * After buildings were loaded or imported: each building of these communities goes to the grid
 * holding its anchor, and the communities' grids take their households and population from their
 * buildings. Returns how many buildings changed grid.
 */
export async function placeBuildings(tx: Queryable, communityCodes: readonly string[]): Promise<number> {
  const [row] = await tx.query<{ buildings: number; grid_ids: number[] }>(PLACE_BUILDINGS, [[...new Set(communityCodes)]]);
  await syncGridHouseholds(tx, row?.grid_ids ?? []);
  return row?.buildings ?? 0;
}
