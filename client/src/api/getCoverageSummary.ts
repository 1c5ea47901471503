import type { CoverageSummary } from '../../../server/src/contract/coverage.ts';
import { getJson, withQuery } from './http';

export type { CoverageSummary } from '../../../server/src/contract/coverage.ts';

export function getCoverageSummary(
  query: { region?: string; radiusMeters?: number } = {},
  signal?: AbortSignal,
): Promise<CoverageSummary> {
  return getJson<CoverageSummary>(withQuery('/api/coverage/summary', query), signal);
}
