import type { CoverageGrids } from '../../../server/src/contract/coverage.ts';
import { getJson, withQuery } from './http';

export type { CoverageGrid, CoverageGrids } from '../../../server/src/contract/coverage.ts';

/** Per-grid coverage for a region (default: the caller's whole scope). */
export function getCoverageGrids(region?: string, signal?: AbortSignal): Promise<CoverageGrids> {
  return getJson<CoverageGrids>(withQuery('/api/coverage/grids', { region }), signal);
}
