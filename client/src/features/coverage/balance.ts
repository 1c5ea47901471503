import type { CoverageBalanceGrid } from '../../api/getCoverageBalance';
import { BR_BG_DIVERGING } from '../../map/palettes';
import type { Choropleth } from './legend';

// 网格规模 as a diverging choropleth: within the target is the neutral middle class; below and
// above take the two hues, darker the further a grid is from the range (relative to the bound it
// crossed: under 20 %, 20–40 %, 40 % and more).

/** Distance steps from the range, as shares of the bound crossed. */
export const BALANCE_STEPS = [0.2, 0.4] as const;
/** Class 3 of 7 is "within"; 0–2 below (far … near), 4–6 above (near … far). */
export const WITHIN_CLASS = 3;
export const BALANCE_COLORS: readonly string[] = BR_BG_DIVERGING;

/** A grid's class 0–6 against its own target. */
export function balanceClass(g: Pick<CoverageBalanceGrid, 'households' | 'min' | 'max'>): number {
  const step = (share: number) => (share < BALANCE_STEPS[0] ? 0 : share < BALANCE_STEPS[1] ? 1 : 2);
  if (g.households < g.min) return WITHIN_CLASS - 1 - step(g.min > 0 ? (g.min - g.households) / g.min : 1);
  if (g.households > g.max) return WITHIN_CLASS + 1 + step(g.max > 0 ? (g.households - g.max) / g.max : 1);
  return WITHIN_CLASS;
}

/** The map's classes for the grid tiles, joined by id (hasBranch from the coverage figures, for the outline; typed figures dashed as 估算). */
export function balanceChoropleth(grids: readonly CoverageBalanceGrid[], hasBranch: ReadonlyMap<number, boolean>): Choropleth {
  return {
    breaks: [],
    colors: [...BALANCE_COLORS],
    states: grids.map((g) => ({ id: String(g.id), cls: balanceClass(g), hasBranch: hasBranch.get(g.id) ?? true, estimate: g.householdsSource === 'estimate' })),
    hasNoData: false,
  };
}

export interface TargetSummary {
  min: number;
  max: number;
  /** false: the region's communities have different targets (min/max is the most common one). */
  single: boolean;
}

/** The target most grids have, and whether it is everybody's; null without grids. */
export function commonTarget(grids: readonly CoverageBalanceGrid[]): TargetSummary | null {
  const counts = new Map<string, { min: number; max: number; n: number }>();
  for (const g of grids) {
    const key = `${g.min}-${g.max}`;
    const c = counts.get(key) ?? { min: g.min, max: g.max, n: 0 };
    c.n += 1;
    counts.set(key, c);
  }
  let best: { min: number; max: number; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best ? { min: best.min, max: best.max, single: counts.size === 1 } : null;
}

/** The household bounds of the classes for one target: [far/mid, mid/near] below, [near/mid, mid/far] above. */
export function classBounds(min: number, max: number): { below: [number, number]; above: [number, number] } {
  const r = (v: number) => Math.round(v);
  return {
    below: [r(min * (1 - BALANCE_STEPS[1])), r(min * (1 - BALANCE_STEPS[0]))],
    above: [r(max * (1 + BALANCE_STEPS[0])), r(max * (1 + BALANCE_STEPS[1]))],
  };
}

/** A row of the out-of-range table (sortable columns are plain values). */
export interface OutOfRangeRow {
  id: number;
  code: string;
  name: string;
  communityCode: string;
  communityName: string;
  households: number;
  estimate: boolean;
  min: number;
  max: number;
  range: 'below' | 'above';
  deviation: number;
  /** How far outside the range, as a share of the bound crossed (for sorting by 偏多/偏少). */
  outside: number;
}

export function outOfRangeRows(grids: readonly CoverageBalanceGrid[], communityName: (code: string) => string): OutOfRangeRow[] {
  const rows: OutOfRangeRow[] = [];
  for (const g of grids) {
    if (g.range === 'within') continue;
    const outside = g.range === 'below' ? -(g.min - g.households) / Math.max(g.min, 1) : (g.households - g.max) / Math.max(g.max, 1);
    rows.push({
      id: g.id,
      code: g.code,
      name: g.name,
      communityCode: g.communityCode,
      communityName: communityName(g.communityCode),
      households: g.households,
      estimate: g.householdsSource === 'estimate',
      min: g.min,
      max: g.max,
      range: g.range,
      deviation: g.deviation,
      outside,
    });
  }
  return rows;
}
