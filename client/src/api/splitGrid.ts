import type { SplitGridRequest } from '../../../server/src/contract/grids.ts';
import type { LineString } from 'geojson';
import type { EditResponse } from './gridEditTypes';
import { sendJson } from './http';

/**
 * Splits version `version` of a grid by a line drawn across it, edge to edge: `feature` is the
 * part that keeps the grid, `neighbours[0]` the new grid. 422 SPLIT_LINE_INVALID when the line
 * does not cut it in two; 409 VERSION_CONFLICT when the grid changed since that version.
 */
export function splitGrid(id: number, version: number, line: LineString, note: string, name?: string): Promise<EditResponse> {
  return sendJson<EditResponse>('POST', `/api/grids/${id}/split`, { line, note, ...(name ? { name } : {}) } satisfies SplitGridRequest, { headers: { 'If-Match': `"${version}"` } });
}
