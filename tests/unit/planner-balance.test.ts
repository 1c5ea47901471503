import { describe, expect, it } from 'vitest';
import type { CommunityBalance } from '../../client/src/api/balance.ts';
import type { Impact, ImpactGrid } from '../../client/src/api/gridEditTypes.ts';
import { barScale, overlayBalance } from '../../client/src/features/planner/balanceFigures.ts';
import { readTarget } from '../../client/src/features/planner/SizeTargetForm.tsx';

// The planner's side panel shows the community's balance with the edit being drawn put in:
// the grids the dry run touches take its figures, and the community's figures follow.

const target = { min: 300, max: 500, maxDeviation: 0.25, from: 'default' };
const grid = (id: number, households: number, range: 'below' | 'within' | 'above') => ({
  id,
  code: `32021302100100${id}`,
  name: `第${id}网格`,
  version: 1,
  households,
  population: households * 2,
  buildings: 10,
  deviation: 0,
  compactness: 0.6,
  range,
});
const balance: CommunityBalance = {
  communityCode: '320213021001',
  communityName: '胜利门社区',
  target,
  householdsSource: 'buildings',
  households: 1500,
  population: 3000,
  evenShare: 500,
  maxDeviation: 0.2,
  outOfRange: 1,
  grids: [grid(1, 600, 'above'), grid(2, 450, 'within'), grid(3, 450, 'within')],
};
const touched = (id: number, households: number, range: ImpactGrid['range'], retired = false): ImpactGrid => ({
  id,
  code: `32021302100100${id}`,
  name: `第${id}网格`,
  version: 1,
  members: 0,
  facilities: 0,
  households,
  population: households * 2,
  householdsSource: 'buildings',
  buildings: 10,
  range,
  areaSqm: 1000,
  retired,
});

describe('the balance while drawing', () => {
  it('takes the dry run’s figures for the grids it touches and works out the community’s again', () => {
    const impact: Impact = { moves: [], grids: [touched(1, 480, 'within'), touched(2, 570, 'above')], target };
    const live = overlayBalance(balance, impact);
    expect(live.grids.map((g) => [g.id, g.households, g.range])).toEqual([
      [1, 480, 'within'],
      [2, 570, 'above'],
      [3, 450, 'within'],
    ]);
    expect(live.households).toBe(1500);
    expect(live.outOfRange).toBe(1);
    expect(live.maxDeviation).toBeCloseTo(0.14, 5);
  });

  it('drops a retired grid and adds a new one', () => {
    const impact: Impact = { moves: [], grids: [touched(3, 0, 'below', true), touched(2, 600, 'within'), touched(9, 300, 'within')], target };
    const live = overlayBalance(balance, impact);
    expect(live.grids.map((g) => g.id)).toEqual([1, 2, 9]);
    expect(live.evenShare).toBe(500);
  });

  it('is the stored balance without a dry run', () => {
    expect(overlayBalance(balance, null)).toBe(balance);
  });

  it('places the range and a figure on one bar', () => {
    const scale = barScale([900], target);
    expect(scale.at(900)).toBeCloseTo(900 / 945, 5);
    expect(scale.min).toBeCloseTo(300 / 945, 5);
    expect(barScale([10], target).at(750)).toBe(1);
  });
});

describe('the target form', () => {
  it('reads whole households and a percentage', () => {
    expect(readTarget({ min: '280', max: '520', deviation: '20' })).toEqual({ target: { min: 280, max: 520, maxDeviation: 0.2 }, errors: {} });
  });

  it('says what is wrong with each field', () => {
    expect(readTarget({ min: '0', max: '500', deviation: '25' }).errors).toEqual({ min: 'targetBadMin' });
    expect(readTarget({ min: '400', max: '300', deviation: '25' }).errors).toEqual({ max: 'targetBadMax' });
    expect(readTarget({ min: '300', max: '500', deviation: '150' }).errors).toEqual({ deviation: 'targetBadDeviation' });
    expect(readTarget({ min: 'x', max: '', deviation: '' }).target).toBeNull();
  });
});
