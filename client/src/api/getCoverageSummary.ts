import { getJson, withQuery } from './http';

/** The region's coverage KPIs; shares are 0–1, null when there is nothing to divide by. */
export interface CoverageSummary {
  region: string;
  radiusMeters: number;
  grids: number;
  gridsWithBranch: number;
  gridsWithoutMembers: number;
  members: number;
  floatingMembers: number;
  households: number;
  membersPer100Households: number | null;
  membersWithinReachShare: number | null;
  householdsWithinReachShare: number | null;
  meanDistanceToStationMeters: number | null;
}

export function getCoverageSummary(
  query: { region?: string; radiusMeters?: number } = {},
  signal?: AbortSignal,
): Promise<CoverageSummary> {
  return getJson<CoverageSummary>(withQuery('/api/coverage/summary', query), signal);
}
