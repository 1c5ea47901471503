import type { PreviewGridRequest } from '../../../server/src/contract/grids.ts';
import type { GridAttributes, Polygonal, PreviewResult, ShapeOptions } from './gridEditTypes';
import { sendJson } from './http';

export interface PreviewGridInput extends ShapeOptions {
  /** The grid being reshaped; absent for a new grid (then `communityCode` is needed). */
  id?: number;
  communityCode?: string;
  geometry: Polygonal;
  attributes?: Partial<GridAttributes>;
}

/**
 * A dry run of a create or reshape: every broken rule, or the shapes as they would be saved
 * (the edited grid first, then each neighbour it changes) and what would move. Nothing is saved.
 */
export function previewGrid(input: PreviewGridInput, signal?: AbortSignal): Promise<PreviewResult> {
  const { id, communityCode, geometry, attributes, ...options } = input;
  return sendJson<PreviewResult>(
    'POST',
    '/api/grids/preview',
    {
      type: 'Feature',
      ...(id !== undefined ? { id } : {}),
      geometry,
      properties: { ...attributes, ...(communityCode ? { communityCode } : {}) },
      ...options,
    } satisfies PreviewGridRequest,
    signal ? { signal } : {},
  );
}
