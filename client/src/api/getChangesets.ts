import type { Changeset } from './gridEditTypes';
import { getJson, withQuery } from './http';

/** The saves that changed a grid, newest first, each with every grid it touched. */
export function getChangesets(gridId: number, signal?: AbortSignal): Promise<Changeset[]> {
  return getJson<Changeset[]>(withQuery('/api/changesets', { grid: gridId }), signal);
}
