import type { SizeTarget } from '../contract/buildings.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const SIZE_TARGETS = sqlFile(import.meta.url, 'size-target.sql');

/** Where no region sets one: 300–500 households a grid (many cities' practice), at most 25 % from the even share. */
export const DEFAULT_SIZE_TARGET: SizeTarget = { min: 300, max: 500, maxDeviation: 0.25, from: 'default' };

export type HouseholdRange = 'below' | 'within' | 'above';

export function householdRange(households: number, target: Pick<SizeTarget, 'min' | 'max'>): HouseholdRange {
  if (households < target.min) return 'below';
  if (households > target.max) return 'above';
  return 'within';
}

/** The target of each community (its own, else its street's, else its district's, else the default). */
export async function sizeTargets(db: Queryable, communityCodes: readonly string[]): Promise<Map<string, SizeTarget>> {
  const rows = await db.query<{ community_code: string; min: number | null; max: number | null; max_deviation: number | null; from_code: string | null }>(
    SIZE_TARGETS,
    [[...new Set(communityCodes)]],
  );
  return new Map(rows.map((r) => [
    r.community_code,
    r.from_code === null ? DEFAULT_SIZE_TARGET : { min: r.min!, max: r.max!, maxDeviation: r.max_deviation!, from: r.from_code },
  ]));
}

export async function sizeTarget(db: Queryable, communityCode: string): Promise<SizeTarget> {
  return (await sizeTargets(db, [communityCode])).get(communityCode) ?? DEFAULT_SIZE_TARGET;
}
