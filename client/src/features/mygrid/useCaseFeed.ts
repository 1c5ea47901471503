import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { CASE_EVENTS_URL, type CaseFeedEvent } from '../../api/cases';
import { caseKeys } from './caseQueries';

function parseFeedEvent(data: string): CaseFeedEvent | null {
  try {
    return JSON.parse(data) as CaseFeedEvent;
  } catch {
    return null;
  }
}

export type FeedState = 'connecting' | 'live' | 'reconnecting';

/** Waits before opening the feed again after the server closed it (not a network blip). */
const RETRY_MS = [2_000, 5_000, 15_000, 30_000];

/**
 * Listens to the live case feed (server-sent events): each change makes the inbox and that case
 * ask again, and new reports are counted for the "新反映" badge. The browser reconnects by itself
 * after a dropped connection; when the server ends the stream (a restart, a refusal), this opens
 * it again after a pause, longer each time.
 */
export function useCaseFeed(enabled: boolean): { state: FeedState; newCount: number; clearNew: () => void } {
  const client = useQueryClient();
  const [state, setState] = useState<FeedState>('connecting');
  const [newCount, setNewCount] = useState(0);
  const failures = useRef(0);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: number | undefined;
    let stopped = false;

    const open = () => {
      source = new EventSource(CASE_EVENTS_URL, { withCredentials: true });
      source.onopen = () => {
        failures.current = 0;
        setState('live');
      };
      source.addEventListener('case', (message) => {
        const event = parseFeedEvent((message as MessageEvent<string>).data);
        void client.invalidateQueries({ queryKey: caseKeys.lists() });
        if (event) {
          void client.invalidateQueries({ queryKey: caseKeys.detail(event.caseId) });
          if (event.kind === 'created' || event.kind === 'transferred') setNewCount((n) => n + 1);
        }
      });
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          const wait = RETRY_MS[Math.min(failures.current, RETRY_MS.length - 1)]!;
          failures.current += 1;
          retry = window.setTimeout(open, wait);
        }
        setState('reconnecting');
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [enabled, client]);

  return { state, newCount, clearNew: () => setNewCount(0) };
}
