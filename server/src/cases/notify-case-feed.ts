import { CASE_EVENT_KINDS, CASE_STATUSES, type CaseFeedEvent } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { deliver, type CaseFeed } from './case-feed.ts';

const PUBLISH = sqlFile(import.meta.url, 'publish-case-event.sql');
const CHANNEL = 'wgdt_case_feed';

type Listen = NonNullable<Database['listen']>;

/**
 * The case feed across processes: publish is a NOTIFY, and every process (this one too) hears it
 * through its LISTEN connection, so a grid worker's stream on any process gets every change.
 */
export function notifyCaseFeed(db: Database, listen: Listen): CaseFeed {
  const listeners = new Set<(event: CaseFeedEvent) => void>();
  let closed = false;
  const listening = listen(CHANNEL, (payload) => {
    const event = parseEvent(payload);
    if (event) deliver(listeners, event);
  });
  const ready = listening.then(
    () => undefined,
    (err: unknown) => console.error(`case feed: cannot listen for case events (${(err as Error).message}); streams get no live updates`),
  );
  return {
    async publish(event) {
      if (closed) return;
      try {
        await db.query(PUBLISH, [CHANNEL, JSON.stringify(event)]);
      } catch (err) {
        console.error(`case feed: the event for case ${event.caseId} was not sent (${(err as Error).message})`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => ready,
    async close() {
      closed = true;
      listeners.clear();
      const unlisten = await listening.catch(() => undefined);
      await unlisten?.();
    },
  };
}

/** A payload as this feed publishes it, or null for anything else on the channel. */
function parseEvent(payload: string): CaseFeedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const ok =
    typeof e.caseId === 'number' &&
    typeof e.code === 'string' &&
    typeof e.gridCode === 'string' &&
    (CASE_EVENT_KINDS as readonly unknown[]).includes(e.kind) &&
    (CASE_STATUSES as readonly unknown[]).includes(e.status) &&
    (e.otherGridCode === undefined || typeof e.otherGridCode === 'string');
  return ok ? (value as CaseFeedEvent) : null;
}
