import type { MergeGridsRequest, MergePreviewRequest } from '../../../server/src/contract/grids.ts';
import type { EditResponse, PreviewResult } from './gridEditTypes';
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

export interface MergePreviewInput {
  keep: { id: number; version: number };
  absorb: { id: number; version: number };
  name?: string;
}

/** The merged grid as it would be saved and what would move; nothing is saved. */
export function previewMerge({ keep, absorb, name }: MergePreviewInput, signal?: AbortSignal): Promise<PreviewResult> {
  return sendJson<PreviewResult>(
    'POST',
    '/api/grids/merge/preview',
    { ids: [keep.id, absorb.id], versions: [keep.version, absorb.version], ...(name ? { name } : {}) } satisfies MergePreviewRequest,
    signal ? { signal } : {},
  );
}
