import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { OverlapDetail, Polygonal, Violation } from '../../api/gridEditTypes';
import type { GeometryLike } from '../../map/overlays/PlannerLayers';

// Small geometry steps of the planner: which part of a grid is reshaped, and how the reshaped
// outline goes back into the grid's MultiPolygon (holes and other parts kept).

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return Math.abs(sum / 2);
}

/** The index of the largest polygon: the part a reshape edits. */
export function largestPart(geometry: MultiPolygon): number {
  let best = 0;
  let bestArea = -1;
  geometry.coordinates.forEach((polygon, i) => {
    const area = ringArea(polygon[0] ?? []);
    if (area > bestArea) {
      bestArea = area;
      best = i;
    }
  });
  return best;
}

export function partOutline(geometry: MultiPolygon, part: number): Polygon {
  return { type: 'Polygon', coordinates: [geometry.coordinates[part]?.[0] ?? []] };
}

export function sameRing(a: Position[] | undefined, b: Position[] | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((p, i) => p[0] === b[i]![0] && p[1] === b[i]![1]);
}

/** The grid's shape with part `part` replaced by the reshaped outline. */
export function assemble(original: MultiPolygon, part: number, edited: Polygon): Polygonal {
  const polygons = original.coordinates.map((polygon, i) => (i === part ? [edited.coordinates[0] ?? [], ...polygon.slice(1)] : polygon));
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/** What the map shows for broken rules: overlap areas, the part outside the community, crossing points. */
export function violationShapes(violations: readonly Violation[]): { overlaps: GeometryLike[]; outside: GeometryLike[]; points: GeometryLike[] } {
  const overlaps: GeometryLike[] = [];
  const outside: GeometryLike[] = [];
  const points: GeometryLike[] = [];
  for (const v of violations) {
    const details = (v.details ?? {}) as { overlaps?: OverlapDetail[]; outside?: Polygonal | null; location?: GeometryLike };
    if (v.code === 'GRID_OVERLAP') overlaps.push(...(details.overlaps ?? []).map((o) => o.geometry));
    if (v.code === 'OUTSIDE_COMMUNITY') outside.push(details.outside);
    if (v.code === 'INVALID_GEOMETRY') points.push(details.location);
  }
  return { overlaps, outside, points };
}

type Segment = [[number, number], [number, number]];

/** Every edge of a grid's rings, in metres on a local plane (fine over a community). */
function edges(geometry: Polygonal, lat0: number): Segment[] {
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: Segment[] = [];
  for (const ring of polygons.flat()) {
    for (let i = 1; i < ring.length; i += 1) {
      out.push([[ring[i - 1]![0]! * kx, ring[i - 1]![1]! * 110_540], [ring[i]![0]! * kx, ring[i]![1]! * 110_540]]);
    }
  }
  return out;
}

/** How long two edges run along each other (both ends of b within `tolerance` metres of a's line). */
function overlap([p, q]: Segment, [r, s]: Segment, tolerance: number): number {
  const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
  const len = Math.hypot(dx, dy);
  if (len === 0) return 0;
  const off = (v: [number, number]) => Math.abs((v[0] - p[0]) * dy - (v[1] - p[1]) * dx) / len;
  if (off(r) > tolerance || off(s) > tolerance) return 0;
  const along = (v: [number, number]) => ((v[0] - p[0]) * dx + (v[1] - p[1]) * dy) / len;
  const [a, b] = [along(r), along(s)].sort((x, y) => x - y) as [number, number];
  return Math.max(0, Math.min(len, b) - Math.max(0, a));
}

/**
 * Whether two grids share a stretch of border (at least a metre, not just a corner): only such
 * grids can be merged. The server decides with its own rule; this keeps the choice to neighbours.
 */
export function sharesBorder(a: { geometry: Polygonal }, b: { geometry: Polygonal }): boolean {
  const lat0 = a.geometry.type === 'Polygon' ? a.geometry.coordinates[0]![0]![1]! : a.geometry.coordinates[0]![0]![0]![1]!;
  const mine = edges(a.geometry, lat0);
  const theirs = edges(b.geometry, lat0);
  let shared = 0;
  for (const e of mine) for (const f of theirs) shared += overlap(e, f, 0.5);
  return shared >= 1;
}
