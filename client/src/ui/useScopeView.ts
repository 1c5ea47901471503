import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getRegion } from '../api/getRegions';
import { queryRoot } from '../api/queryClient';
import { useMapController } from '../map/MapContext';
import { useSession } from './session';

/**
 * Opens a workspace on the signed-in account's own region: a street's leader sees the street, a
 * community's planner the community, not the whole district. Once, when the workspace opens (and
 * after the shell has fitted the map to the district); moving the map afterwards is the user's,
 * and a page opened from a link keeps the link's view.
 */
export function useScopeView(): void {
  const controller = useMapController();
  const code = useSession().user?.regionCode ?? null;
  const region = useQuery({
    queryKey: [queryRoot.regions, 'extent', code],
    queryFn: ({ signal }) => getRegion(code!, signal),
    enabled: code !== null,
    staleTime: Infinity,
  });
  const extent = region.data?.bbox;
  const key = extent?.join(',') ?? null;
  useEffect(() => {
    // A link's own view wins over the account's region.
    if (!controller || !extent || controller.openedAtLink) return;
    let live = true;
    void controller.whenDistrict().then(() => {
      if (live) controller.fitExtent(extent);
    });
    return () => {
      live = false;
    };
    // The extent's numbers, not the array's identity: a refetch with the same box does not move the map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, key]);
}
