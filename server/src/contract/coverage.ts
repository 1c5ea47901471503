// 覆盖分析's answers (/api/coverage/*): aggregates only, never a member record or a home point.
// Part of the contract: no server dependencies.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** The radii (metres) a station's reach is asked and kept for: the 15-minute life circle and around it. */
export const REACH_RADII = [500, 1000, 1500] as const;
export type ReachRadius = (typeof REACH_RADII)[number];

/** Heatmap cell sizes (metres, corner to corner) the server keeps pre-binned. */
export const HEATMAP_CELL_SIZES = [250, 1000] as const;
export type HeatmapCellSize = (typeof HEATMAP_CELL_SIZES)[number];

/** One grid's coverage numbers: a row of GET /api/coverage/grids and of the coverage CSV export. */
export interface CoverageGrid {
  id: number;
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
  /** The grid's extent [west, south, east, north], for zooming to it (no outline is sent). */
  bbox: [number, number, number, number];
}

export interface CoverageGrids {
  region: string;
  grids: CoverageGrid[];
}

/** The region's KPIs; shares are 0–1, null when there is nothing to divide by. */
export interface CoverageSummary {
  region: string;
  radiusMeters: ReachRadius;
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

/** Who is within `radiusMeters` of a Party–public service station, and the areas nobody reaches. */
export interface StationReach {
  region: string;
  radiusMeters: ReachRadius;
  members: number;
  reachedMembers: number;
  membersWithinReachShare: number | null;
  households: number;
  reachedHouseholds: number;
  householdsWithinReachShare: number | null;
  uncovered: FeatureCollection<Polygon | MultiPolygon, { kind: 'uncovered' }>;
}

export interface SuggestedSite {
  gridId: number;
  gridCode: string;
  gridName: string;
  lng: number;
  lat: number;
  /** Members not yet within reach that a station here would reach. */
  addsMembers: number;
  /** The members-within-reach share (0–1) once this and every earlier site are added. */
  shareAfter: number | null;
}

/** Greedy maximum-coverage sites for new stations. */
export interface SuggestedStations {
  region: string;
  radiusMeters: ReachRadius;
  members: number;
  shareBefore: number | null;
  sites: SuggestedSite[];
}

export interface HeatmapCellProperties {
  count: number;
  lng: number;
  lat: number;
}

/**
 * Hexagon cells with member counts. Cells under `minCount` are withheld by the server and only
 * counted in `suppressed`; this is the only member-location data the client ever receives.
 */
export interface CoverageHeatmap {
  region: string;
  cellMeters: HeatmapCellSize;
  minCount: number;
  suppressed: number;
  total: number;
  cells: FeatureCollection<Polygon, HeatmapCellProperties>;
}

/** One grid's households against its community's size target: a row of GET /api/coverage/balance. */
export interface CoverageBalanceGrid {
  id: number;
  code: string;
  name: string;
  communityCode: string;
  households: number;
  population: number;
  /** 'buildings': the sum of its buildings; 'estimate' (估算): typed, its community has no buildings. */
  householdsSource: 'buildings' | 'estimate';
  /** The community's target: households per grid. */
  min: number;
  max: number;
  range: 'below' | 'within' | 'above';
  /** (households − even share) / even share, 4 decimals; the even share is the community's households / grids (0 when it has none). */
  deviation: number;
}

/** GET /api/coverage/balance: every current grid of the region, in code order; no geometry (joined to the grid tiles by id). */
export interface CoverageBalance {
  region: string;
  grids: CoverageBalanceGrid[];
}
