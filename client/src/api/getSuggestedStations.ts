import type { SuggestedStations } from '../../../server/src/contract/coverage.ts';
import { getJson, withQuery } from './http';

export type { SuggestedSite, SuggestedStations } from '../../../server/src/contract/coverage.ts';

/** Greedy maximum-coverage sites for new stations; takes several seconds on the server. */
export function getSuggestedStations(
  query: { region?: string; count?: number; radiusMeters?: number } = {},
  signal?: AbortSignal,
): Promise<SuggestedStations> {
  return getJson<SuggestedStations>(withQuery('/api/coverage/suggest-stations', query), signal);
}
