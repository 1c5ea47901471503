import type { Feature, Geometry, Position } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { bandFor, TILE_BUFFER, TILE_EXTENT, TILE_LAYERS, xToLng, yToLat, type TileLayer } from './tile-geometry.ts';

export type Encoder = 'postgis' | 'node';

const TEMPLATES = {
  postgis: sqlFile(import.meta.url, 'tile-mvt.sql'),
  node: sqlFile(import.meta.url, 'tile-features.sql'),
};

// The statement text for each encoder, layer and band, with the layer and band written in.
const statements = new Map<string, string>();
function statement(encoder: Encoder, layer: TileLayer, band: number): string {
  if (!TILE_LAYERS.includes(layer) || !Number.isInteger(band) || band < 0 || band > 3) {
    throw new Error(`no tile statement for ${layer} band ${band}`);
  }
  const key = `${encoder}/${layer}/${band}`;
  let sql = statements.get(key);
  if (!sql) {
    sql = TEMPLATES[encoder].replaceAll('{{layer}}', layer).replaceAll('{{band}}', String(band));
    statements.set(key, sql);
  }
  return sql;
}

export interface EncodeOptions {
  /** Which generalisation to read (tile_feature.band); the zoom's own band by default. */
  band?: number;
}

/** Encodes one tile: ST_AsMVT where PostGIS has it, geojson-vt + vt-pbf in Node otherwise. */
export async function encodeTile(
  db: Queryable,
  encoder: Encoder,
  layer: TileLayer,
  z: number,
  x: number,
  y: number,
  options: EncodeOptions = {},
): Promise<Buffer> {
  const band = options.band ?? bandFor(layer, z);
  if (encoder === 'postgis') {
    const [row] = await db.query<{ mvt: Uint8Array | null }>(statement('postgis', layer, band), [z, x, y]);
    const mvt = row?.mvt;
    if (!mvt || mvt.length === 0) return Buffer.alloc(0);
    return Buffer.isBuffer(mvt) ? mvt : Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length);
  }
  const rows = await db.query<FeatureRow>(statement('node', layer, band), [z, x, y]);
  if (rows.length === 0) return Buffer.alloc(0);
  const features: Feature[] = rows.map((r) => ({
    type: 'Feature',
    geometry: toDegrees(JSON.parse(r.geometry) as Geometry),
    properties: withoutNulls({ id: r.id, name: r.name, kind: r.kind, code: r.code }),
  }));
  const index = new GeoJSONVT({ type: 'FeatureCollection', features } as ConstructorParameters<typeof GeoJSONVT>[0], {
    maxZoom: z,
    indexMaxZoom: z,
    tolerance: 0,
    extent: TILE_EXTENT,
    buffer: TILE_BUFFER,
  });
  const tile = index.getTile(z, x, y);
  if (!tile || tile.features.length === 0) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2 }));
}

interface FeatureRow {
  id: string;
  name: string | null;
  kind: string | null;
  code: string | null;
  geometry: string;
}

/** Properties a tile carries: those with a value (as json_strip_nulls would). */
function withoutNulls(properties: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(properties)) if (v !== null) out[k] = v;
  return out;
}

/** EPSG:3857 metres to WGS84 degrees, in place. */
function toDegrees(g: Geometry): Geometry {
  const point = (p: Position) => {
    const x = p[0]!;
    const y = p[1]!;
    p[0] = xToLng(x);
    p[1] = yToLat(y);
  };
  switch (g.type) {
    case 'Point':
      point(g.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(point);
      break;
    case 'MultiLineString':
    case 'Polygon':
      g.coordinates.forEach((ring) => ring.forEach(point));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(point)));
      break;
    case 'GeometryCollection':
      g.geometries.forEach(toDegrees);
      break;
  }
  return g;
}
