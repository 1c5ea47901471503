// 民情 oversight (督查考核): how each grid answers the cases residents report, for leaders and
// admins (/api/case-stats/…), and the one public view, a k-suppressed density of closed cases.
// Part of the contract: no server dependencies.

import type { Feature, FeatureCollection, Point } from 'geojson';
import type { CaseStatus } from './cases.ts';
import type { CoverageHeatmap } from './coverage.ts';

/** The period every staff figure covers: cases reported from `from` to `to` (China dates, both included). */
export interface CaseStatsPeriod {
  region: string;
  from: string;
  to: string;
}

/** What the staff map shows of a case: no phone, no description, no note. */
export interface CasePointProperties {
  id: number;
  code: string;
  status: CaseStatus;
  category: string;
  categoryName: string;
  gridCode: string;
  gridName: string;
  /** Past the deadline that applies to its status now. */
  overdue: boolean;
  createdAt: string;
}

/** GET /api/case-stats/cases: the newest cases of the period, at most `limit` of `total`. */
export interface CasePoints extends CaseStatsPeriod, FeatureCollection<Point, CasePointProperties> {
  features: Feature<Point, CasePointProperties>[];
  total: number;
  limit: number;
}

/** One grid's scorecard: rates are 0–1 (null when nothing was due yet), counted from the case events. */
export interface GridScore {
  gridId: number;
  gridCode: string;
  gridName: string;
  communityCode: string;
  communityName: string;
  /** Cases reported in the period (duplicates merged into another case not counted). */
  cases: number;
  /** Cases whose 受理 was due by now or answered. */
  acceptDue: number;
  /** Of those, answered (accepted, accepted on transfer, or refused with a reason) by the 受理 deadline. */
  acceptedOnTime: number;
  acceptedOnTimeRate: number | null;
  /** Cases (not refused) whose 办结 was due by now or that were closed. */
  closeDue: number;
  /** Of those, closed by the 办结 deadline. */
  closedOnTime: number;
  closedOnTimeRate: number | null;
  /** Median hours from the report to its first closure, one decimal; null when none closed. */
  medianHoursToClose: number | null;
  /** Cases the resident rated. */
  rated: number;
  /** Of those, 满意 or 基本满意. */
  satisfied: number;
  satisfactionRate: number | null;
  /** Open cases of the grid past their deadline now (whenever reported). */
  overdueNow: number;
}

/** GET /api/case-stats/scorecard: every current grid of the region, in code order, and the region's totals. */
export interface CaseScorecard extends CaseStatsPeriod {
  grids: GridScore[];
  totals: Omit<GridScore, 'gridId' | 'gridCode' | 'gridName' | 'communityCode' | 'communityName'>;
}

/** One ISO week (Monday 00:00 China time) of the trend. */
export interface CaseTrendWeek {
  /** The Monday, YYYY-MM-DD. */
  week: string;
  /** Cases reported that week. */
  reported: number;
  /** Cases first closed that week. */
  closed: number;
  /** Cases whose 办结 deadline fell that week (and has passed) without a closure by it. */
  overdue: number;
}

/** GET /api/case-stats/trend: the last `weeks` weeks, oldest first, the current week last. */
export interface CaseTrend {
  region: string;
  weeks: CaseTrendWeek[];
}

/**
 * GET /api/case-stats/public-density (public): closed cases of the last 365 days per fixed
 * hexagon cell, the member heatmap's cells and rule: cells under `minCount` are withheld and
 * only counted in `suppressed`. Never a case's point.
 */
export interface CaseDensity extends CoverageHeatmap {
  /** The category counted, or null for all. */
  category: string | null;
  /** Closed since (ISO). */
  since: string;
}

export const CASE_TREND_WEEKS_MAX = 52;
