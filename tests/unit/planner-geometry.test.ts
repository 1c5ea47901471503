import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { assemble, largestPart, sameRing, sharesBorder, violationShapes } from '../../client/src/features/planner/geometry';
import { SnapIndex } from '../../client/src/map/overlays/snapping';

// The planner's pure geometry steps: snapping the pointer to neighbours' vertices and edges, and
// putting a reshaped outline back into a grid's MultiPolygon.

// A plain screen: 1 degree = 100 px, y down.
const project = (lng: number, lat: number) => ({ x: lng * 100, y: -lat * 100 });
const unproject = (x: number, y: number) => ({ lng: x / 100, lat: -y / 100 });

const square = (x0: number, y0: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ],
  ],
});

describe('SnapIndex', () => {
  const index = SnapIndex.fromGeometries([square(0, 0, 1), { type: 'MultiPolygon', coordinates: [square(1, 0, 1).coordinates] }]);

  it('snaps to a vertex within the tolerance, even when an edge is nearer', () => {
    // 6 px right and 3 px below the corner (1, 1): the edge x = 1 is 6 px away, the corner ~6.7 px.
    const hit = index.snap(106, -97, 10, project, unproject);
    expect(hit).toEqual({ kind: 'vertex', coordinate: [1, 1] });
  });

  it('snaps to the nearest point of an edge when no vertex is near', () => {
    const hit = index.snap(50, -4, 10, project, unproject);
    expect(hit?.kind).toBe('edge');
    expect(hit!.coordinate[0]).toBeCloseTo(0.5, 9);
    expect(hit!.coordinate[1]).toBeCloseTo(0, 9);
    // Terra Draw refuses more than 9 decimals.
    for (const v of hit!.coordinate) expect(Math.round(v * 1e9) / 1e9).toBe(v);
  });

  it('leaves the pointer alone beyond the tolerance', () => {
    expect(index.snap(50, -50, 10, project, unproject)).toBeUndefined();
    expect(SnapIndex.empty().snap(0, 0, 10, project, unproject)).toBeUndefined();
  });
});

describe('reshaping a part of a grid', () => {
  const grid: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [square(5, 5, 0.5).coordinates, [...square(0, 0, 2).coordinates, square(0.5, 0.5, 0.2).coordinates[0]!]],
  };

  it('edits the largest part and keeps its holes and the other parts', () => {
    expect(largestPart(grid)).toBe(1);
    const edited = square(0, 0, 3);
    const out = assemble(grid, 1, edited);
    expect(out.type).toBe('MultiPolygon');
    const parts = (out as MultiPolygon).coordinates;
    expect(parts[0]).toEqual(grid.coordinates[0]);
    expect(parts[1]![0]).toEqual(edited.coordinates[0]);
    expect(parts[1]![1]).toEqual(grid.coordinates[1]![1]);
  });

  it('sends a single part as a Polygon and compares rings exactly', () => {
    const one: MultiPolygon = { type: 'MultiPolygon', coordinates: [square(0, 0, 1).coordinates] };
    expect(assemble(one, 0, square(0, 0, 2))).toEqual(square(0, 0, 2));
    const ring: Position[] = square(0, 0, 1).coordinates[0]!;
    expect(sameRing(ring, ring.map((p) => [...p]))).toBe(true);
    expect(sameRing(ring, square(0, 0, 1.0000001).coordinates[0])).toBe(false);
  });

  it('turns rule violations into shapes for the map', () => {
    const shapes = violationShapes([
      { code: 'GRID_OVERLAP', message: '', details: { overlaps: [{ id: 1, code: 'x', name: 'a', version: 1, areaSqm: 5, geometry: square(0, 0, 1) }] } },
      { code: 'OUTSIDE_COMMUNITY', message: '', details: { areaSqm: 3, outside: square(2, 2, 1) } },
      { code: 'INVALID_GEOMETRY', message: '', details: { reason: 'Self-intersection', location: { type: 'Point', coordinates: [1, 1] } } },
    ]);
    expect(shapes.overlaps).toEqual([square(0, 0, 1)]);
    expect(shapes.outside).toEqual([square(2, 2, 1)]);
    expect(shapes.points).toEqual([{ type: 'Point', coordinates: [1, 1] }]);
  });
});

describe('which grids a grid can merge with', () => {
  // Grids about 100 m across near Wuxi, as MultiPolygons like the server sends.
  const grid = (x0: number, y0: number): Feature<MultiPolygon> => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiPolygon', coordinates: [square(120 + x0 * 0.001, 31.5 + y0 * 0.001, 0.001).coordinates] },
  });

  it('offers a neighbour sharing an edge, even when its corners sit elsewhere on that edge', () => {
    expect(sharesBorder(grid(0, 0), grid(1, 0))).toBe(true);
    expect(sharesBorder(grid(0, 0), grid(1, 0.5))).toBe(true);
  });

  it('leaves out a grid touching only at a corner, and one further away', () => {
    expect(sharesBorder(grid(0, 0), grid(1, 1))).toBe(false);
    expect(sharesBorder(grid(0, 0), grid(3, 0))).toBe(false);
  });
});
