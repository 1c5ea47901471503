import type { CoverageReport } from './gridEditTypes';
import { getJson } from './http';

/** How completely a community's grids cover it: gaps, overlaps and the covered share. */
export function getCoverageCheck(communityCode: string, signal?: AbortSignal): Promise<CoverageReport> {
  return getJson<CoverageReport>(`/api/communities/${encodeURIComponent(communityCode)}/coverage-check`, signal);
}
