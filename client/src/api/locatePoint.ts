import type { Crs } from '../../../server/src/contract/crs.ts';
import type { LocateResponse } from '../../../server/src/contract/finder.ts';
import { getJson, withQuery } from './http';

export type { LocatedGrid, LocateResponse } from '../../../server/src/contract/finder.ts';

/**
 * The grid, community, street and district containing a point. A point outside every grid is
 * an ApiError with status 404 and code `OUTSIDE_SERVICE_AREA`.
 */
export function locatePoint(point: { lng: number; lat: number; crs?: Crs }, signal?: AbortSignal): Promise<LocateResponse> {
  const url = withQuery('/api/locate', { lng: point.lng.toFixed(6), lat: point.lat.toFixed(6), crs: point.crs });
  return getJson<LocateResponse>(url, signal);
}
