import type { EditResponse } from './gridEditTypes';
import { sendJson } from './http';

/** Merges `absorb` into `keep` (adjacent grids of one community); `absorb` is retired. */
export function mergeGrids(keep: number, absorb: number, note: string, name?: string): Promise<EditResponse> {
  return sendJson<EditResponse>('POST', '/api/grids/merge', { ids: [keep, absorb], note, ...(name ? { name } : {}) });
}
