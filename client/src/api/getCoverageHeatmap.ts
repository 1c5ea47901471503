import type { CoverageHeatmap } from '../../../server/src/contract/coverage.ts';
import { getJson, withQuery } from './http';
import type { BBox } from './types';

export type { CoverageHeatmap, HeatmapCellProperties } from '../../../server/src/contract/coverage.ts';

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
