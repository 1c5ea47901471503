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
