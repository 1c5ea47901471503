import type { FeatureCollection, Polygon } from 'geojson';
import { getJson, withQuery } from './http';
import type { BBox } from './types';

export interface HeatmapCellProperties {
  count: number;
  lng: number;
  lat: number;
}

/**
 * Hexagon cells with member counts. Cells under `minCount` are withheld by the server and only
 * counted in `suppressed`; this is the only member-location data the client ever receives.
 */
export interface CoverageHeatmap {
  region: string;
  cellMeters: number;
  minCount: number;
  suppressed: number;
  total: number;
  cells: FeatureCollection<Polygon, HeatmapCellProperties>;
}

export function getCoverageHeatmap(
  query: { bbox?: BBox; cellMeters?: number; region?: string },
  signal?: AbortSignal,
): Promise<CoverageHeatmap> {
  const bbox = query.bbox?.map((n) => n.toFixed(6));
  return getJson<CoverageHeatmap>(
    withQuery('/api/coverage/heatmap', { bbox, cellMeters: query.cellMeters, region: query.region }),
    signal,
  );
}
