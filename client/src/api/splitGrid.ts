import type { SplitGridRequest, SplitPreviewRequest } from '../../../server/src/contract/grids.ts';
import type { LineString } from 'geojson';
import type { EditResponse, PreviewResult } from './gridEditTypes';
import { sendJson } from './http';

/**
 * Splits version `version` of a grid by a line drawn across it, edge to edge: `feature` is the
 * part that keeps the grid, `neighbours[0]` the new grid. 422 SPLIT_LINE_INVALID when the line
 * does not cut it in two; 409 VERSION_CONFLICT when the grid changed since that version.
 */
export function splitGrid(id: number, version: number, line: LineString, note: string, name?: string): Promise<EditResponse> {
  return sendJson<EditResponse>('POST', `/api/grids/${id}/split`, { line, note, ...(name ? { name } : {}) } satisfies SplitGridRequest, { headers: { 'If-Match': `"${version}"` } });
}

export interface SplitPreviewInput {
  id: number;
  version: number;
  line: LineString;
  name?: string;
}

/** The split as it would be saved (the kept part first, then the new grid) and what would move; nothing is saved. */
export function previewSplit({ id, version, line, name }: SplitPreviewInput, signal?: AbortSignal): Promise<PreviewResult> {
  return sendJson<PreviewResult>('POST', `/api/grids/${id}/split/preview`, { line, version, ...(name ? { name } : {}) } satisfies SplitPreviewRequest, signal ? { signal } : {});
}
