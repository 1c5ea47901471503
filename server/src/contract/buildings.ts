// Buildings (楼栋) and grid size balance: the buildings layer, a community's balance against its
// household target, building moves (assign by building, an accepted rebalance), the rebalance
// proposal and the first-draft division. Part of the contract: no server dependencies.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GridFeature, GridRef, Impact, Violation } from './grids.ts';

/** GET /api/buildings (staff): a building's properties. */
export interface BuildingProperties {
  id: number;
  /** The current grid holding the building's anchor (a point on its surface); null: no grid. */
  gridId: number | null;
  gridCode: string | null;
  communityCode: string;
  households: number;
  population: number;
  /** Its number or name as the community knows it (e.g. 12幢); may be empty. */
  name: string;
}

export type BuildingFeature = Feature<Polygon, BuildingProperties>;
export type BuildingCollection = FeatureCollection<Polygon, BuildingProperties>;

/** A region's household range per grid and the largest deviation from the even share it allows. */
export interface SizeTarget {
  /** Households per grid: fewest and most. */
  min: number;
  max: number;
  /** Largest share (0–1) a grid may differ from its community's even share (total households / grids). */
  maxDeviation: number;
  /** The region whose setting applies ('default' when none is set on the way up). */
  from: string;
}

/** PUT /api/regions/{code}/size-target (planner for their communities, admin anywhere). */
export interface SizeTargetRequest {
  min: number;
  max: number;
  maxDeviation: number;
}

/** One grid against its community's target. */
export interface BalanceGrid {
  id: number;
  code: string;
  name: string;
  version: number;
  households: number;
  population: number;
  buildings: number;
  /** (households − even share) / even share; the even share is the community's households / grids. */
  deviation: number;
  /** Polsby–Popper (4πA / P²), 0–1: 1 is a circle. */
  compactness: number;
  /** below: fewer than target.min; above: more than target.max. */
  range: 'below' | 'within' | 'above';
}

/** GET /api/communities/{code}/balance (staff). */
export interface CommunityBalance {
  communityCode: string;
  communityName: string;
  target: SizeTarget;
  /** 'buildings' when the community has buildings (exact figures), else 'estimate' (typed figures). */
  householdsSource: 'buildings' | 'estimate';
  households: number;
  population: number;
  evenShare: number | null;
  /** The largest |deviation| of its grids. */
  maxDeviation: number;
  outOfRange: number;
  grids: BalanceGrid[];
}

/** One building to move to another grid. */
export interface BuildingMove {
  buildingId: number;
  toGridId: number;
}

/** A proposed move as the planner reviews it. */
export interface ProposedMove extends BuildingMove {
  buildingName: string;
  households: number;
  population: number;
  from: GridRef;
  to: GridRef;
}

/** One grid before and after a proposal. */
export interface ProposalGrid {
  id: number;
  code: string;
  name: string;
  version: number;
  householdsBefore: number;
  householdsAfter: number;
  populationBefore: number;
  populationAfter: number;
  compactnessBefore: number;
  compactnessAfter: number;
  rangeBefore: BalanceGrid['range'];
  rangeAfter: BalanceGrid['range'];
}

/** POST /api/communities/{code}/rebalance: never saved by itself. */
export interface RebalanceProposal {
  communityCode: string;
  target: SizeTarget;
  /** true when every grid is in range after the moves. */
  reachesRange: boolean;
  moves: ProposedMove[];
  grids: ProposalGrid[];
  /** The grids' outlines after the moves (only grids that change). */
  features: GridFeature[];
  /** Versions the proposal was made from: send them back with the moves. */
  gridVersions: Record<string, number>;
  /** How it was found, for the planner: e.g. 'exact' (small community) or 'local-search'. */
  method: string;
}

/** POST /api/communities/{code}/building-moves (and …/building-moves/preview): assign by building, or accept a rebalance. */
export interface BuildingMovesRequest {
  moves: BuildingMove[];
  /** Versions of the grids the planner saw (all the community's, or at least those the moves touch). */
  gridVersions: Record<string, number>;
  /** Why (kept in the history); at least 2 characters. */
  note: string;
  /** 'assign' (by building, the default) or 'rebalance' (an accepted proposal): the changeset's kind. */
  kind?: 'assign' | 'rebalance';
}

/** The save's answer: every grid that changed, as saved, and what moved. */
export interface BuildingMovesResponse {
  changesetId: number;
  features: GridFeature[];
  impact: Impact;
}

export type BuildingMovesPreview =
  | { valid: true; violations: []; features: GridFeature[]; impact: Impact }
  | { valid: false; violations: Violation[] };

/** POST /api/communities/{code}/draft-division `{k?}`: never saved by itself. */
export interface DraftDivisionRequest {
  k?: number;
}

/** One proposed grid of a first draft. */
export interface DraftGrid {
  /** The code it would get, by the standard order (community code + next sequence numbers). */
  code: string;
  name: string;
  households: number;
  population: number;
  buildings: number;
  compactness: number;
  range: BalanceGrid['range'];
  buildingIds: number[];
}

export interface DraftDivision {
  communityCode: string;
  target: SizeTarget;
  k: number;
  method: string;
  /** The proposed grids as features (properties: DraftGrid without buildingIds). */
  features: FeatureCollection<MultiPolygon, Omit<DraftGrid, 'buildingIds'>>;
  grids: DraftGrid[];
  /** The current grids the draft would retire when accepted (to start over); empty when there are none. */
  replaces: GridRef[];
}

/** POST /api/communities/{code}/draft-division/accept: the planner's confirmation. */
export interface AcceptDraftRequest {
  /** The buildings of each proposed grid, in the draft's order (the planner may have edited them). */
  grids: { name?: string; buildingIds: number[] }[];
  /** Versions of the current grids it replaces (empty when there are none). */
  gridVersions: Record<string, number>;
  note: string;
}

export interface AcceptDraftResponse {
  changesetId: number;
  features: GridFeature[];
  retired: GridRef[];
}
