import { useCallback, useEffect, useRef, useState } from 'react';
import { getGrids } from '../../api/getGrids';
import { ApiError, isAbort } from '../../api/http';
import type { GridFeature } from '../../api/types';

export type CommunityGridsState =
  | { status: 'idle' }
  | { status: 'loading'; grids: GridFeature[] }
  | { status: 'error'; error: ApiError; grids: GridFeature[] }
  | { status: 'ready'; grids: GridFeature[] };

/** Every current grid of one community (all of them, not only those in view): the planner edits against these. */
export function useCommunityGrids(communityCode: string | null) {
  const [state, setState] = useState<CommunityGridsState>({ status: 'idle' });
  const inFlight = useRef<AbortController | null>(null);
  const gridsRef = useRef<GridFeature[]>([]);

  const load = useCallback((): Promise<GridFeature[]> => {
    inFlight.current?.abort();
    if (!communityCode) {
      gridsRef.current = [];
      setState({ status: 'idle' });
      return Promise.resolve([]);
    }
    const abort = new AbortController();
    inFlight.current = abort;
    setState({ status: 'loading', grids: gridsRef.current });
    return getGrids({ community: communityCode }, abort.signal).then(
      (fc) => {
        if (abort.signal.aborted) return gridsRef.current;
        gridsRef.current = fc.features;
        setState({ status: 'ready', grids: fc.features });
        return fc.features;
      },
      (err: unknown) => {
        if (abort.signal.aborted || isAbort(err)) return gridsRef.current;
        const error = err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', String(err));
        setState({ status: 'error', error, grids: gridsRef.current });
        throw error;
      },
    );
  }, [communityCode]);

  useEffect(() => {
    gridsRef.current = [];
    load().catch(() => undefined);
    return () => inFlight.current?.abort();
  }, [load]);

  const grids = state.status === 'idle' ? [] : state.grids;
  return { state, grids, reload: load };
}
