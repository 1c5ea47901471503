import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { getAppConfig } from '../../api/getAppConfig';
import { getNearest, type NearestResponse } from '../../api/getNearest';
import type { ApiError } from '../../api/http';
import { locatePoint, type LocateResponse } from '../../api/locatePoint';
import { queryRoot } from '../../api/queryClient';
import { toApiError } from '../../ui/useDistrictData';
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

const nearestKey = (lng: number | undefined, lat: number | undefined, k: number) => [queryRoot.facilities, 'nearest', lng, lat, k] as const;

/** The k nearest public facilities to the origin; asked again when either changes. */
export function useNearest(origin: Origin | null, k: number) {
  const query = useQuery({
    queryKey: nearestKey(origin?.lng, origin?.lat, k),
    queryFn: ({ signal }) => getNearest({ lng: origin!.lng, lat: origin!.lat, k }, signal),
    enabled: origin !== null,
    // "Show more" keeps the list on screen while the longer one loads; a new place does not.
    placeholderData: (previous, previousQuery) => {
      const [, , lng, lat] = previousQuery?.queryKey ?? [];
      return lng === origin?.lng && lat === origin?.lat ? previous : undefined;
    },
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  let state: NearestState;
  if (!origin) state = { status: 'idle' };
  else if (query.data) state = { status: 'ready', data: query.data, origin };
  else if (query.isError) state = { status: 'error', error: toApiError(query.error) };
  else state = { status: 'loading' };
  return { state, retry };
}

/** The grid (community, street, leader, branch) containing the origin; `outside` when none does. */
export function useLocate(origin: Origin | null) {
  const query = useQuery({
    queryKey: [queryRoot.grids, 'locate', origin?.lng, origin?.lat],
    queryFn: ({ signal }) => locatePoint({ lng: origin!.lng, lat: origin!.lat }, signal),
    enabled: origin !== null,
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  let state: GridLookup;
  if (!origin) state = { status: 'idle' };
  else if (query.data) state = { status: 'ready', data: query.data };
  else if (query.isError) {
    const error = toApiError(query.error);
    state = error.code === 'OUTSIDE_SERVICE_AREA' ? { status: 'outside' } : { status: 'error', error };
  } else state = { status: 'loading' };
  return { state, retry };
}

/**
 * The server's PUBLIC_URL (null when it has none), for the links and QR codes people share;
 * undefined until known. A failed request counts as none: the page's own address then serves.
 */
export function usePublicUrl(): string | null | undefined {
  const query = useQuery({
    // Settings rather than stored data; kept with the places the links lead to.
    queryKey: [queryRoot.places, 'app-config'],
    queryFn: ({ signal }) => getAppConfig(signal),
    staleTime: Infinity,
  });
  if (query.isError) return null;
  return query.data?.publicUrl;
}
