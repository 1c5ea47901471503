import type { Crs } from '../../../server/src/contract/crs.ts';
import type { NearestResponse } from '../../../server/src/contract/finder.ts';
import { getJson, withQuery } from './http';
import type { FacilityKind } from './types';

export type { Crs } from '../../../server/src/contract/crs.ts';
export type { NearestFacility, NearestResponse, NearestResult } from '../../../server/src/contract/finder.ts';

export interface NearestQuery {
  lng: number;
  lat: number;
  /** How many (the server clamps to 1…20; 5 when absent). */
  k?: number;
  kind?: readonly FacilityKind[];
  crs?: Crs;
}

/** The k nearest public facilities to a point, sorted by geodesic distance. */
export function getNearest(query: NearestQuery, signal?: AbortSignal): Promise<NearestResponse> {
  const url = withQuery('/api/nearest', {
    lng: query.lng.toFixed(6),
    lat: query.lat.toFixed(6),
    k: query.k,
    kind: query.kind,
    crs: query.crs,
  });
  return getJson<NearestResponse>(url, signal);
}
