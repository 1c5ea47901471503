import { describe, expect, it } from 'vitest';
import { gridShapes, groupShapes, polsbyPopper } from '../../server/src/balance/compactness.ts';
import { blockGrid, latticeGraph } from './support/lattice-graph.ts';

describe('compactness from the piece graph', () => {
  it('scores a square π/4 and a 4×1 strip lower', () => {
    expect(polsbyPopper(100, 40)).toBeCloseTo(Math.PI / 4, 10);
    expect(polsbyPopper(400, 100)).toBeCloseTo((4 * Math.PI * 400) / 100 ** 2, 10);
    expect(polsbyPopper(0, 10)).toBe(0);
  });

  it('sums areas and drops the borders shared inside a group', () => {
    // 4×2 cells of 10 m in two 2×2 grids: each grid a 20 m square.
    const graph = latticeGraph({ width: 4, height: 2, side: 10, households: () => 1, grid: blockGrid(4, 2, 2, 1) });
    const shapes = gridShapes(graph);
    expect(shapes.get(1)).toEqual({ areaSqm: 400, perimeterM: 80, compactness: expect.closeTo(Math.PI / 4, 10) });
    // The whole community as one group: a 40×20 rectangle.
    expect(groupShapes(graph, () => 'all').get('all')!.perimeterM).toBeCloseTo(120, 10);
  });
});
