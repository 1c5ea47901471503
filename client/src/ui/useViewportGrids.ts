import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import type { GridStatus, MapController } from '../map/MapController';

export type GridState =
  | { status: 'zoom-in' }
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'error'; error: ApiError };

/** Tiles usually arrive within this; only a slower load is worth a "loading" chip. */
const LOADING_CHIP_DELAY_MS = 400;

function toState(status: GridStatus): GridState {
  if (status.status !== 'error') return status;
  return { status: 'error', error: new ApiError(status.httpStatus, 'TILE_ERROR', status.message) };
}

/**
 * The grids in view, for the shell's status chips. The map draws them from vector tiles (see
 * map/style.ts), so this hook fetches nothing itself: it follows the controller's tile status,
 * shows "loading" only when tiles take a while, and retries by loading the tiles again.
 */
export function useViewportGrids(controller: MapController | null, enabled: boolean) {
  const [state, setState] = useState<GridState>({ status: 'zoom-in' });

  useEffect(() => {
    if (!controller || !enabled) return;
    let timer: number | undefined;
    const unsubscribe = controller.onGridStatus((status) => {
      window.clearTimeout(timer);
      if (status.status === 'loading') {
        // Zoomed in past GRID_MIN_ZOOM: the "zoom in" hint goes at once, "loading" only if slow.
        setState((s) => (s.status === 'zoom-in' ? { status: 'ready' } : s));
        timer = window.setTimeout(() => setState({ status: 'loading' }), LOADING_CHIP_DELAY_MS);
      } else setState(toState(status));
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [controller, enabled]);

  const retry = useCallback(() => controller?.refreshGrids(), [controller]);

  return { state, retry };
}
