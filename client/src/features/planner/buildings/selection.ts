import type { Polygon, Position } from 'geojson';
import type { BuildingFeature } from '../../../../../server/src/contract/buildings.ts';

// Choosing buildings: which lie inside a lasso, and keeping a selection to the buildings of one
// grid (a move takes buildings from one grid to a neighbour).

/** A point well inside a small building: the mean of its outer ring's corners. */
export function buildingPoint(geometry: Polygon): Position {
  const ring = geometry.coordinates[0] ?? [];
  const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
  let x = 0;
  let y = 0;
  for (const [px = 0, py = 0] of corners) {
    x += px;
    y += py;
  }
  return corners.length > 0 ? [x / corners.length, y / corners.length] : [0, 0];
}

/** Even–odd rule: is `p` inside the closed or open ring? */
export function insideRing(p: Position, ring: readonly Position[]): boolean {
  const [x = 0, y = 0] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi || Number.MIN_VALUE) + xi) inside = !inside;
  }
  return inside;
}

/** The buildings whose point lies inside the lasso. */
export function buildingsInLasso(buildings: readonly BuildingFeature[], ring: readonly Position[]): number[] {
  if (ring.length < 3) return [];
  return buildings.filter((b) => insideRing(buildingPoint(b.geometry), ring)).map((b) => b.properties.id);
}

export interface Selection {
  ids: number[];
  /** The grid the selected buildings are in (null: none selected, or buildings in no grid). */
  gridId: number | null;
  /** Buildings left out because they are in another grid than the selection's. */
  ignored: number;
}

export const emptySelection: Selection = { ids: [], gridId: null, ignored: 0 };

/**
 * Adds `ids` to the selection (or replaces it): only buildings of the selection's grid (of the
 * first one added, when the selection was empty) are kept; clicking a selected building alone
 * takes it out again.
 */
export function choose(current: Selection, ids: readonly number[], byId: ReadonlyMap<number, BuildingFeature>, add: boolean): Selection {
  const base = add ? current : emptySelection;
  if (add && ids.length === 1 && base.ids.includes(ids[0]!)) {
    const left = base.ids.filter((id) => id !== ids[0]);
    return { ids: left, gridId: left.length > 0 ? base.gridId : null, ignored: 0 };
  }
  let gridId = base.ids.length > 0 ? base.gridId : null;
  const kept = new Set(base.ids);
  let ignored = 0;
  for (const id of ids) {
    const building = byId.get(id);
    if (!building) continue;
    const its = building.properties.gridId;
    if (kept.size === 0 && gridId === null) gridId = its;
    if (its !== gridId) ignored += 1;
    else kept.add(id);
  }
  return { ids: [...kept], gridId: kept.size > 0 ? gridId : null, ignored };
}
