import { getJson } from './http';
import type { FacilityFeature } from './types';

/** One facility as a GeoJSON Point feature (WGS84); 404 `FACILITY_NOT_FOUND` when unknown or not public. */
export function getFacility(id: number | string, signal?: AbortSignal): Promise<FacilityFeature> {
  return getJson<FacilityFeature>(`/api/facilities/${encodeURIComponent(String(id))}`, signal);
}
