import type { Database } from '../db/database.ts';
import type { CaseFeed } from './case-feed.ts';
import type { Clock } from './clock.ts';

export interface CaseSweeper {
  close(): void;
}

/** Escalates overdue cases and removes reporters' phones past their time, every minute. */
export function startCaseSweeper(_db: Database, _feed: CaseFeed, _clock: Clock): CaseSweeper {
  return { close() {} };
}
