// Small planar helpers for work done in Node (sampling, point-in-polygon). Overlay operations
// are left to PostGIS; these only have to be exact enough to choose points.

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: MultiPolygonCoords;
}

export interface Polygon {
  type: 'Polygon';
  coordinates: PolygonCoords;
}

export interface Point {
  type: 'Point';
  coordinates: Position;
}

/** Degrees ↔ kilometres around a reference latitude; good to ~0.1 % across one district. */
export class LocalProjection {
  private readonly kx: number;
  private readonly ky: number;
  constructor(
    readonly lng0: number,
    readonly lat0: number,
  ) {
    const phi = (lat0 * Math.PI) / 180;
    this.ky = 111.13295 - 0.55982 * Math.cos(2 * phi);
    this.kx = 111.41288 * Math.cos(phi) - 0.0935 * Math.cos(3 * phi);
  }
  /** cos(lat0)-like factor: scaling longitudes by it makes degree space roughly isotropic. */
  get lngScale(): number {
    return this.kx / this.ky;
  }
  toKm([lng, lat]: Position): Position {
    return [(lng - this.lng0) * this.kx, (lat - this.lat0) * this.ky];
  }
  toLngLat([x, y]: Position): Position {
    return [this.lng0 + x / this.kx, this.lat0 + y / this.ky];
  }
}

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function bboxOf(mp: MultiPolygonCoords): BBox {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const polygon of mp) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x < box.minX) box.minX = x;
      if (y < box.minY) box.minY = y;
      if (x > box.maxX) box.maxX = x;
      if (y > box.maxY) box.maxY = y;
    }
  }
  return box;
}

/** Even–odd rule over every ring, so holes and multiple parts need no special case. */
export function pointInMultiPolygon([px, py]: Position, mp: MultiPolygonCoords): boolean {
  let inside = false;
  for (const polygon of mp) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i] as Position;
        const b = ring[j] as Position;
        if (a[1] > py !== b[1] > py && px < ((b[0] - a[0]) * (py - a[1])) / (b[1] - a[1]) + a[0]) {
          inside = !inside;
        }
      }
    }
  }
  return inside;
}

function segmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return Math.sqrt(ex * ex + ey * ey);
}

/** Distance in degrees from a point to the nearest edge of any ring. */
export function distanceToBoundary(p: Position, mp: MultiPolygonCoords): number {
  let best = Infinity;
  for (const polygon of mp) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const d = segmentDistance(p, ring[i - 1] as Position, ring[i] as Position);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

/**
 * A point is usable as a feature location when it is inside and far enough from every edge that
 * rounding to 7 decimals (≤ 7.1e-8°) cannot move it onto or across the border.
 */
export function isSafelyInside(p: Position, mp: MultiPolygonCoords, marginDeg = 2e-6): boolean {
  return pointInMultiPolygon(p, mp) && distanceToBoundary(p, mp) > marginDeg;
}

export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export function roundPosition([lng, lat]: Position): Position {
  return [round7(lng), round7(lat)];
}

/** Regular lattice of points inside a polygon, in lng/lat, with the given spacing in km. */
export function latticeInside(mp: MultiPolygonCoords, projection: LocalProjection, spacingKm: number): Position[] {
  const box = bboxOf(mp);
  const [x0, y0] = projection.toKm([box.minX, box.minY]);
  const [x1, y1] = projection.toKm([box.maxX, box.maxY]);
  const out: Position[] = [];
  for (let y = y0 + spacingKm / 2; y < y1; y += spacingKm) {
    for (let x = x0 + spacingKm / 2; x < x1; x += spacingKm) {
      const p = projection.toLngLat([x, y]);
      if (pointInMultiPolygon(p, mp)) out.push(p);
    }
  }
  return out;
}
