import type { CasePoints, CaseScorecard, CaseTrend } from '../../../server/src/contract/case-stats.ts';
import { getJson, withQuery } from './http';

// 民情 oversight for leaders and admins: the caller's region unless one is named.

export type { CasePointProperties, CasePoints, CaseScorecard, CaseTrend, CaseTrendWeek, GridScore } from '../../../server/src/contract/case-stats.ts';

/** The period asked for: China dates (YYYY-MM-DD); the server fills what is left out (the last 90 days). */
export interface CaseStatsPeriodQuery {
  region?: string;
  from?: string;
  to?: string;
}

export function getCaseScorecard(query: CaseStatsPeriodQuery, signal?: AbortSignal): Promise<CaseScorecard> {
  return getJson<CaseScorecard>(withQuery('/api/case-stats/scorecard', { ...query }), signal);
}

/** The scorecard as a CSV attachment: a plain link downloads it with the session cookie (recorded in the audit log). */
export function caseScorecardCsvUrl(query: CaseStatsPeriodQuery): string {
  return withQuery('/api/case-stats/scorecard', { ...query, format: 'csv' });
}

export function getCasePoints(query: CaseStatsPeriodQuery, signal?: AbortSignal): Promise<CasePoints> {
  return getJson<CasePoints>(withQuery('/api/case-stats/cases', { ...query }), signal);
}

export function getCaseTrend(query: { region?: string; weeks?: number }, signal?: AbortSignal): Promise<CaseTrend> {
  return getJson<CaseTrend>(withQuery('/api/case-stats/trend', { ...query }), signal);
}
export type { CaseStatus } from '../../../server/src/contract/cases.ts';
