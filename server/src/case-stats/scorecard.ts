import type { CaseScorecard, GridScore } from '../contract/case-stats.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { Period } from './period.ts';

const SCORECARD_SQL = sqlFile(import.meta.url, 'scorecard.sql');

interface ScoreRow {
  grid_id: number;
  grid_code: string;
  grid_name: string;
  community_code: string;
  community_name: string;
  cases: number;
  accept_due: number;
  accepted_on_time: number;
  close_due: number;
  closed_on_time: number;
  median_hours: number | null;
  rated: number;
  satisfied: number;
  overdue_now: number;
}

/** part / whole to 4 decimals; null when nothing was due. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

const oneDecimal = (v: number | null): number | null => (v === null ? null : Math.round(Number(v) * 10) / 10);

function score(r: ScoreRow): GridScore {
  return {
    gridId: r.grid_id,
    gridCode: r.grid_code,
    gridName: r.grid_name,
    communityCode: r.community_code,
    communityName: r.community_name,
    cases: r.cases,
    acceptDue: r.accept_due,
    acceptedOnTime: r.accepted_on_time,
    acceptedOnTimeRate: rate(r.accepted_on_time, r.accept_due),
    closeDue: r.close_due,
    closedOnTime: r.closed_on_time,
    closedOnTimeRate: rate(r.closed_on_time, r.close_due),
    medianHoursToClose: oneDecimal(r.median_hours),
    rated: r.rated,
    satisfied: r.satisfied,
    satisfactionRate: rate(r.satisfied, r.rated),
    overdueNow: r.overdue_now,
  };
}

/** The region's totals: sums of the grids' counts (the median is not a sum: null here). */
function totalsOf(grids: readonly GridScore[]): CaseScorecard['totals'] {
  const sum = (pick: (g: GridScore) => number) => grids.reduce((n, g) => n + pick(g), 0);
  const acceptDue = sum((g) => g.acceptDue);
  const acceptedOnTime = sum((g) => g.acceptedOnTime);
  const closeDue = sum((g) => g.closeDue);
  const closedOnTime = sum((g) => g.closedOnTime);
  const rated = sum((g) => g.rated);
  const satisfied = sum((g) => g.satisfied);
  return {
    cases: sum((g) => g.cases),
    acceptDue,
    acceptedOnTime,
    acceptedOnTimeRate: rate(acceptedOnTime, acceptDue),
    closeDue,
    closedOnTime,
    closedOnTimeRate: rate(closedOnTime, closeDue),
    medianHoursToClose: null,
    rated,
    satisfied,
    satisfactionRate: rate(satisfied, rated),
    overdueNow: sum((g) => g.overdueNow),
  };
}

/** Every current grid of the period's region with its figures (scorecard.sql says how each is counted). */
export async function caseScorecard(db: Queryable, period: Period, now: Date): Promise<CaseScorecard> {
  const rows = await db.query<ScoreRow>(SCORECARD_SQL, [period.region, period.start, period.end, now]);
  const grids = rows.map(score);
  return { region: period.region, from: period.from, to: period.to, grids, totals: totalsOf(grids) };
}
