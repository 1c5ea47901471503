import type { Crs } from './getNearest';
import { getJson, withQuery } from './http';

export interface LocatedGrid {
  id: number | string;
  code: string;
  name: string;
  leaderName: string | null;
  leaderPhone: string | null;
  households: number | null;
  population: number | null;
}

export interface LocateResponse {
  origin: { lng: number; lat: number; crs: Crs; wgs84: { lng: number; lat: number } };
  grid: LocatedGrid;
  /** The grid's Party organisation ("党组织建在网格上"); null when none is recorded. */
  branch: { id: number | string; name: string; kind: string } | null;
  community: { code: string; name: string };
  street: { code: string; name: string };
  district: { code: string; name: string };
}

/**
 * The grid, community, street and district containing a point. A point outside every grid is
 * an ApiError with status 404 and code `OUTSIDE_SERVICE_AREA`.
 */
export function locatePoint(point: { lng: number; lat: number; crs?: Crs }, signal?: AbortSignal): Promise<LocateResponse> {
  const url = withQuery('/api/locate', { lng: point.lng.toFixed(6), lat: point.lat.toFixed(6), crs: point.crs });
  return getJson<LocateResponse>(url, signal);
}
