/**
 * The planners' geometric rules, each in one place: drawn edits, splits, merges and imports judge
 * a grid by these numbers, and every SQL statement that applies one takes it as a parameter.
 */
export const GRID_RULES = {
  /** A grid may reach this far (metres) beyond its community's boundary and still count as inside; the stored shape is cut to the community. */
  communityToleranceM: 0.5,
  /** Area (m²) beyond that tolerance above which a grid is refused as reaching outside its community. */
  outsideAllowanceSqm: 1,
  /** Overlap (m²) with another grid above which a grid is refused; smaller slivers are drawing noise. */
  overlapAllowanceSqm: 1,
  /** Stored coordinates are rounded to this many degrees (about a centimetre), so shared borders match exactly. */
  precisionDeg: 1e-7,
  /** Two grids are neighbours (and may be merged) when their shared border is at least this long (metres). */
  sharedBorderMinM: 0.5,
  /**
   * An area (m²) under which a piece or a difference is a sliver of rounding: a split piece or a
   * released piece of a neighbour that small is dropped, an imported shape differing by less from
   * the stored one is the same shape.
   */
  sliverSqm: 0.01,
} as const;
