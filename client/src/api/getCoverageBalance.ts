import type { CoverageBalance } from '../../../server/src/contract/coverage.ts';
import { getJson, withQuery } from './http';

export type { CoverageBalance, CoverageBalanceGrid } from '../../../server/src/contract/coverage.ts';

/** Each grid's households against its community's size target (default: the caller's whole scope). */
export function getCoverageBalance(region?: string, signal?: AbortSignal): Promise<CoverageBalance> {
  return getJson<CoverageBalance>(withQuery('/api/coverage/balance', { region }), signal);
}
