import { describe, expect, it } from 'vitest';
import type { CoverageBalanceGrid } from '../../server/src/contract/coverage.ts';
import { balanceChoropleth, balanceClass, WITHIN_CLASS } from '../../client/src/features/coverage/balance.ts';

// The leader map's 网格规模 layer: each grid's colour class against its own target, and typed
// figures (估算) marked so the map itself tells them from counted ones.

function grid(id: number, households: number, householdsSource: CoverageBalanceGrid['householdsSource'] = 'buildings'): CoverageBalanceGrid {
  return { id, code: `32021302100100${id}`, name: `第${id}网格`, communityCode: '320213021001', households, population: households * 2, householdsSource, min: 300, max: 500, range: households < 300 ? 'below' : households > 500 ? 'above' : 'within', deviation: 0 };
}

describe('网格规模 classes', () => {
  it('are darker the further a grid is from its range, on either side', () => {
    expect(balanceClass(grid(1, 400))).toBe(WITHIN_CLASS);
    expect(balanceClass(grid(2, 290))).toBe(WITHIN_CLASS - 1);
    expect(balanceClass(grid(3, 100))).toBe(WITHIN_CLASS - 3);
    expect(balanceClass(grid(4, 560))).toBe(WITHIN_CLASS + 1);
    expect(balanceClass(grid(5, 800))).toBe(WITHIN_CLASS + 3);
  });

  it('mark the grids whose households are estimates, and keep the branch outline', () => {
    const map = balanceChoropleth([grid(1, 400), grid(2, 120, 'estimate')], new Map([[1, false]]));
    expect(map.states).toEqual([
      { id: '1', cls: WITHIN_CLASS, hasBranch: false, estimate: false },
      { id: '2', cls: WITHIN_CLASS - 3, hasBranch: true, estimate: true },
    ]);
  });
});
