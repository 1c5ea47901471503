import { useCallback, useEffect, useRef, useState } from 'react';
import { getNearest, type NearestResponse } from '../../api/getNearest';
import { ApiError, isAbort } from '../../api/http';
import { locatePoint, type LocateResponse } from '../../api/locatePoint';
import type { Origin } from './origin';

export type Loaded<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

export type GridLookup = Loaded<LocateResponse> | { status: 'outside' };

/** Like Loaded, with the origin the answer is for, so a new origin never shows an old answer. */
export type NearestState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: NearestResponse; origin: Origin }
  | { status: 'error'; error: ApiError };

function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err));
}

/** The k nearest public facilities to the origin; refetched when either changes. */
export function useNearest(origin: Origin | null, k: number) {
  const [state, setState] = useState<NearestState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const shownFor = useRef<Origin | null>(null);
  useEffect(() => {
    if (!origin) {
      shownFor.current = null;
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    // "Show more" keeps the list on screen while the longer one loads; a new place does not.
    const sameOrigin = shownFor.current === origin;
    shownFor.current = origin;
    setState((previous) => (sameOrigin && previous.status === 'ready' ? previous : { status: 'loading' }));
    getNearest({ lng: origin.lng, lat: origin.lat, k }, abort.signal)
      .then((data) => setState({ status: 'ready', data, origin }))
      .catch((err: unknown) => {
        if (!abort.signal.aborted && !isAbort(err)) setState({ status: 'error', error: toApiError(err) });
      });
    return () => abort.abort();
  }, [origin, k, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

/** The grid (community, street, leader, branch) containing the origin; `outside` when none does. */
export function useLocate(origin: Origin | null) {
  const [state, setState] = useState<GridLookup>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!origin) {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    setState({ status: 'loading' });
    locatePoint({ lng: origin.lng, lat: origin.lat }, abort.signal)
      .then((data) => setState({ status: 'ready', data }))
      .catch((err: unknown) => {
        if (abort.signal.aborted || isAbort(err)) return;
        const error = toApiError(err);
        setState(error.code === 'OUTSIDE_SERVICE_AREA' ? { status: 'outside' } : { status: 'error', error });
      });
    return () => abort.abort();
  }, [origin, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
