// Web Mercator tile arithmetic shared by the encoders and the cache's invalidation.

export const TILE_LAYERS = ['regions', 'grids', 'facilities'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

/** Tile extent (units across a tile) and buffer (units beyond each edge): the buffer is 1/64 of a tile. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/** Half the width of the Web Mercator world, in metres (EPSG:3857). */
const HALF = 20037508.342789244;
const MAX_LAT = 85.0511287798066;

/** [minX, minY, maxX, maxY] in EPSG:3857 metres. */
export type Box = [number, number, number, number];

/**
 * The generalisation band a tile reads (tile_feature.band, see migration 006): full detail from
 * z14; below, shapes simplified to one tile unit (1/4096 of a tile) at z13, z10 and z7 for
 * z 11–13, 8–10 and 0–7. Points have full detail only.
 */
export function bandFor(layer: TileLayer, z: number): number {
  if (layer === 'facilities' || z >= 14) return 0;
  if (z >= 11) return 1;
  if (z >= 8) return 2;
  return 3;
}

/** A tile's extent grown by its buffer: what a feature must meet to be drawn in it. */
export function bufferedTileBox(z: number, x: number, y: number): Box {
  const size = (2 * HALF) / 2 ** z;
  const pad = (size * TILE_BUFFER) / TILE_EXTENT;
  const minX = -HALF + x * size;
  const maxY = HALF - y * size;
  return [minX - pad, maxY - size - pad, minX + size + pad, maxY + pad];
}

export function lngToX(lng: number): number {
  return (lng * HALF) / 180;
}

export function latToY(lat: number): number {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  return (Math.log(Math.tan(((90 + clamped) * Math.PI) / 360)) * HALF) / Math.PI;
}

/** A WGS84 bounding box (degrees) as EPSG:3857 metres; the projection keeps axis order, so corners suffice. */
export function degreesToBox(west: number, south: number, east: number, north: number): Box {
  return [lngToX(west), latToY(south), lngToX(east), latToY(north)];
}
