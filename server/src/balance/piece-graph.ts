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
  households: number;
  population: number;
  areaSqm: number;
  perimeterM: number;
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
