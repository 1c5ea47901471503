import type { Crs } from './getNearest';
import { getJson, withQuery } from './http';

export type SearchResultType = 'facility' | 'street' | 'community' | 'grid';

export interface SearchResult {
  type: SearchResultType;
  /** Facility or grid id; the region code for streets and communities. */
  id: string;
  code: string | null;
  name: string;
  /** Where it is: a facility's address, a region's parent, a grid's community. */
  context: string;
  /** A point on it, in the requested system. */
  location: { lng: number; lat: number; crs: Crs };
}

export interface SearchResponse {
  q: string;
  results: SearchResult[];
}

/** Stations, streets, communities and grids by part of a name or the start of a code. */
export function searchPlaces(q: string, options: { limit?: number; crs?: Crs } = {}, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson<SearchResponse>(withQuery('/api/search', { q, limit: options.limit, crs: options.crs }), signal);
}
