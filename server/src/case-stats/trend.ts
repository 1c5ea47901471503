import type { CaseTrend } from '../contract/case-stats.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { chinaDate, weekStarts } from './china-dates.ts';

const TREND_SQL = sqlFile(import.meta.url, 'trend.sql');

interface WeekRow {
  week_start: Date | string;
  reported: number;
  closed: number;
  overdue: number;
}

/** Reported, closed and overdue cases per week for the last `weeks` weeks, the current week last. */
export async function caseTrend(db: Queryable, region: string, weeks: number, now: Date): Promise<CaseTrend> {
  const starts = weekStarts(now, weeks);
  const rows = await db.query<WeekRow>(TREND_SQL, [region, starts.map((d) => d.toISOString()), now]);
  return {
    region,
    weeks: rows.map((r) => ({ week: chinaDate(new Date(r.week_start)), reported: r.reported, closed: r.closed, overdue: r.overdue })),
  };
}
