import { Router } from 'express';
import type { CaseFeed } from './case-feed.ts';
import type { Clock } from './clock.ts';
import type { Database } from '../db/database.ts';

export interface CaseRoutesOptions {
  feed: CaseFeed;
  clock: Clock;
}

/** 民情反馈, the staff side: inbox, case detail, workflow actions, the reporter's phone, live events. */
export function caseRoutes(_db: Database, _options: CaseRoutesOptions): Router {
  return Router();
}
