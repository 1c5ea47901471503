import type { CaseScorecard, GridScore } from '../contract/case-stats.ts';
import type { CsvCell } from '../contract/csv.ts';
import { toCsv } from '../exports/write-csv.ts';

/** The columns of the download, as the table on the page names them; rates in per cent. */
const COLUMNS: readonly [string, (g: GridScore) => CsvCell][] = [
  ['网格编码', (g) => g.gridCode],
  ['网格名称', (g) => g.gridName],
  ['社区', (g) => g.communityName],
  ['件数', (g) => g.cases],
  ['应受理', (g) => g.acceptDue],
  ['按时受理', (g) => g.acceptedOnTime],
  ['按时受理率(%)', (g) => percent(g.acceptedOnTimeRate)],
  ['应办结', (g) => g.closeDue],
  ['按时办结', (g) => g.closedOnTime],
  ['按时办结率(%)', (g) => percent(g.closedOnTimeRate)],
  ['办结用时中位数(小时)', (g) => g.medianHoursToClose],
  ['已评价', (g) => g.rated],
  ['满意及基本满意', (g) => g.satisfied],
  ['满意率(%)', (g) => percent(g.satisfactionRate)],
  ['当前超期', (g) => g.overdueNow],
];

/** A rate (0–1) as a percentage with one decimal; empty when there is none. */
function percent(rate: number | null): CsvCell {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

/** The scorecard as a CSV file: one row per grid, the same figures as the JSON. */
export function scorecardCsv(card: CaseScorecard): string {
  return toCsv(
    COLUMNS.map(([name]) => name),
    card.grids.map((g) => COLUMNS.map(([, value]) => value(g))),
  );
}
