import type { CommunityBalance, SizeTarget, SizeTargetRequest } from '../../../server/src/contract/buildings.ts';
import { getJson, sendJson } from './http';

// A community's grid sizes against its household target (网格规模), and the target itself.

export type { BalanceGrid, CommunityBalance, SizeTarget, SizeTargetRequest } from '../../../server/src/contract/buildings.ts';

const region = (code: string) => encodeURIComponent(code);

/** Every grid of the community against its target: households, deviation, out of range. */
export function getCommunityBalance(communityCode: string, signal?: AbortSignal): Promise<CommunityBalance> {
  return getJson<CommunityBalance>(`/api/communities/${region(communityCode)}/balance`, signal);
}

/** The household range that applies to a region (its own, else the nearest one above it, else the default). */
export function getSizeTarget(regionCode: string, signal?: AbortSignal): Promise<SizeTarget> {
  return getJson<SizeTarget>(`/api/regions/${region(regionCode)}/size-target`, signal);
}

/** Sets a region's household range per grid (planner within scope, admin); bad values → 422 BAD_TARGET. */
export function putSizeTarget(regionCode: string, target: SizeTargetRequest): Promise<SizeTarget> {
  return sendJson<SizeTarget>('PUT', `/api/regions/${region(regionCode)}/size-target`, target satisfies SizeTargetRequest);
}
