import type { GridHistory } from './gridEditTypes';
import { getJson } from './http';

/** Every version of a grid, newest first, with who, when and why. */
export function getGridHistory(id: number, signal?: AbortSignal): Promise<GridHistory> {
  return getJson<GridHistory>(`/api/grids/${id}/history`, signal);
}
