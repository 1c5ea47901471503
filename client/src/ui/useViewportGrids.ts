import { useCallback, useEffect, useRef, useState } from 'react';
import { getGrids } from '../api/getGrids';
import { isAbort, type ApiError } from '../api/http';
import type { BBox } from '../api/types';
import type { MapController, ViewState } from '../map/MapController';
import { GRID_MIN_ZOOM } from '../map/style';
import { toApiError } from './useDistrictData';

export type GridState =
  | { status: 'zoom-in' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; error: ApiError };

/** Pan this far without a new request: each fetch covers the view plus half of it on every side. */
const PAD = 0.5;
const DEBOUNCE_MS = 150;

const contains = (outer: BBox, inner: BBox) =>
  outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

function pad([w, s, e, n]: BBox): BBox {
  const dx = (e - w) * PAD;
  const dy = (n - s) * PAD;
  return [w - dx, s - dy, e + dx, n + dy];
}

/**
 * Grids are only drawn from GRID_MIN_ZOOM on, so they are fetched for the viewport from there
 * (the server filters by bbox) rather than shipping every grid of the district up front.
 */
export function useViewportGrids(controller: MapController | null, enabled: boolean) {
  const [state, setState] = useState<GridState>({ status: 'zoom-in' });
  const loaded = useRef<BBox | null>(null);
  const lastView = useRef<ViewState | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const load = useCallback(
    (view: ViewState, force: boolean) => {
      if (!controller) return;
      if (view.zoom < GRID_MIN_ZOOM) {
        setState((s) => (s.status === 'error' ? s : { status: 'zoom-in' }));
        return;
      }
      if (!force && loaded.current && contains(loaded.current, view.bounds)) return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        inFlight.current?.abort();
        const abort = new AbortController();
        inFlight.current = abort;
        const bbox = pad(view.bounds);
        setState({ status: 'loading' });
        getGrids({ bbox }, abort.signal)
          .then((grids) => {
            if (abort.signal.aborted) return;
            controller.setGrids(grids);
            loaded.current = bbox;
            setState({ status: 'ready' });
          })
          .catch((err: unknown) => {
            if (abort.signal.aborted || isAbort(err)) return;
            setState({ status: 'error', error: toApiError(err) });
          });
      }, DEBOUNCE_MS);
    },
    [controller],
  );

  useEffect(() => {
    if (!controller || !enabled) return;
    const unsubscribe = controller.onViewChange((view) => {
      lastView.current = view;
      load(view, false);
    });
    // After an edit is saved the grids in view changed on the server: load them again.
    const unsubscribeRefresh = controller.onGridsRefresh(() => {
      loaded.current = null;
      load(lastView.current ?? controller.getView(), true);
    });
    // The view may have settled before this subscription; start from where the map is now.
    lastView.current = controller.getView();
    load(lastView.current, false);
    return () => {
      unsubscribe();
      unsubscribeRefresh();
      window.clearTimeout(timer.current);
      inFlight.current?.abort();
    };
  }, [controller, enabled, load]);

  const retry = useCallback(() => {
    if (lastView.current) load(lastView.current, true);
  }, [load]);

  return { state, retry };
}
