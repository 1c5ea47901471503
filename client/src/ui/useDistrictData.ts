import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getFacilities } from '../api/getFacilities';
import { getRegions } from '../api/getRegions';
import { ApiError } from '../api/http';
import { queryRoot } from '../api/queryClient';
import type { SessionUser } from '../api/session';
import type { RegionCollection } from '../api/types';
import type { MapController } from '../map/MapController';

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
 * GeoJSON instead of the public tiles (useStaffFacilities). When stored data changes (an import
 * invalidates every query) the tiles are loaded again (useFreshTiles), without the loading screen.
 */
export function useDistrictData(controller: MapController | null, user: SessionUser | null) {
  const district = useQuery({
    queryKey: [queryRoot.regions, 'district'],
    queryFn: ({ signal }) => getRegions('district', signal),
  });
  // The name of the city when the platform holds several of its districts (null: one district).
  const city = useQuery({
    queryKey: [queryRoot.regions, 'city'],
    queryFn: ({ signal }) => getRegions('city', signal),
    enabled: (district.data?.features.length ?? 0) > 1,
  });
  const fitted = useFitDistrict(controller, district.data);

  useStaffFacilities(controller, user);
  useFreshTiles(controller);

  let state: LoadState;
  if (district.isError) state = { status: 'error', error: toApiError(district.error) };
  else if (fitted) state = { status: 'ready' };
  else state = { status: 'loading' };

  const { refetch } = district;
  const retry = useCallback(() => void refetch(), [refetch]);
  const cityName = city.data?.features[0]?.properties.name ?? null;
  return { state, retry, cityName };
}

/** Hands the district to the map once its style is loaded; true from then on. */
function useFitDistrict(controller: MapController | null, district: RegionCollection | undefined): boolean {
  const [fitted, setFitted] = useState(false);
  useEffect(() => {
    if (!controller || !district) return;
    let live = true;
    void controller.whenReady().then(() => {
      if (!live) return;
      controller.setDistrict(district);
      setFitted(true);
    });
    return () => {
      live = false;
    };
  }, [controller, district]);
  return fitted;
}

/**
 * The signed-in account's facilities (its region's, non-public ones included) on the map, again
 * whenever they are asked for anew; back to the public tiles when signed out.
 */
function useStaffFacilities(controller: MapController | null, user: SessionUser | null) {
  const region = user?.regionCode ?? null;
  const facilities = useQuery({
    queryKey: [queryRoot.facilities, 'region', region],
    queryFn: ({ signal }) => getFacilities({ region: region! }, signal),
    enabled: region !== null,
  });
  // On an error the map keeps what it had (the public tiles at first); the next change retries.
  const data = region === null ? null : facilities.data;
  useEffect(() => {
    if (!controller || data === undefined) return;
    let live = true;
    void controller.whenReady().then(() => {
      if (live) controller.setFacilities(data);
    });
    return () => {
      live = false;
    };
  }, [controller, data]);
}

/**
 * The grid and facility tiles are not queries (MapLibre asks for them), yet they show stored
 * data. Each has a query that asks the server nothing, only counts how often it was fetched: an
 * invalidation of grids or facilities (an import invalidates everything) fetches it anew, and the
 * map then loads that layer's tiles again under a new URL.
 */
function useFreshTiles(controller: MapController | null) {
  const grids = useTileGeneration(queryRoot.grids, controller !== null);
  const facilities = useTileGeneration(queryRoot.facilities, controller !== null);
  const seen = useRef({ grids: 0, facilities: 0 });
  useEffect(() => {
    if (!controller) return;
    const before = seen.current;
    seen.current = { grids, facilities };
    if (before.grids !== 0 && grids !== before.grids) controller.refreshGrids();
    if (before.facilities !== 0 && facilities !== before.facilities) controller.refreshFacilities();
  }, [controller, grids, facilities]);
}

let tileGenerations = 0;

function useTileGeneration(root: string, enabled: boolean): number {
  const { data } = useQuery({
    queryKey: [root, 'tiles'],
    queryFn: () => ++tileGenerations,
    enabled,
    staleTime: Infinity,
  });
  return data ?? 0;
}
