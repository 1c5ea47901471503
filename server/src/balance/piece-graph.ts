// The unit graph rebalance and the first draft work on, in memory. A community is cut into
// pieces: each building's Voronoi cell (of the anchors, clipped to the community) intersected
// with each grid it reaches. A building's own piece (the part of its cell inside its grid) moves
// with it; the other pieces of its cell stay with the grid they are in. Pieces tile the community,
// so a grid's area, perimeter and contiguity after any set of moves follow from the pieces.

/** One piece of the community. */
export interface Piece {
  /** Index in PieceGraph.pieces. */
  index: number;
  /** The building whose cell this piece is part of. */
  buildingId: number;
  /** The grid it lies in now (null in a community without grids: the first draft). */
  gridId: number | null;
  /** true for the building's own piece (the part of its cell inside the building's grid): it moves with the building. */
  own: boolean;
  /** The building's figures on its own piece; 0 on the other pieces of its cell. */
  households: number;
  population: number;
  /**
   * The estate or block the building belongs to when its name tells (the part before the
   * number: 崇安新村 of 崇安新村12幢); the first draft keeps a block in one grid where it can.
   */
  block: string | null;
  areaSqm: number;
  perimeterM: number;
  /** The piece's centroid, [lng, lat]. */
  centroid: [number, number];
}

/** Two pieces sharing a border of lengthM metres. */
export interface PieceEdge {
  a: number;
  b: number;
  lengthM: number;
}

export interface PieceGraph {
  communityCode: string;
  pieces: Piece[];
  edges: PieceEdge[];
}

/** A building's move to another grid (by its own piece). */
export interface UnitMove {
  buildingId: number;
  from: number;
  to: number;
}

/** A grid size target as the algorithms need it (households per grid). */
export interface HouseholdTarget {
  min: number;
  max: number;
  maxDeviation: number;
}

// The algorithms' entry points (rebalance.ts, draft-division.ts), pure functions of the graph:
//
//   proposeRebalance(graph: PieceGraph, target: HouseholdTarget): RebalanceResult
//   draftDivision(graph: PieceGraph, target: HouseholdTarget, options: { k?: number }): DraftResult

export interface RebalanceResult {
  /** The fewest moves found; each building at most once, from its grid to an adjacent grid. */
  moves: UnitMove[];
  /** true when every grid is within [min, max] after the moves. */
  reachesRange: boolean;
  /** 'exact' (searched every move set up to the size found) or 'local-search'. */
  method: 'exact' | 'local-search';
}

export interface DraftResult {
  /** The building ids of each proposed grid, in the standard order (north to south, then west to east, by centroid). */
  regions: number[][];
  k: number;
  /** The regionalisation method used, for the planner (e.g. 'seeded region growing + AZP local search'). */
  method: string;
}
