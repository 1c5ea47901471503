import { getJson, withQuery } from './http';

export interface SuggestedSite {
  gridId: number | string;
  gridCode: string;
  gridName: string;
  lng: number;
  lat: number;
  /** Members not yet within reach that a station here would reach. */
  addsMembers: number;
  /** The members-within-reach share (0–1) once this and every earlier site are added. */
  shareAfter: number | null;
}

export interface SuggestedStations {
  region: string;
  radiusMeters: number;
  members: number;
  shareBefore: number | null;
  sites: SuggestedSite[];
}

/** Greedy maximum-coverage sites for new stations; takes several seconds on the server. */
export function getSuggestedStations(
  query: { region?: string; count?: number; radiusMeters?: number } = {},
  signal?: AbortSignal,
): Promise<SuggestedStations> {
  return getJson<SuggestedStations>(withQuery('/api/coverage/suggest-stations', query), signal);
}
