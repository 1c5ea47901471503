import { REPORT_LIMITS, type CaseEventKind, type CaseFeedEvent } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { CaseFeed } from './case-feed.ts';
import type { Clock } from './clock.ts';

const SQL = {
  community: sqlFile(import.meta.url, 'escalate-to-community.sql'),
  street: sqlFile(import.meta.url, 'escalate-to-street.sql'),
  purge: sqlFile(import.meta.url, 'purge-phones.sql'),
};

const SWEEP_EVERY_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CaseSweeper {
  close(): void;
}

export interface SweepResult {
  toCommunity: number;
  toStreet: number;
  phonesPurged: number;
}

type Hit = Omit<CaseFeedEvent, 'caseId' | 'kind' | 'otherGridCode'> & { id: number };

/**
 * One sweep at `now`: escalates to the community the cases not accepted by their accept deadline,
 * to the street those not closed by their close deadline, and removes the reporter's phone 180
 * days after a case ended; one event each, then the feed. Every update is conditional on the
 * state it changes, so sweeps running at once in several processes do each change once.
 */
export async function sweepCases(db: Database, feed: CaseFeed, now: Date): Promise<SweepResult> {
  const toCommunity = await db.query<Hit>(SQL.community, [now]);
  const toStreet = await db.query<Hit>(SQL.street, [now]);
  const purged = await db.query<Hit>(SQL.purge, [now, new Date(now.getTime() - REPORT_LIMITS.phoneKeptDays * DAY_MS)]);
  const publish = (hits: Hit[], kind: CaseEventKind) =>
    Promise.all(hits.map((h) => feed.publish({ caseId: h.id, code: h.code, kind, status: h.status, gridCode: h.gridCode })));
  await publish(toCommunity, 'escalated');
  await publish(toStreet, 'escalated');
  await publish(purged, 'phone_purged');
  return { toCommunity: toCommunity.length, toStreet: toStreet.length, phonesPurged: purged.length };
}

/**
 * Sweeps every minute (`everyMs`). A failed sweep (the database away) is one line in the log and is tried
 * again the next minute; it never ends the process. The timer does not keep the process alive.
 */
export function startCaseSweeper(db: Database, feed: CaseFeed, clock: Clock, everyMs = SWEEP_EVERY_MS): CaseSweeper {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepCases(db, feed, clock())
      .catch((err: unknown) => console.error(`case sweeper: ${(err as Error).message}; trying again in a minute`))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
