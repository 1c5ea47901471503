import { getJson, withQuery } from './http';
import type { BBox, FacilityCollection, FacilityKind } from './types';

export interface FacilityQuery {
  bbox?: BBox;
  kind?: readonly FacilityKind[];
}

export function getFacilities(query: FacilityQuery = {}, signal?: AbortSignal): Promise<FacilityCollection> {
  const bbox = query.bbox?.map((n) => n.toFixed(6));
  return getJson<FacilityCollection>(withQuery('/api/facilities', { bbox, kind: query.kind }), signal);
}
