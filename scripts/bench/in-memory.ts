import Flatbush from 'flatbush';
import type { Queryable } from '../../server/src/db/database.ts';

// The baseline for the member ↔ grid rows: assign every member home to its grid in Node, with a
// flatbush index of grid bounding boxes and a point-in-polygon test (even-odd over all rings of a
// (multi)polygon, holes included). The data is read once beforehand; the pass itself is timed.

export interface Plane {
  gridIds: Int32Array;
  /** Per grid: its polygons, each a list of rings as flat [x0, y0, x1, y1, …]. */
  polygons: Float64Array[][][];
  bboxes: Float64Array;
  /** Member homes as flat [x0, y0, x1, y1, …]. */
  homes: Float64Array;
}

type Position = [number, number];

export async function loadPlane(db: Queryable, scope: string): Promise<Plane> {
  const grids = await db.query<{ id: number; geom: string }>(
    `select id, ST_AsGeoJSON(geom, 9) as geom from grid where valid_to is null and code like $1 || '%' order by id`,
    [scope],
  );
  const polygons: Float64Array[][][] = [];
  const bboxes = new Float64Array(grids.length * 4);
  grids.forEach((g, i) => {
    const shape = JSON.parse(g.geom) as { type: string; coordinates: Position[][] | Position[][][] };
    const polys = (shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates) as Position[][][];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    polygons.push(
      polys.map((rings) =>
        rings.map((ring) => {
          const flat = new Float64Array(ring.length * 2);
          ring.forEach(([x, y], k) => {
            flat[2 * k] = x;
            flat[2 * k + 1] = y;
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
          });
          return flat;
        }),
      ),
    );
    bboxes.set([minX, minY, maxX, maxY], i * 4);
  });
  // Every member home: the scope is the whole database at both scales.
  const rows = await db.query<{ xy: string }>(`select string_agg(ST_X(home)::text || ' ' || ST_Y(home)::text, ',') as xy from member`);
  const parts = rows[0]?.xy ? rows[0].xy.split(',') : [];
  const homes = new Float64Array(parts.length * 2);
  parts.forEach((p, i) => {
    const space = p.indexOf(' ');
    homes[2 * i] = Number(p.slice(0, space));
    homes[2 * i + 1] = Number(p.slice(space + 1));
  });
  return { gridIds: Int32Array.from(grids.map((g) => g.id)), polygons, bboxes, homes };
}

function inRing(x: number, y: number, ring: Float64Array): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i]!, yi = ring[2 * i + 1]!, xj = ring[2 * j]!, yj = ring[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inGrid(x: number, y: number, polys: Float64Array[][]): boolean {
  for (const rings of polys) {
    if (!inRing(x, y, rings[0]!)) continue;
    let hole = false;
    for (let r = 1; r < rings.length; r++) if (inRing(x, y, rings[r]!)) hole = true;
    if (!hole) return true;
  }
  return false;
}

/** Index the grids, find every home's grid (lowest id when on a shared border, like the SQL), count per grid. */
export function inMemoryPass(plane: Plane): { counts: Map<number, number>; outside: number } {
  const n = plane.gridIds.length;
  const index = new Flatbush(Math.max(1, n));
  for (let i = 0; i < n; i++) index.add(plane.bboxes[4 * i]!, plane.bboxes[4 * i + 1]!, plane.bboxes[4 * i + 2]!, plane.bboxes[4 * i + 3]!);
  if (n === 0) index.add(0, 0, 0, 0);
  index.finish();
  const perGrid = new Int32Array(n);
  let outside = 0;
  const homes = plane.homes;
  for (let k = 0; k < homes.length; k += 2) {
    const x = homes[k]!, y = homes[k + 1]!;
    let best = -1;
    for (const i of index.search(x, y, x, y)) {
      if (i >= n) continue;
      if ((best === -1 || plane.gridIds[i]! < plane.gridIds[best]!) && inGrid(x, y, plane.polygons[i]!)) best = i;
    }
    if (best === -1) outside++;
    else perGrid[best]!++;
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(plane.gridIds[i]!, perGrid[i]!);
  return { counts, outside };
}
