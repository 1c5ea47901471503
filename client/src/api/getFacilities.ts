import { getJson, withQuery } from './http';
import type { FacilityPage } from '../../../server/src/contract/places.ts';
import type { BBox, FacilityKind } from './types';

export type { FacilityPage } from '../../../server/src/contract/places.ts';

export interface FacilityQuery {
  bbox?: BBox;
  kind?: readonly FacilityKind[];
  /** At most this many (the server caps an anonymous request at 200); with a box, those nearest its centre. */
  limit?: number;
  offset?: number;
  /** Only facilities inside this region's communities (a region code). */
  region?: string;
}

export function getFacilities(query: FacilityQuery = {}, signal?: AbortSignal): Promise<FacilityPage> {
  const bbox = query.bbox?.map((n) => n.toFixed(6));
  return getJson<FacilityPage>(
    withQuery('/api/facilities', { bbox, kind: query.kind, limit: query.limit, offset: query.offset, region: query.region }),
    signal,
  );
}
