import { getJson, withQuery } from './http';

/** One grid's coverage numbers (aggregates only: no member record, no home point). */
export interface CoverageGrid {
  id: number | string;
  code: string;
  name: string;
  communityCode: string;
  members: number;
  formal: number;
  probationary: number;
  floating: number;
  partyOrgs: number;
  hasBranch: boolean;
  households: number;
  population: number;
  membersPer100Households: number | null;
  nearestStationMeters: number | null;
}

export interface CoverageGrids {
  region: string;
  grids: CoverageGrid[];
}

/** Per-grid coverage for a region (default: the caller's whole scope). */
export function getCoverageGrids(region?: string, signal?: AbortSignal): Promise<CoverageGrids> {
  return getJson<CoverageGrids>(withQuery('/api/coverage/grids', { region }), signal);
}
