import { useCallback, useEffect, useState } from 'react';
import { getFacilities } from '../api/getFacilities';
import { getRegions } from '../api/getRegions';
import { ApiError, isAbort } from '../api/http';
import type { FacilityFeature } from '../api/types';
import type { MapController } from '../map/MapController';
import { onDataChanged } from './dataChanged';

export type LoadState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready' };

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err));
}

/**
 * Loads what every workspace needs up front: the district outline (the map fits to it) and the
 * facilities (a few hundred points, listed beside the map, so they come at once). Streets,
 * communities and grids are drawn from vector tiles as the view needs them.
 */
export function useDistrictData(controller: MapController | null) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [facilities, setFacilities] = useState<FacilityFeature[]>([]);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!controller) return;
    const abort = new AbortController();
    setState({ status: 'loading' });
    (async () => {
      const [district, facilityCollection] = await Promise.all([getRegions('district', abort.signal), getFacilities({}, abort.signal)]);
      await controller.whenReady();
      if (abort.signal.aborted) return;
      controller.setDistrict(district);
      controller.setFacilities(facilityCollection);
      setFacilities(facilityCollection.features);
      setState({ status: 'ready' });
    })().catch((err: unknown) => {
      if (abort.signal.aborted || isAbort(err)) return;
      setState({ status: 'error', error: toApiError(err) });
    });
    return () => abort.abort();
  }, [controller, attempt]);

  // After an import: new stations in the list and on the map, grids from fresh tiles, without
  // the loading screen.
  useEffect(() => {
    if (!controller) return;
    const abort = new AbortController();
    const unsubscribe = onDataChanged(() => {
      controller.refreshGrids();
      getFacilities({}, abort.signal).then(
        (collection) => {
          controller.setFacilities(collection);
          setFacilities(collection.features);
        },
        () => undefined, // the map keeps what it had; the next reload brings the rest
      );
    });
    return () => {
      unsubscribe();
      abort.abort();
    };
  }, [controller]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, facilities, retry };
}
