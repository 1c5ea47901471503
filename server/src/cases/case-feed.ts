import type { CaseFeedEvent } from '../contract/cases.ts';

/**
 * Tells every API process on the database that a case changed, so grid workers' inboxes update
 * without a reload (server-sent events). On PostgreSQL it is NOTIFY/LISTEN, so several processes
 * behave as one; on the embedded database (one process) it is in process.
 */
export interface CaseFeed {
  /** Call after the change committed. Never throws: a lost event costs a refresh, not the request. */
  publish(event: CaseFeedEvent): Promise<void>;
  /** Listens to every process's events; returns the unsubscribe. */
  subscribe(listener: (event: CaseFeedEvent) => void): () => void;
  /** Resolves once events from other processes arrive (a stream opened after it misses none). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The feed of one process: the embedded database has no other. */
export function inProcessCaseFeed(): CaseFeed {
  const listeners = new Set<(event: CaseFeedEvent) => void>();
  return {
    async publish(event) {
      deliver(listeners, event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => Promise.resolve(),
    async close() {
      listeners.clear();
    },
  };
}

/** Hands an event to every listener; one that throws does not keep it from the others. */
export function deliver(listeners: Iterable<(event: CaseFeedEvent) => void>, event: CaseFeedEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (err) {
      console.error(`case feed: a listener failed on case ${event.caseId}: ${(err as Error).message}`);
    }
  }
}
