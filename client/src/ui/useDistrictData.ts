import { useCallback, useEffect, useState } from 'react';
import { getFacilities } from '../api/getFacilities';
import { getRegions } from '../api/getRegions';
import { ApiError, isAbort } from '../api/http';
import type { SessionUser } from '../api/session';
import type { MapController } from '../map/MapController';
import { onDataChanged } from './dataChanged';

export type LoadState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready' };

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err));
}

/**
 * Loads what every workspace needs up front: the district outline, which the map fits to at
 * once. Everything else comes as the view needs it: streets, communities, grids and the public
 * stations as vector tiles, the list of stations in view by box (useFacilitiesInView). A
 * signed-in account also gets its region's facilities, non-public ones included, drawn from
 * GeoJSON instead of the public tiles (useStaffFacilities).
 */
export function useDistrictData(controller: MapController | null, user: SessionUser | null) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The name of the city when the platform holds several of its districts (null: one district).
  const [cityName, setCityName] = useState<string | null>(null);

  useEffect(() => {
    if (!controller) return;
    const abort = new AbortController();
    setState({ status: 'loading' });
    (async () => {
      const district = await getRegions('district', abort.signal);
      await controller.whenReady();
      if (abort.signal.aborted) return;
      controller.setDistrict(district);
      setState({ status: 'ready' });
      if (district.features.length > 1) {
        const [city] = (await getRegions('city', abort.signal)).features;
        if (city && !abort.signal.aborted) setCityName(city.properties.name);
      }
    })().catch((err: unknown) => {
      if (abort.signal.aborted || isAbort(err)) return;
      setState({ status: 'error', error: toApiError(err) });
    });
    return () => abort.abort();
  }, [controller, attempt]);

  useStaffFacilities(controller, user);

  // After an import: new stations on the map (fresh tiles), grids from fresh tiles, without
  // the loading screen.
  useEffect(() => {
    if (!controller) return;
    return onDataChanged(() => {
      controller.refreshGrids();
      controller.refreshFacilities();
    });
  }, [controller]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry, cityName };
}

/**
 * The signed-in account's facilities (its region's, non-public ones included) on the map, again
 * after every import; back to the public tiles when signed out.
 */
function useStaffFacilities(controller: MapController | null, user: SessionUser | null) {
  const [version, setVersion] = useState(0);
  useEffect(() => onDataChanged(() => setVersion((n) => n + 1)), []);
  const region = user?.regionCode ?? null;
  useEffect(() => {
    if (!controller) return;
    if (region === null) {
      void controller.whenReady().then(() => controller.setFacilities(null));
      return;
    }
    const abort = new AbortController();
    Promise.all([getFacilities({ region }, abort.signal), controller.whenReady()]).then(
      ([collection]) => {
        if (!abort.signal.aborted) controller.setFacilities(collection);
      },
      () => undefined, // the map keeps what it had (the public tiles at first); the next change retries
    );
    return () => abort.abort();
  }, [controller, region, version]);
}
