import { getJson, withQuery } from './http';
import type { RegionCollection, RegionFeature, RegionLevel } from './types';

/** Regions of one level (city, district, street or community) as MultiPolygon features. */
export function getRegions(level: RegionLevel, signal?: AbortSignal): Promise<RegionCollection> {
  return getJson<RegionCollection>(withQuery('/api/regions', { level }), signal);
}

/** One region by code, with its extent (`bbox`); null when there is no such region. */
export async function getRegion(code: string, signal?: AbortSignal): Promise<RegionFeature | null> {
  const fc = await getJson<RegionCollection>(withQuery('/api/regions', { code }), signal);
  return fc.features[0] ?? null;
}
