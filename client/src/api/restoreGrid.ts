import type { RestoreGridRequest } from '../../../server/src/contract/grids.ts';
import type { EditResponse, ShapeOptions } from './gridEditTypes';
import { sendJson } from './http';

/**
 * Brings back earlier version `version` as a new version, under the same rules as an edit;
 * `currentVersion` is the version it replaces (409 VERSION_CONFLICT when the grid changed since).
 */
export function restoreGrid(id: number, version: number, currentVersion: number, note: string, options: ShapeOptions = {}): Promise<EditResponse> {
  return sendJson<EditResponse>('POST', `/api/grids/${id}/restore`, { version, note, ...options } satisfies RestoreGridRequest, { headers: { 'If-Match': `"${currentVersion}"` } });
}
