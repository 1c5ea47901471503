import type { RetireGridRequest } from '../../../server/src/contract/grids.ts';
import type { RetireResponse } from './gridEditTypes';
import { sendJson } from './http';

/** Retires version `version` of a grid (kept in the history; its code is never reused); 409 VERSION_CONFLICT when it changed since. */
export function retireGrid(id: number, version: number, note: string): Promise<RetireResponse> {
  return sendJson<RetireResponse>('DELETE', `/api/grids/${id}`, { note } satisfies RetireGridRequest, { headers: { 'If-Match': `"${version}"` } });
}
