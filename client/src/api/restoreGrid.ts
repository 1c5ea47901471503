import type { EditResponse, ShapeOptions } from './gridEditTypes';
import { sendJson } from './http';

/** Brings back an earlier version as a new version, under the same rules as an edit. */
export function restoreGrid(id: number, version: number, note: string, options: ShapeOptions = {}): Promise<EditResponse> {
  return sendJson<EditResponse>('POST', `/api/grids/${id}/restore`, { version, note, ...options });
}
