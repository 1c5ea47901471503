import type { CreateGridRequest } from '../../../server/src/contract/grids.ts';
import type { EditResponse, GridAttributes, Polygonal, ShapeOptions } from './gridEditTypes';
import { sendJson } from './http';

export interface CreateGridInput extends ShapeOptions {
  geometry: Polygonal;
  communityCode: string;
  attributes: Partial<GridAttributes> & { name: string };
  /** Why (kept in the history); at least 2 characters. */
  note: string;
}

/** Creates a grid; the server assigns its code. 422 with every broken rule when the shape is refused. */
export function createGrid(input: CreateGridInput): Promise<EditResponse> {
  const { geometry, communityCode, attributes, note, ...options } = input;
  return sendJson<EditResponse>('POST', '/api/grids', {
    type: 'Feature',
    geometry,
    properties: { ...attributes, communityCode },
    note,
    ...options,
  } satisfies CreateGridRequest);
}
