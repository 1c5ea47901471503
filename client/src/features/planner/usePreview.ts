import { useCallback, useEffect, useState } from 'react';
import type { Impact, Violation } from '../../api/gridEditTypes';
import { ApiError, isAbort } from '../../api/http';
import { previewGrid, type PreviewGridInput } from '../../api/previewGrid';
import type { GridFeature } from '../../api/types';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'valid'; features: GridFeature[]; impact: Impact }
  | { status: 'invalid'; violations: Violation[] }
  | { status: 'error'; error: ApiError };

/** How long the shape must stay still before it is checked: one request per pause, not per pixel. */
export const PREVIEW_DELAY_MS = 400;

/**
 * The server's dry run of the shape being drawn, debounced. A newer shape cancels the check of an
 * older one, so what is shown always belongs to the shape on the map.
 */
export function usePreview(request: PreviewGridInput | null) {
  const key = request ? JSON.stringify(request) : null;
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'checking' });
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      previewGrid(JSON.parse(key) as PreviewGridInput, abort.signal)
        .then((result) => {
          if (abort.signal.aborted) return;
          setState(
            result.valid
              ? { status: 'valid', features: result.features, impact: result.impact }
              : { status: 'invalid', violations: result.violations },
          );
        })
        .catch((err: unknown) => {
          if (abort.signal.aborted || isAbort(err)) return;
          setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', String(err)) });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
