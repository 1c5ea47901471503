import { getJson, withQuery } from './http';
import type { RegionCollection, RegionLevel } from './types';

/** Regions of one level (city, district, street or community) as MultiPolygon features. */
export function getRegions(level: RegionLevel, signal?: AbortSignal): Promise<RegionCollection> {
  return getJson<RegionCollection>(withQuery('/api/regions', { level }), signal);
}
