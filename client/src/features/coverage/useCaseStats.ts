import { useQuery } from '@tanstack/react-query';
import { getCaseCategories, getCaseDensity } from '../../api/getCaseDensity';
import { getCasePoints, getCaseScorecard, getCaseTrend, type CaseStatsPeriodQuery } from '../../api/getCaseStats';
import { queryRoot } from '../../api/queryClient';
import { useMapOverlay } from '../../map/useMapOverlay';
import { CaseDensityLayer } from './caseDensityLayer';
import { CaseLayers } from './caseLayers';
import type { CasePointProperties } from '../../api/getCaseStats';

// The 民情 tab's server state: keyed by the signed-in region and the period, like coverage.

export const PERIOD_DAYS = [30, 90, 365] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
export const TREND_WEEKS = 12;

/** Today in China (YYYY-MM-DD) and the day `days − 1` before it: the period's first and last dates. */
export function periodDates(days: PeriodDays, now = new Date()): { from: string; to: string } {
  const chinaNow = new Date(now.getTime() + 8 * 3_600_000);
  const to = chinaNow.toISOString().slice(0, 10);
  const from = new Date(chinaNow.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export function useCaseScorecard(region: string, period: CaseStatsPeriodQuery) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'cases', 'scorecard', region, period.from, period.to],
    queryFn: ({ signal }) => getCaseScorecard(period, signal),
    enabled: region !== '',
  });
}

export function useCasePoints(region: string, period: CaseStatsPeriodQuery) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'cases', 'points', region, period.from, period.to],
    queryFn: ({ signal }) => getCasePoints(period, signal),
    enabled: region !== '',
  });
}

export function useCaseTrend(region: string) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'cases', 'trend', region, TREND_WEEKS],
    queryFn: ({ signal }) => getCaseTrend({ weeks: TREND_WEEKS }, signal),
    enabled: region !== '',
  });
}

/** The public density (no account needed); `category` '' for all. */
export function useCaseDensity(category: string, enabled = true) {
  return useQuery({
    queryKey: [queryRoot.coverage, 'cases', 'density', category],
    queryFn: ({ signal }) => getCaseDensity({ category: category || undefined }, signal),
    enabled,
  });
}

export function useCaseCategories() {
  return useQuery({
    queryKey: [queryRoot.coverage, 'cases', 'categories'],
    queryFn: ({ signal }) => getCaseCategories(signal),
    staleTime: 10 * 60_000,
  });
}

/** The case points on the shell's map while the tab is open (null until the map is ready). */
export function useCaseLayers(describe: (p: CasePointProperties) => HTMLElement): CaseLayers | null {
  return useMapOverlay((map) => new CaseLayers(map, describe));
}

/** The public density's cells on the shell's map while the section is shown (null until the map is ready). */
export function useDensityLayer(): CaseDensityLayer | null {
  return useMapOverlay((map) => new CaseDensityLayer(map));
}
