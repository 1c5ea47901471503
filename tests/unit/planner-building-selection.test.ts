import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { BuildingFeature } from '../../server/src/contract/buildings.ts';
import { buildingsInLasso, choose, emptySelection } from '../../client/src/features/planner/buildings/selection.ts';

// Picking buildings for a move: a lasso takes the buildings inside it, and a selection keeps to
// the buildings of one grid (a move takes buildings from one grid to a neighbour).

function square(x: number, y: number, side = 1): Polygon {
  return { type: 'Polygon', coordinates: [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]] };
}

function building(id: number, gridId: number | null, x: number, y: number, households = 10): BuildingFeature {
  return { type: 'Feature', geometry: square(x, y), properties: { id, gridId, gridCode: null, communityCode: '320213021001', households, population: households * 2, name: `${id}幢` } };
}

const buildings = [building(1, 10, 0, 0), building(2, 10, 2, 0), building(3, 20, 4, 0), building(4, 20, 0, 4)];
const byId = new Map(buildings.map((b) => [b.properties.id, b]));

describe('building selection', () => {
  it('takes the buildings whose centre lies inside the lasso', () => {
    const loop: [number, number][] = [[-1, -1], [3.6, -1], [3.6, 2], [-1, 2]];
    expect(buildingsInLasso(buildings, loop).sort()).toEqual([1, 2]);
    // A concave loop: the notch leaves building 2 out.
    const notched: [number, number][] = [[-1, -1], [2.2, -1], [2.2, 2.5], [2.8, 2.5], [2.8, -1], [6, -1], [6, 2], [-1, 2]];
    expect(buildingsInLasso(buildings, notched).sort()).toEqual([1, 3]);
  });

  it('keeps to the grid of the first building chosen and says how many of another grid it left out', () => {
    const first = choose(emptySelection, [3, 1, 2], byId, false);
    expect(first).toEqual({ ids: [3], gridId: 20, ignored: 2 });
    const added = choose(first, [4], byId, true);
    expect(added.ids).toEqual([3, 4]);
    expect(added.ignored).toBe(0);
  });

  it('replaces the selection on a plain click, adds with Shift, and a Shift-click on a chosen building takes it out', () => {
    const one = choose(emptySelection, [1], byId, false);
    const two = choose(one, [2], byId, true);
    expect(two.ids).toEqual([1, 2]);
    expect(choose(two, [2], byId, true).ids).toEqual([1]);
    expect(choose(two, [3], byId, false)).toEqual({ ids: [3], gridId: 20, ignored: 0 });
    expect(choose(one, [1], byId, true)).toEqual({ ids: [], gridId: null, ignored: 0 });
  });
});
