import type { ReachRadius, StationReach } from '../../../server/src/contract/coverage.ts';
import { getJson, withQuery } from './http';

export { REACH_RADII, type ReachRadius, type StationReach } from '../../../server/src/contract/coverage.ts';

export function getStationReach(
  query: { region?: string; radiusMeters?: ReachRadius } = {},
  signal?: AbortSignal,
): Promise<StationReach> {
  return getJson<StationReach>(withQuery('/api/coverage/stations', query), signal);
}
