import { useQuery } from '@tanstack/react-query';
import { getCoverageBalance } from '../../api/getCoverageBalance';
import { getCoverageGrids } from '../../api/getCoverageGrids';
import { getCoverageHeatmap } from '../../api/getCoverageHeatmap';
import { getCoverageSummary } from '../../api/getCoverageSummary';
import { getStationReach, type ReachRadius } from '../../api/getStationReach';
import { getSuggestedStations } from '../../api/getSuggestedStations';
import { queryRoot } from '../../api/queryClient';
import type { BBox } from '../../api/types';

// Every coverage answer is keyed by the signed-in region: the server keeps to it, so two
// accounts in one tab never share an answer.

/** Cells the server keeps pre-binned: 250 m for a district or smaller, 1 km for a whole city. */
const heatCellMeters = (regionCode: string) => (regionCode.length <= 4 ? 1000 : 250);

/**
 * Per-grid numbers only: the map draws the grids from the shell's vector tiles and joins these
 * on by id, so opening the district-wide view downloads no grid geometry.
 */
export function useCoverageGrids(region: string) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'grids', region],
    queryFn: async ({ signal }) => (await getCoverageGrids(undefined, signal)).grids,
    enabled: region !== '',
  });
}

/** 网格规模: asked for only while its layer is on (a city's 10,000 rows are not free). */
export function useCoverageBalance(region: string, enabled: boolean) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'balance', region],
    queryFn: async ({ signal }) => (await getCoverageBalance(undefined, signal)).grids,
    enabled: region !== '' && enabled,
  });
}

export function useCoverageSummary(region: string, radiusMeters: number) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'summary', region, radiusMeters],
    queryFn: ({ signal }) => getCoverageSummary({ radiusMeters }, signal),
    enabled: region !== '',
  });
}

/** The heatmap asks for the district's box (null until known); the server keeps to the region within it. */
export function useCoverageHeatmap(region: string, bbox: BBox | null) {
  const cellMeters = heatCellMeters(region);
  return useQuery({
    queryKey: [queryRoot.coverage, 'heatmap', region, bbox, cellMeters],
    queryFn: ({ signal }) => getCoverageHeatmap({ bbox: bbox!, cellMeters }, signal),
    enabled: region !== '' && bbox !== null,
  });
}

export function useStationReach(region: string, radiusMeters: ReachRadius) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'reach', region, radiusMeters],
    queryFn: ({ signal }) => getStationReach({ radiusMeters }, signal),
    enabled: region !== '',
  });
}

export interface SuggestionRequest {
  count: number;
  radiusMeters: ReachRadius;
}

/** Suggested sites take seconds on the server, so they are asked for only on request (null: not yet). */
export function useSuggestedStations(region: string, request: SuggestionRequest | null) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'suggestions', region, request?.count, request?.radiusMeters],
    queryFn: ({ signal }) => getSuggestedStations({ count: request!.count, radiusMeters: request!.radiusMeters }, signal),
    enabled: region !== '' && request !== null,
  });
}
