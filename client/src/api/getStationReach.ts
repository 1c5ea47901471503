import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { getJson, withQuery } from './http';

/** Who is within `radiusMeters` of a Party–public service station, and the areas nobody reaches. */
export interface StationReach {
  region: string;
  radiusMeters: number;
  members: number;
  reachedMembers: number;
  membersWithinReachShare: number | null;
  households: number;
  reachedHouseholds: number;
  householdsWithinReachShare: number | null;
  uncovered: FeatureCollection<Polygon | MultiPolygon, { kind: 'uncovered' }>;
}

export function getStationReach(
  query: { region?: string; radiusMeters?: number } = {},
  signal?: AbortSignal,
): Promise<StationReach> {
  return getJson<StationReach>(withQuery('/api/coverage/stations', query), signal);
}
