import type { Crs } from '../../../server/src/contract/crs.ts';
import type { SearchResponse } from '../../../server/src/contract/finder.ts';
import { getJson, withQuery } from './http';

export type { SearchResponse, SearchResult, SearchResultType } from '../../../server/src/contract/finder.ts';

/** Stations, streets, communities and grids by part of a name or the start of a code. */
export function searchPlaces(q: string, options: { limit?: number; crs?: Crs } = {}, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson<SearchResponse>(withQuery('/api/search', { q, limit: options.limit, crs: options.crs }), signal);
}
