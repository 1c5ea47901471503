import { Router } from 'express';
import type { Clock } from '../cases/clock.ts';
import type { Database } from '../db/database.ts';

export interface CaseStatsOptions {
  clock: Clock;
  minCellCount: number;
}

/** 民情 oversight: cases on the map for staff, per-grid scorecards, weekly trend, the public density. */
export function caseStatsRoutes(_db: Database, _options: CaseStatsOptions): Router {
  return Router();
}
