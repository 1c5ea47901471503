import type { BalanceGrid, CommunityBalance, SizeTarget } from '../contract/buildings.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { householdRange, sizeTarget } from './size-target.ts';

const COMMUNITY_BALANCE = sqlFile(import.meta.url, 'community-balance.sql');

export interface GridFigures {
  id: number;
  code: string;
  name: string;
  version: number;
  households: number;
  population: number;
  buildings: number;
  compactness: number;
}

/** The community's current grids (or only `ids`) with their figures and compactness; 404 when there is no such community. */
export async function gridFigures(db: Queryable, communityCode: string, ids: number[] | null = null): Promise<{ name: string; hasBuildings: boolean; grids: GridFigures[] }> {
  const [row] = await db.query<{ community_name: string; has_buildings: boolean; grids: GridFigures[] | string }>(COMMUNITY_BALANCE, [communityCode, ids]);
  if (!row) throw new HttpError(404, 'COMMUNITY_NOT_FOUND', `没有这个社区 (no community with code ${communityCode})`);
  return { name: row.community_name, hasBuildings: row.has_buildings, grids: typeof row.grids === 'string' ? (JSON.parse(row.grids) as GridFigures[]) : row.grids };
}

/** A community's grids against its target: deviation from the even share, range, compactness. */
export async function communityBalance(db: Queryable, communityCode: string): Promise<CommunityBalance> {
  const figures = await gridFigures(db, communityCode);
  const target = await sizeTarget(db, communityCode);
  return balanceOf(communityCode, figures.name, figures.hasBuildings, figures.grids, target);
}

export function balanceOf(communityCode: string, communityName: string, hasBuildings: boolean, figures: GridFigures[], target: SizeTarget): CommunityBalance {
  const households = figures.reduce((s, g) => s + g.households, 0);
  const population = figures.reduce((s, g) => s + g.population, 0);
  const evenShare = figures.length > 0 ? households / figures.length : null;
  const grids: BalanceGrid[] = figures.map((g) => ({
    ...g,
    deviation: evenShare ? (g.households - evenShare) / evenShare : 0,
    range: householdRange(g.households, target),
  }));
  return {
    communityCode,
    communityName,
    target,
    householdsSource: hasBuildings ? 'buildings' : 'estimate',
    households,
    population,
    evenShare,
    maxDeviation: grids.reduce((m, g) => Math.max(m, Math.abs(g.deviation)), 0),
    outOfRange: grids.filter((g) => g.range !== 'within').length,
    grids,
  };
}
