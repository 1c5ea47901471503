import type { CasePoints } from '../contract/case-stats.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { JsonText } from '../http/json.ts';
import type { Period } from './period.ts';

const CASE_POINTS_SQL = sqlFile(import.meta.url, 'case-points.sql');

/** The staff map shows at most this many cases (the newest of the period). */
export const CASE_POINTS_MAX = 5000;

/** The period's cases as a GeoJSON FeatureCollection text (no phone, no description). */
export async function casePointsJson(db: Queryable, period: Period, now: Date): Promise<JsonText<CasePoints>> {
  const [row] = await db.query<{ total: number; features: string }>(CASE_POINTS_SQL, [period.region, period.start, period.end, now, CASE_POINTS_MAX]);
  const head = JSON.stringify({ type: 'FeatureCollection', region: period.region, from: period.from, to: period.to, total: row?.total ?? 0, limit: CASE_POINTS_MAX });
  return `${head.slice(0, -1)},"features":${row?.features ?? '[]'}}`;
}
