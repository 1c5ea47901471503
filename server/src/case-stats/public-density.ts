import type { CaseDensity } from '../contract/case-stats.ts';
import type { HeatmapCellSize } from '../contract/coverage.ts';
import { hexagonCells, type HeatmapFigures } from '../coverage/heatmap-cells.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { JsonText } from '../http/json.ts';

const DENSITY_SQL = sqlFile(import.meta.url, 'public-density.sql');

/** The public density counts cases closed within this many days. */
export const DENSITY_DAYS = 365;

export interface DensityRequest {
  /** A region code, '' for everything the platform holds. */
  region: string;
  category: string | null;
  cellMeters: HeatmapCellSize;
  minCount: number;
}

/**
 * Closed cases per fixed cell of the whole region, laid and shown exactly as the member heatmap
 * (cells under minCount withheld, counted in `suppressed`): JSON text.
 */
export async function caseDensityJson(db: Queryable, d: DensityRequest, now: Date): Promise<JsonText<CaseDensity>> {
  const since = new Date(now.getTime() - DENSITY_DAYS * 86_400_000);
  const [f] = await db.query<HeatmapFigures>(DENSITY_SQL, [d.region, d.category, d.cellMeters, d.minCount, since, now]);
  const head = JSON.stringify({
    region: d.region,
    category: d.category,
    since: since.toISOString(),
    cellMeters: d.cellMeters,
    minCount: d.minCount,
    suppressed: f?.suppressed ?? 0,
    total: f?.total ?? 0,
  });
  return `${head.slice(0, -1)},"cells":${hexagonCells(f, d.cellMeters)}}`;
}
