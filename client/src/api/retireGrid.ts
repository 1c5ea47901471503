import type { RetireResponse } from './gridEditTypes';
import { sendJson } from './http';

/** Retires a grid (kept in the history; its code is never reused). `version` guards against a concurrent edit. */
export function retireGrid(id: number, note: string, version?: number): Promise<RetireResponse> {
  return sendJson<RetireResponse>('DELETE', `/api/grids/${id}`, { note }, version !== undefined ? { headers: { 'If-Match': `"${version}"` } } : {});
}
