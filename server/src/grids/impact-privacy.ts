import type { Impact as ShownImpact, ShownCount } from '../contract/grids.ts';
import type { Impact } from './grid-edits.ts';

function shown(n: number, minCount: number): ShownCount {
  return n >= minCount ? n : { fewerThan: minCount };
}

/**
 * The impact of an edit with its member counts made safe to show: any count under minCount
 * (MIN_CELL_COUNT), nought included, reads "fewer than N", so a box drawn around a few homes
 * cannot count them; and a move that carries nothing but such a count is left out, since its
 * presence alone would tell that somebody lives there. Stations, households and open cases stay exact.
 */
export function shownImpact(impact: Impact, minCount: number): ShownImpact {
  return {
    moves: impact.moves
      .filter((m) => m.members >= minCount || m.facilities > 0 || m.buildings > 0 || m.households > 0 || m.population > 0 || m.cases > 0)
      .map((m) => ({ ...m, members: shown(m.members, minCount) })),
    grids: impact.grids.map((g) => ({ ...g, members: shown(g.members, minCount) })),
    target: impact.target,
  };
}
