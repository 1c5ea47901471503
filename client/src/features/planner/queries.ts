import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getCommunityBalance } from '../../api/balance';
import { getChangesets } from '../../api/getChangesets';
import { getCoverageCheck } from '../../api/getCoverageCheck';
import { getGridHistory } from '../../api/getGridHistory';
import { getGrids } from '../../api/getGrids';
import { getRegions } from '../../api/getRegions';
import { queryRoot } from '../../api/queryClient';
import { previewRevert } from '../../api/revertChangeset';
import type { GridFeature, RegionFeature } from '../../api/types';

// What the planner reads from the server, each keyed by the stored data behind it, so a save's
// invalidation of [queryRoot.grids] (and [queryRoot.coverage]) reaches every view of it.

export const plannerKeys = {
  communityGrids: (communityCode: string | null) => [queryRoot.grids, { community: communityCode }] as const,
  history: (gridId: number) => [queryRoot.grids, 'history', gridId] as const,
  changesets: (gridId: number) => [queryRoot.grids, 'changesets', gridId] as const,
  revertPreview: (changesetId: number) => [queryRoot.grids, 'preview', 'revert', changesetId] as const,
  coverage: (communityCode: string) => [queryRoot.coverage, communityCode] as const,
  /** With the coverage figures: every save makes it stale, and a failure to read it again does not fail the save. */
  balance: (communityCode: string) => [queryRoot.coverage, 'balance', communityCode] as const,
  regions: (level: 'community' | 'street') => [queryRoot.regions, { level }] as const,
};

export interface CommunityGroup {
  street: RegionFeature | null;
  communities: RegionFeature[];
}

export type CommunitiesView =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; communities: RegionFeature[]; groups: CommunityGroup[] };

function groupByStreet(communities: RegionFeature[], streets: RegionFeature[]): CommunityGroup[] {
  const byStreet = new Map<string, RegionFeature[]>();
  for (const c of communities) {
    const key = c.properties.parentCode ?? c.properties.code.slice(0, 9);
    byStreet.set(key, [...(byStreet.get(key) ?? []), c]);
  }
  return [...byStreet.entries()].map(([code, list]) => ({
    street: streets.find((s) => s.properties.code === code) ?? null,
    communities: list,
  }));
}

/** The communities the planner may edit (those inside the account's region), grouped by street. */
export function useCommunities(scope: string | null): { view: CommunitiesView; retry: () => void } {
  const communities = useQuery({ queryKey: plannerKeys.regions('community'), queryFn: ({ signal }) => getRegions('community', signal) });
  const streets = useQuery({ queryKey: plannerKeys.regions('street'), queryFn: ({ signal }) => getRegions('street', signal) });
  const view = useMemo<CommunitiesView>(() => {
    const error = communities.error ?? streets.error;
    if (error) return { status: 'error', error };
    if (!communities.data || !streets.data) return { status: 'loading' };
    const inScope = communities.data.features
      .filter((c) => scope === null || c.properties.code.startsWith(scope))
      .sort((a, b) => a.properties.code.localeCompare(b.properties.code));
    return { status: 'ready', communities: inScope, groups: groupByStreet(inScope, streets.data.features) };
  }, [communities.data, communities.error, streets.data, streets.error, scope]);
  const retry = () => {
    void communities.refetch();
    void streets.refetch();
  };
  return { view, retry };
}

export type GridsStatus = 'idle' | 'loading' | 'error' | 'ready';

const NO_GRIDS: GridFeature[] = [];

/** Every current grid of one community (all of them, not only those in view): the planner edits against these. */
export function useCommunityGrids(communityCode: string | null) {
  const query = useQuery({
    queryKey: plannerKeys.communityGrids(communityCode),
    queryFn: ({ signal }) => getGrids({ community: communityCode ?? '' }, signal),
    enabled: communityCode !== null,
  });
  // A reload counts as loading (the tools wait for it), but the list shown stays until it is in.
  const status: GridsStatus = communityCode === null ? 'idle' : query.isFetching ? 'loading' : query.isError ? 'error' : query.isSuccess ? 'ready' : 'loading';
  return { status, error: query.error, grids: query.data?.features ?? NO_GRIDS, retry: () => void query.refetch() };
}

export function useGridHistory(gridId: number) {
  return useQuery({ queryKey: plannerKeys.history(gridId), queryFn: ({ signal }) => getGridHistory(gridId, signal) });
}

export function useChangesets(gridId: number) {
  return useQuery({ queryKey: plannerKeys.changesets(gridId), queryFn: ({ signal }) => getChangesets(gridId, signal) });
}

/** The revert as it would be; asked again each time the dialog opens (the grids may have changed). */
export function useRevertPreview(changesetId: number) {
  return useQuery({ queryKey: plannerKeys.revertPreview(changesetId), queryFn: ({ signal }) => previewRevert(changesetId, signal), staleTime: 0, gcTime: 0, retry: false });
}

export function useCoverage(communityCode: string) {
  return useQuery({ queryKey: plannerKeys.coverage(communityCode), queryFn: ({ signal }) => getCoverageCheck(communityCode, signal) });
}

/** The community's grids against its household target; read again after every save. */
export function useCommunityBalance(communityCode: string) {
  return useQuery({ queryKey: plannerKeys.balance(communityCode), queryFn: ({ signal }) => getCommunityBalance(communityCode, signal) });
}
