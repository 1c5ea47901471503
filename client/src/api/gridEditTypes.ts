// Shapes of the grid-editing API (POST/PUT /api/grids, preview, split, merge, retire, history,
// restore, coverage check). See README.md, API, and server/src/grids/.
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { ErrorCode } from '../../../server/src/contract/error-codes.ts';
import type { GridFeature } from './types';

export type Polygonal = Polygon | MultiPolygon;

/** The fields a planner may edit; the server owns `id`, `code` and `version`. */
export interface GridAttributes {
  name: string;
  households: number;
  population: number;
  leaderName: string | null;
  leaderPhone: string | null;
}

/** Shared flags of shape edits: move shared borders, or trim to the free space. */
export interface ShapeOptions {
  adjustNeighbours?: boolean;
  clip?: boolean;
  /** Versions of the neighbours the planner saw; one changed since → 409 NEIGHBOUR_CHANGED. */
  neighbourVersions?: Record<string, number>;
}

export interface GridRef {
  id: number;
  code: string;
  name: string;
}

/** A member count as the server shows it: exact from MIN_CELL_COUNT up, otherwise "fewer than N". */
export type ShownCount = number | { fewerThan: number };

export interface ImpactMove {
  from: GridRef | null;
  to: GridRef | null;
  members: ShownCount;
  facilities: number;
  /** Estimated from the share of area that moves. */
  households: number;
}

export interface ImpactGrid {
  id: number;
  code: string;
  name: string;
  version: number;
  members: ShownCount;
  facilities: number;
  households: number;
  population: number;
  areaSqm: number;
  retired: boolean;
}

export interface Impact {
  moves: ImpactMove[];
  grids: ImpactGrid[];
}

export interface OverlapDetail {
  id: number;
  code: string;
  name: string;
  version: number;
  areaSqm: number;
  geometry: Polygonal | null;
}

/** A broken rule as the server reports it; `details` depends on `code`. */
export type Violation =
  | { code: 'INVALID_GEOMETRY'; message: string; details?: { reason?: string; location?: Point | null } }
  | { code: 'OUTSIDE_COMMUNITY'; message: string; details?: { areaSqm?: number | null; outside?: Polygonal | null } }
  | { code: 'GRID_OVERLAP'; message: string; details?: { overlaps?: OverlapDetail[] } }
  | { code: 'TOO_MANY_VERTICES' | 'NO_FREE_SPACE' | 'NEIGHBOUR_WOULD_VANISH'; message: string; details?: unknown }
  | { code: ErrorCode; message: string; details?: unknown };

export type PreviewResult =
  | { valid: true; violations: []; features: GridFeature[]; impact: Impact }
  | { valid: false; violations: Violation[] };

export interface EditResponse {
  feature: GridFeature;
  neighbours: GridFeature[];
  impact: Impact;
}

export interface RetireResponse {
  id: number;
  version: number;
  retired: true;
  impact: Impact;
}

export type ChangeKind = 'import' | 'create' | 'update' | 'split' | 'merge' | 'retire' | 'restore' | 'neighbour';

export interface GridVersion {
  version: number;
  changeKind: ChangeKind;
  note: string | null;
  changedBy: string | null;
  changedAt: string;
  name: string;
  households: number | null;
  population: number | null;
  leaderName: string | null;
  leaderPhone: string | null;
  areaSqm: number | null;
  geometry: Polygonal | null;
}

export interface GridHistory {
  id: number;
  code: string;
  communityCode: string;
  retired: boolean;
  currentVersion: number;
  versions: GridVersion[];
  lineage: { parentId: number; childId: number; kind: string; at: string }[];
}

export interface CoverageReport {
  communityCode: string;
  communityName: string;
  areaSqm: number;
  gridCount: number;
  coveredRatio: number;
  gaps: FeatureCollection<Polygon, { areaSqm: number }>;
  overlaps: FeatureCollection<Polygon, { grids: number[]; codes: string[]; areaSqm: number }>;
}

export type SplitLine = LineString;
export type DrawnFeature<G extends Polygonal = Polygonal> = Feature<G>;
