// The grid API: grids as GeoJSON, the edit requests (create, update, preview, split, merge,
// retire, restore) and their answers, a grid's history and a community's coverage check.
// Part of the contract: no server dependencies (the server's zod schemas are checked against
// the request types here at compile time, in server/src/grids/grid-input.ts).
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { SizeTarget } from './buildings.ts';
import type { ErrorCode } from './error-codes.ts';

export type Polygonal = Polygon | MultiPolygon;

/** A current grid's properties, as GET /api/grids and /api/grids/{id} answer. */
export interface GridProperties {
  /** A number in JSON; the map also builds these from vector-tile features, whose ids it reads as they come. */
  id: number | string;
  /** 15 digits: the community's 12, then a sequence never reused. */
  code: string;
  name: string;
  communityCode: string;
  households: number | null;
  population: number | null;
  /** 'buildings': the sums of the grid's buildings (exact); 'estimate': typed, the community has no buildings (估算). */
  householdsSource?: 'buildings' | 'estimate';
  leaderName: string | null;
  leaderPhone: string | null;
  /** Also the ETag; an edit names the version it was made to. */
  version: number;
}

export type GridFeature = Feature<MultiPolygon, GridProperties>;
export type GridCollection = FeatureCollection<MultiPolygon, GridProperties>;

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

/** POST /api/grids: a Feature whose properties hold the attributes and the community. */
export interface CreateGridRequest extends ShapeOptions {
  type: 'Feature';
  geometry: Polygonal;
  properties: Partial<GridAttributes> & { name: string; communityCode: string };
  /** Why (kept in the history); at least 2 characters. */
  note: string;
}

/** What an update changes (absent keeps the value) and the version it was made from. */
export type ChangedProperties = Partial<GridAttributes> & { communityCode?: string; version?: number };

/** PUT /api/grids/{id}; a null geometry keeps the shape. The version comes as If-Match or properties.version. */
export interface UpdateGridRequest extends ShapeOptions {
  type: 'Feature';
  geometry: Polygonal | null;
  properties: ChangedProperties;
  note: string;
}

/** POST /api/grids/preview: a dry run of a create (no `id`, then properties.communityCode) or an update of grid `id`. */
export interface PreviewGridRequest extends ShapeOptions {
  type: 'Feature';
  id?: number;
  geometry: Polygonal;
  properties: ChangedProperties;
  note?: string;
}

/** POST /api/grids/{id}/split; `version` (or If-Match) is the version split. */
export interface SplitGridRequest {
  line: LineString;
  note: string;
  /** The new grid's name. */
  name?: string;
  version?: number;
}

/** POST /api/grids/merge: the second grid is merged into the first; `versions` in the same order. */
export interface MergeGridsRequest {
  ids: [number, number];
  versions?: [number, number];
  note: string;
  name?: string;
}

/** The dry runs POST /api/grids/{id}/split/preview and /api/grids/merge/preview: the same bodies, the note may be left out. */
export type SplitPreviewRequest = Omit<SplitGridRequest, 'note'> & { note?: string };
export type MergePreviewRequest = Omit<MergeGridsRequest, 'note'> & { note?: string };

/** POST /api/grids/{id}/restore: the earlier version to bring back; the current one comes as If-Match. */
export interface RestoreGridRequest extends ShapeOptions {
  version: number;
  note: string;
}

/** DELETE /api/grids/{id}'s body; `version` (or If-Match) is the version retired. */
export interface RetireGridRequest {
  note: string;
  version?: number;
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
  /** Buildings whose anchor moves (0 where the community has no buildings). */
  buildings: number;
  /**
   * Exact (the moved buildings' sums) where the community has buildings; otherwise estimated from
   * the share of the grid's area that moves.
   */
  households: number;
  population: number;
  /**
   * Open cases (民情: pending, accepted, in progress) that go to `to`; where `to` is null their
   * point lies in no current grid: they stay with `from` and are escalated to the community.
   */
  cases: number;
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
  /** 'buildings' (exact sums) or 'estimate' (typed, or moved by area share). */
  householdsSource: 'buildings' | 'estimate';
  buildings: number;
  /** Against the community's size target. */
  range: 'below' | 'within' | 'above';
  areaSqm: number;
  retired: boolean;
}

/** What an edit moves between grids and each touched grid's totals afterwards. */
export interface Impact {
  moves: ImpactMove[];
  grids: ImpactGrid[];
  /** The size target of the community the edit is in (households per grid). */
  target: SizeTarget;
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

/** The preview's answer: every broken rule, or the shapes as they would be saved (the edited grid first) and what would move. */
export type PreviewResult =
  | { valid: true; violations: []; features: GridFeature[]; impact: Impact }
  | { valid: false; violations: Violation[] };

/** Create, update, split, merge and restore answer with the saved grid and every neighbour it changed. */
export interface EditResponse {
  feature: GridFeature;
  neighbours: GridFeature[];
  impact: Impact;
  /** The changeset the save made: GET /api/changesets lists it, POST /api/changesets/{id}/revert undoes it. */
  changesetId: number;
}

export interface RetireResponse {
  id: number;
  version: number;
  retired: true;
  impact: Impact;
  changesetId: number;
}

/** What saved a changeset (changeset.kind): a grid edit's kind, an import, or the revert of another changeset. */
export const CHANGESET_KINDS = ['create', 'update', 'restore', 'split', 'merge', 'retire', 'import', 'revert', 'assign', 'rebalance', 'draft'] as const;
export type ChangesetKind = (typeof CHANGESET_KINDS)[number];

/** One grid a changeset touched: its version before (null: the changeset created it) and after. */
export interface ChangesetGrid {
  id: number;
  code: string;
  name: string;
  versionBefore: number | null;
  versionAfter: number;
}

/** One save as the planner made it, with every grid it changed. */
export interface Changeset {
  id: number;
  kind: ChangesetKind;
  note: string | null;
  author: string | null;
  at: string;
  /** For a revert: the changeset it undid. */
  reverts: number | null;
  /** The revert that undid this changeset, if any. */
  revertedBy: number | null;
  grids: ChangesetGrid[];
}

/** POST /api/changesets/{id}/revert (and …/revert/preview, where the note may be left out). */
export interface RevertChangesetRequest {
  note: string;
}

/** A revert's answer: every grid of the changeset as it now is (current ones as features, the rest retired) and what moved. */
export interface RevertResponse {
  /** The revert's own changeset. */
  changesetId: number;
  reverted: number;
  features: GridFeature[];
  retired: GridRef[];
  impact: Impact;
}

/** The revert's dry run: the same answer without saving, or every rule the result would break. */
export type RevertPreview =
  | ({ valid: true; violations: [] } & Omit<RevertResponse, 'changesetId'>)
  | { valid: false; violations: Violation[] };

/** Why a grid version exists (grid_version.change_kind). */
export const CHANGE_KINDS = ['import', 'create', 'update', 'split', 'merge', 'retire', 'restore', 'neighbour', 'assign'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface GridVersion {
  version: number;
  changeKind: ChangeKind;
  /** The save that wrote this version (null for versions from before changesets, such as the demo load). */
  changesetId: number | null;
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

/** GET /api/grids/{id}/history: every version, newest first, and the grids it came from or went into. */
export interface GridHistory {
  id: number;
  code: string;
  communityCode: string;
  retired: boolean;
  currentVersion: number;
  versions: GridVersion[];
  lineage: { parentId: number; childId: number; kind: string; at: string }[];
}

/** GET /api/communities/{code}/coverage-check: how completely the community's grids cover it. */
export interface CoverageReport {
  communityCode: string;
  communityName: string;
  areaSqm: number;
  gridCount: number;
  coveredRatio: number;
  gaps: FeatureCollection<Polygon, { areaSqm: number }>;
  overlaps: FeatureCollection<Polygon, { grids: number[]; codes: string[]; areaSqm: number }>;
  /** Grids whose households are outside the community's size target. */
  outOfRange: { id: number; code: string; name: string; households: number; range: 'below' | 'above' }[];
  target: SizeTarget;
}
