import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const SQL = {
  bulkLoad: sqlFile(import.meta.url, 'bulk-load.sql'),
  rebuild: sqlFile(import.meta.url, 'rebuild-coverage.sql'),
  rebuildFigures: sqlFile(import.meta.url, 'rebuild-coverage-figures.sql'),
};

/**
 * Bulk loaders set this (`set local wgdt.bulk_load = 'on'`, or bulkLoad()) so the coverage
 * triggers skip their per-statement upkeep; they call rebuildCoverage() once at the end instead.
 */
export const BULK_LOAD_SETTING = 'wgdt.bulk_load';

// The radii and cell sizes the aggregates are kept for are the ones the API offers.
export { HEATMAP_CELL_SIZES, REACH_RADII, type HeatmapCellSize, type ReachRadius } from '../contract/coverage.ts';

/** Turns the coverage triggers off for the rest of this transaction. */
export async function bulkLoad(tx: Queryable): Promise<void> {
  await tx.query(SQL.bulkLoad);
}

/** Recomputes every coverage aggregate from the stored rows (after a bulk load). */
export async function rebuildCoverage(db: Queryable): Promise<void> {
  await db.query(SQL.rebuild);
}

/** The same, for a loader that already set every member's grid_id and reach_m (member_reach_recount). */
export async function rebuildCoverageFigures(db: Queryable): Promise<void> {
  await db.query(SQL.rebuildFigures);
}
