import { useEffect, useRef, useState } from 'react';
import type { GridFeature } from '../../api/types';
import type { Impact, PreviewResult, Violation } from '../../api/gridEditTypes';
import { isAbort } from '../../api/http';
import type { DryRun } from './usePreview';

/** Least time between two live checks: a few a second while a corner is dragged. */
export const LIVE_SPACING_MS = 120;
/** A check out longer than this gives way to the newest shape (the server may be busy). */
export const LIVE_STALE_MS = 1_500;

/** The figures of the shape as it is being drawn, from the server's dry run, newest shape first. */
export interface LivePreview {
  /** The last valid answer (kept while an invalid or newer shape is checked), null before the first. */
  impact: Impact | null;
  features: GridFeature[];
  /** The newest answer says the shape breaks a rule (the figures shown are from an earlier shape). */
  violations: Violation[] | null;
  /** A newer shape than the one the figures belong to is on the map (a check is on its way). */
  pending: boolean;
  /** How long the last answer took, in ms. */
  ms: number | null;
}

export const NO_LIVE: LivePreview = { impact: null, features: [], violations: null, pending: false, ms: null };

interface Answer {
  key: string;
  result: PreviewResult;
  ms: number;
}

/**
 * The server's dry run of `request` while it changes (a corner being dragged), not only once it
 * has settled: at most one check out at a time, at most one every LIVE_SPACING_MS, and always of
 * the newest shape (shapes drawn meanwhile are skipped). A check is aborted when the edit ends,
 * or when a newer shape waits and it has been out longer than LIVE_STALE_MS. `onAnswer` gets each
 * answer with the shape's key, e.g. to spare the settled check the same request.
 */
export function useLivePreview<T>(request: T | null, { run }: DryRun<T>, onAnswer?: (key: string, result: PreviewResult) => void): LivePreview {
  const key = request ? JSON.stringify(request) : null;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [lastValid, setLastValid] = useState<Answer | null>(null);
  const [sentKey, setSentKey] = useState<string | null>(null);
  const latest = useRef<string | null>(null);
  const asked = useRef<string | null>(null);
  const inFlight = useRef<{ controller: AbortController; at: number } | null>(null);
  const lastSent = useRef(0);
  const timer = useRef<number | null>(null);
  const calls = useRef({ run, onAnswer });
  useEffect(() => {
    calls.current = { run, onAnswer };
  });

  useEffect(() => {
    const clearTimer = () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
    const pump = () => {
      clearTimer();
      const next = latest.current;
      if (next === null || next === asked.current) return;
      const now = performance.now();
      if (inFlight.current) {
        // Wait for the answer on its way, unless it is taking so long that the newest shape should go instead.
        const age = now - inFlight.current.at;
        if (age < LIVE_STALE_MS) {
          timer.current = window.setTimeout(pump, LIVE_STALE_MS - age);
          return;
        }
        inFlight.current.controller.abort();
        inFlight.current = null;
      }
      const wait = lastSent.current + LIVE_SPACING_MS - now;
      if (wait > 0) {
        timer.current = window.setTimeout(pump, wait);
        return;
      }
      const controller = new AbortController();
      const flight = { controller, at: now };
      inFlight.current = flight;
      asked.current = next;
      lastSent.current = now;
      setSentKey(next);
      calls.current
        .run(JSON.parse(next) as T, controller.signal)
        .then((result) => {
          if (controller.signal.aborted) return;
          const got = { key: next, result, ms: Math.round(performance.now() - now) };
          setAnswer(got);
          if (result.valid) setLastValid(got);
          calls.current.onAnswer?.(next, result);
        })
        .catch((err: unknown) => {
          // A failed live check is not shown: the settled check reports errors and offers a retry.
          if (!isAbort(err)) console.warn('live preview', err);
        })
        .finally(() => {
          if (inFlight.current !== flight) return;
          inFlight.current = null;
          pump();
        });
    };

    latest.current = key;
    if (key === null) {
      clearTimer();
      inFlight.current?.controller.abort();
      inFlight.current = null;
      asked.current = null;
      setAnswer(null);
      setLastValid(null);
      setSentKey(null);
      return;
    }
    pump();
    return clearTimer;
  }, [key]);

  // Leaving the workspace aborts what is on its way.
  useEffect(
    () => () => {
      inFlight.current?.controller.abort();
      inFlight.current = null;
      // Mounted again (React's StrictMode does so at once): the shape is asked again.
      asked.current = null;
    },
    [],
  );

  if (key === null) return NO_LIVE;
  const valid = lastValid?.result.valid ? lastValid.result : null;
  return {
    impact: valid ? valid.impact : null,
    features: valid ? valid.features : [],
    violations: answer && !answer.result.valid ? answer.result.violations : null,
    pending: answer?.key !== key || sentKey !== key,
    ms: answer?.ms ?? null,
  };
}
