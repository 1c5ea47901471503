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
