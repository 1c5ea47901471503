import { getJson, withQuery } from './http';
import type { BBox } from './types';
import type { BuildingCollection, BuildingFeature, BuildingProperties } from '../../../server/src/contract/buildings.ts';

export type { BuildingCollection, BuildingFeature, BuildingProperties };

export interface BuildingQuery {
  bbox?: BBox;
  /** 12-digit community code. */
  community?: string;
}

/** GET /api/buildings (staff): at most 5,000 buildings; `truncated` says when the view holds more. */
export type BuildingPage = BuildingCollection & { truncated: boolean };

/** Buildings of a map view or a community (at least one of the two), within the account's region. */
export function getBuildings(query: BuildingQuery, signal?: AbortSignal): Promise<BuildingPage> {
  const bbox = query.bbox?.map((n) => n.toFixed(6));
  return getJson<BuildingPage>(withQuery('/api/buildings', { bbox, community: query.community }), signal);
}

/** The staff buildings tile layer (z14 and above; the session cookie goes with the request). */
export const BUILDING_TILES = '/tiles/buildings/{z}/{x}/{y}.mvt';
export const BUILDING_TILES_MIN_ZOOM = 14;
