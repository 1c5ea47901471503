import type { Database } from '../db/database.ts';
import { inProcessCaseFeed, type CaseFeed } from './case-feed.ts';
import { notifyCaseFeed } from './notify-case-feed.ts';

/** The case feed for this database: LISTEN/NOTIFY on PostgreSQL, in process on the embedded one. */
export function openCaseFeed(db: Database): CaseFeed {
  return db.listen ? notifyCaseFeed(db, db.listen.bind(db)) : inProcessCaseFeed();
}
