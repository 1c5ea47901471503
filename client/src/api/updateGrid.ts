import type { UpdateGridRequest } from '../../../server/src/contract/grids.ts';
import type { EditResponse, GridAttributes, Polygonal, ShapeOptions } from './gridEditTypes';
import { sendJson } from './http';

export interface UpdateGridInput extends ShapeOptions {
  id: number;
  /** The version the planner edited; a newer one on the server → 409 VERSION_CONFLICT. */
  version: number;
  /** null keeps the current shape (an attribute-only change). */
  geometry: Polygonal | null;
  attributes: Partial<GridAttributes>;
  note: string;
}

export function updateGrid(input: UpdateGridInput): Promise<EditResponse> {
  const { id, version, geometry, attributes, note, ...options } = input;
  return sendJson<EditResponse>('PUT', `/api/grids/${id}`, {
    type: 'Feature',
    geometry,
    properties: { ...attributes, version },
    note,
    ...options,
  } satisfies UpdateGridRequest);
}
