import type { BalanceGrid, CommunityBalance, SizeTarget } from '../../api/balance';
import type { Impact } from '../../api/gridEditTypes';

// A community's balance as it would be with the edit being drawn: the stored balance with the
// dry run's figures put in place of the grids it touches.

export type SizeRange = BalanceGrid['range'];

/** (households − even share) / even share; 0 without an even share. */
function deviationOf(households: number, evenShare: number | null): number {
  return evenShare ? (households - evenShare) / evenShare : 0;
}

/**
 * `balance` with every grid the preview `impact` touches as it would be after the edit (retired
 * ones dropped, new ones added), and the community's figures (even share, deviations, grids out
 * of range) worked out again. Without an impact, `balance` itself.
 */
export function overlayBalance(balance: CommunityBalance, impact: Impact | null): CommunityBalance {
  if (!impact || impact.grids.length === 0) return balance;
  const touched = new Map(impact.grids.map((g) => [g.id, g]));
  const kept: BalanceGrid[] = [];
  for (const grid of balance.grids) {
    const after = touched.get(grid.id);
    if (!after) kept.push(grid);
    else if (!after.retired) kept.push({ ...grid, name: after.name, households: after.households, population: after.population, buildings: after.buildings, range: after.range });
  }
  const known = new Set(balance.grids.map((g) => g.id));
  for (const g of impact.grids) {
    if (known.has(g.id) || g.retired) continue;
    kept.push({ id: g.id, code: g.code, name: g.name, version: g.version, households: g.households, population: g.population, buildings: g.buildings, deviation: 0, compactness: 0, range: g.range });
  }
  const households = kept.reduce((sum, g) => sum + g.households, 0);
  const population = kept.reduce((sum, g) => sum + g.population, 0);
  const evenShare = kept.length > 0 ? households / kept.length : null;
  const grids = kept.map((g) => ({ ...g, deviation: deviationOf(g.households, evenShare) }));
  return {
    ...balance,
    target: impact.target ?? balance.target,
    households,
    population,
    evenShare,
    maxDeviation: grids.reduce((most, g) => Math.max(most, Math.abs(g.deviation)), 0),
    outOfRange: grids.filter((g) => g.range !== 'within').length,
    grids,
  };
}

/** A bar from 0 long enough for the target and every figure in `values`: where the range and each figure sit (fractions of its width). */
export function barScale(values: number[], target: SizeTarget): { min: number; max: number; at: (n: number) => number } {
  const end = Math.max(target.max * 1.5, ...values.map((v) => v * 1.05), 1);
  return { min: target.min / end, max: target.max / end, at: (n) => Math.min(Math.max(n, 0) / end, 1) };
}
