import { getJson, withQuery } from './http';
import type { BBox, GridCollection } from './types';

export interface GridQuery {
  bbox?: BBox;
  /** 12-digit community code. */
  community?: string;
}

export function getGrids(query: GridQuery = {}, signal?: AbortSignal): Promise<GridCollection> {
  const bbox = query.bbox?.map((n) => n.toFixed(6));
  return getJson<GridCollection>(withQuery('/api/grids', { bbox, community: query.community }), signal);
}
