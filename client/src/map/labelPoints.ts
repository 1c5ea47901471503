import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

// One label point per area feature. Labelling polygons directly makes MapLibre place a label in
// every tile and every part a polygon touches (the same street name three times); a point
// per feature, inside its largest part, gives one well-placed label.

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    sum += (xj - xi) * (yj + yi);
  }
  return Math.abs(sum / 2);
}

/** Widest inside run of the horizontal line at `lat`, from the even–odd crossings of all rings. */
function widestRun(rings: Position[][], lat: number): { x: number; width: number } | null {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i]!;
      const [xj = 0, yj = 0] = ring[j]!;
      if (yi > lat !== yj > lat) xs.push(xi + ((lat - yi) / (yj - yi)) * (xj - xi));
    }
  }
  xs.sort((a, b) => a - b);
  let best: { x: number; width: number } | null = null;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const width = xs[k + 1]! - xs[k]!;
    if (!best || width > best.width) best = { x: (xs[k]! + xs[k + 1]!) / 2, width };
  }
  return best;
}

/**
 * A point inside the largest polygon of a MultiPolygon, near its middle: the centre of the
 * widest horizontal run among a few scanlines around mid-height. Cheap, and never outside.
 */
export function labelPoint(geometry: MultiPolygon): Position | null {
  let rings: Position[][] | null = null;
  let largest = -1;
  for (const polygon of geometry.coordinates) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const area = ringArea(outer);
    if (area > largest) {
      largest = area;
      rings = polygon;
    }
  }
  if (!rings) return null;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [, lat = 0] of rings[0]!) {
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  let best: { x: number; y: number; score: number } | null = null;
  for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const y = minLat + (maxLat - minLat) * f;
    const run = widestRun(rings, y);
    // Prefer runs near mid-height a little, so the label sits in the visual middle.
    const score = run ? run.width * (1 - Math.abs(f - 0.5)) : -1;
    if (run && (!best || score > best.score)) best = { x: run.x, y, score };
  }
  return best ? [best.x, best.y] : null;
}

/** A piece of an area feature as a tile holds it: clipped to the tile (plus its buffer). */
export interface TilePiece {
  geometry: Polygon | MultiPolygon | { type: string };
  properties: Record<string, unknown>;
}

/**
 * One label point per feature of a tiled source, keyed on `key`: a feature that crosses tile
 * borders comes as several clipped pieces (and again from a parent tile while zooming), so the
 * label goes inside the largest piece, which at the zooms where the names show is almost always
 * the whole feature.
 */
export function labelPointsOfPieces(pieces: readonly TilePiece[], key = 'id'): FeatureCollection<Point, Record<string, unknown>> {
  const best = new Map<string, { area: number; polygon: Position[][]; properties: Record<string, unknown> }>();
  for (const piece of pieces) {
    const id = piece.properties[key];
    if (id === undefined || id === null) continue;
    const g = piece.geometry;
    const polygons = g.type === 'Polygon' ? [(g as Polygon).coordinates] : g.type === 'MultiPolygon' ? (g as MultiPolygon).coordinates : [];
    for (const polygon of polygons) {
      const outer = polygon[0];
      if (!outer || outer.length < 4) continue;
      const area = ringArea(outer);
      const current = best.get(String(id));
      if (!current || area > current.area) best.set(String(id), { area, polygon, properties: piece.properties });
    }
  }
  const features: Feature<Point, Record<string, unknown>>[] = [];
  for (const { polygon, properties } of best.values()) {
    const point = labelPoint({ type: 'MultiPolygon', coordinates: [polygon] });
    // A plain copy: tile features' properties may be prototype-less, which MapLibre cannot post to its worker.
    if (point) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: { ...properties } });
  }
  return { type: 'FeatureCollection', features };
}
