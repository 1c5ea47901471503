import { Router } from 'express';
import type { CaseFeed } from '../cases/case-feed.ts';
import type { Clock } from '../cases/clock.ts';
import type { Database } from '../db/database.ts';

export interface ReportRoutesOptions {
  feed: CaseFeed;
  clock: Clock;
}

/** 民情反馈, the public side: categories, reports, photos, status and rating by tracking code. */
export function reportRoutes(_db: Database, _options: ReportRoutesOptions): Router {
  return Router();
}
