import type { MergeGridsRequest } from '../../../server/src/contract/grids.ts';
import type { EditResponse } from './gridEditTypes';
import { sendJson } from './http';

/**
 * Merges `absorb` into `keep` (adjacent grids of one community, at the versions the planner saw);
 * `absorb` is retired. 409 VERSION_CONFLICT when either changed since.
 */
export function mergeGrids(keep: { id: number; version: number }, absorb: { id: number; version: number }, note: string, name?: string): Promise<EditResponse> {
  return sendJson<EditResponse>('POST', '/api/grids/merge', {
    ids: [keep.id, absorb.id],
    versions: [keep.version, absorb.version],
    note,
    ...(name ? { name } : {}),
  } satisfies MergeGridsRequest);
}
