import { describe, expect, it } from 'vitest';
import type { GridFeature } from '../../server/src/contract/grids.ts';
import { neighbourIds } from '../../client/src/features/planner/buildings/toolContext.ts';

// The move-to list puts the grids that share a border with the selected buildings' grid first.

function grid(id: number, x: number, y: number): GridFeature {
  const ring = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]];
  return {
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
    properties: { id, code: `32021302100100${id}`, name: `第${id}网格`, communityCode: '320213021001', households: 300, population: 600, leaderName: null, leaderPhone: null, version: 1 },
  };
}

describe('neighbouring grids', () => {
  // 1 | 2 | 3 in a row, 4 under 3's right corner only.
  const grids = [grid(1, 120, 31), grid(2, 120.001, 31), grid(3, 120.002, 31), grid(4, 120.003, 30.999)];

  it('are the grids sharing a border, not those touching at a corner or further away', () => {
    expect([...neighbourIds(grids, 2)].sort()).toEqual([1, 3]);
    expect([...neighbourIds(grids, 1)]).toEqual([2]);
    expect([...neighbourIds(grids, 3)]).toEqual([2]);
    expect([...neighbourIds(grids, 4)]).toEqual([]);
  });

  it('are none for no grid or an unknown one', () => {
    expect(neighbourIds(grids, null).size).toBe(0);
    expect(neighbourIds(grids, 99).size).toBe(0);
  });
});
