import { useQuery } from '@tanstack/react-query';
import { getBuildings } from '../../../api/buildings';
import { queryRoot } from '../../../api/queryClient';

// The chosen community's buildings. Keyed under the grids: every grid edit (a move, a reshape, a
// rebalance) may hand buildings to another grid, and its invalidation of [queryRoot.grids] reaches them.

export const buildingKeys = {
  community: (communityCode: string | null) => [queryRoot.grids, 'buildings', communityCode] as const,
};

export function useCommunityBuildings(communityCode: string | null) {
  return useQuery({
    queryKey: buildingKeys.community(communityCode),
    queryFn: ({ signal }) => getBuildings({ community: communityCode! }, signal),
    enabled: communityCode !== null,
  });
}
