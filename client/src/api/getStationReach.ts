import type { StationReach } from '../../../server/src/contract/coverage.ts';
import { getJson, withQuery } from './http';

export type { StationReach } from '../../../server/src/contract/coverage.ts';

export function getStationReach(
  query: { region?: string; radiusMeters?: number } = {},
  signal?: AbortSignal,
): Promise<StationReach> {
  return getJson<StationReach>(withQuery('/api/coverage/stations', query), signal);
}
