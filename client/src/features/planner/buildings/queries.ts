import { useQuery } from '@tanstack/react-query';
import type { BuildingCollection } from '../../../../../server/src/contract/buildings.ts';
import { getJson, withQuery } from '../../../api/http';
import { queryRoot } from '../../../api/queryClient';

// The chosen community's buildings. Keyed under the grids: every grid edit (a move, a reshape, a
// rebalance) may hand buildings to another grid, and its invalidation of [queryRoot.grids] reaches them.

export const buildingKeys = {
  community: (communityCode: string | null) => [queryRoot.grids, 'buildings', communityCode] as const,
};

export function getCommunityBuildings(communityCode: string, signal?: AbortSignal): Promise<BuildingCollection> {
  return getJson<BuildingCollection>(withQuery('/api/buildings', { community: communityCode }), signal);
}

export function useCommunityBuildings(communityCode: string | null) {
  return useQuery({
    queryKey: buildingKeys.community(communityCode),
    queryFn: ({ signal }) => getCommunityBuildings(communityCode!, signal),
    enabled: communityCode !== null,
  });
}
