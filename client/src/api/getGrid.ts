import { getJson } from './http';
import type { GridFeature } from './types';

/** One current grid (its `version` is also the ETag). */
export function getGrid(id: number | string, signal?: AbortSignal): Promise<GridFeature> {
  return getJson<GridFeature>(`/api/grids/${encodeURIComponent(String(id))}`, signal);
}
