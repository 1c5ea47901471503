import type { Impact } from '../../../api/gridEditTypes';
import type { GridFeature } from '../../../api/types';
import type { PlannerMap } from '../../../map/overlays/PlannerMap';
import type { BuildingFeature } from '../../../../../server/src/contract/buildings.ts';
import type { BuildingsLayer } from './BuildingsLayer';

/** What every building tool works with: the community, its grids and buildings, and the map. */
export interface ToolContext {
  communityCode: string;
  grids: readonly GridFeature[];
  buildings: readonly BuildingFeature[];
  byId: ReadonlyMap<number, BuildingFeature>;
  planner: PlannerMap | null;
  layer: BuildingsLayer | null;
  /** After a save: the grids as saved, a line for the planner, and what moved. */
  onSaved: (features: readonly GridFeature[], message: string, impact?: Impact) => void;
  onClose: () => void;
}

/** The versions of all the community's grids as loaded: sent back with every move. */
export function gridVersions(grids: readonly GridFeature[]): Record<string, number> {
  return Object.fromEntries(grids.map((g) => [String(g.properties.id), g.properties.version]));
}

export function gridName(grids: readonly GridFeature[], id: number | null): string {
  return grids.find((g) => Number(g.properties.id) === id)?.properties.name ?? '—';
}

/** Vertices rounded to about 1 cm, as keys: grids that tile a community share their border's vertices. */
function vertexKeys(grid: GridFeature): Set<string> {
  const keys = new Set<string>();
  for (const polygon of grid.geometry.coordinates) for (const ring of polygon) for (const [x, y] of ring) keys.add(`${x!.toFixed(7)},${y!.toFixed(7)}`);
  return keys;
}

/**
 * The grids sharing a border with grid `id` (at least two vertices in common), in list order.
 * A hint for the move-to list: the server decides whether a building's cell touches its new grid.
 */
export function neighbourIds(grids: readonly GridFeature[], id: number | null): Set<number> {
  const own = grids.find((g) => Number(g.properties.id) === id);
  const result = new Set<number>();
  if (!own) return result;
  const ownKeys = vertexKeys(own);
  for (const g of grids) {
    if (g === own) continue;
    let shared = 0;
    for (const key of vertexKeys(g)) if (ownKeys.has(key) && ++shared >= 2) break;
    if (shared >= 2) result.add(Number(g.properties.id));
  }
  return result;
}
