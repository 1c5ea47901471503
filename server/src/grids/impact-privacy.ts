import type { GridTotals, Impact, Move } from './grid-edits.ts';

/** A member count as a planner sees it: exact from the threshold up, otherwise only "fewer than N". */
export type ShownCount = number | { fewerThan: number };

export interface ShownImpact {
  moves: (Omit<Move, 'members'> & { members: ShownCount })[];
  grids: (Omit<GridTotals, 'members'> & { members: ShownCount })[];
}

function shown(n: number, minCount: number): ShownCount {
  return n >= minCount ? n : { fewerThan: minCount };
}

/**
 * The impact of an edit with its member counts made safe to show: any count under minCount
 * (MIN_CELL_COUNT), nought included, reads "fewer than N", so a box drawn around a few homes
 * cannot count them; and a move that carries nothing but such a count is left out, since its
 * presence alone would tell that somebody lives there. Stations and households stay exact.
 */
export function shownImpact(impact: Impact, minCount: number): ShownImpact {
  return {
    moves: impact.moves
      .filter((m) => m.members >= minCount || m.facilities > 0 || m.households > 0)
      .map((m) => ({ ...m, members: shown(m.members, minCount) })),
    grids: impact.grids.map((g) => ({ ...g, members: shown(g.members, minCount) })),
  };
}
