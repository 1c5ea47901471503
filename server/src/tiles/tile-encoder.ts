import type { Geometry, Position } from 'geojson';
import vtpbf from 'vt-pbf';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { bandFor, TILE_EXTENT, TILE_LAYERS, type TileLayer } from './tile-geometry.ts';

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

/**
 * Encodes one tile: ST_AsMVT where PostGIS has it, vt-pbf in Node from shapes PostGIS put on the
 * tile grid otherwise. Either way polygons are valid in tile coordinates, features carry their
 * numeric id as the MVT id (and as the `id` property), and a tile without features is empty.
 */
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
  const features = rows.flatMap((r) => {
    const shape = onTile(JSON.parse(r.geometry) as Geometry);
    // Regions and grids are polygons: a point is what is left of one only touching the tile.
    return shape && (shape.type === 3) === (layer !== 'facilities') ? [{ ...shape, id: mvtId(r.id), tags: withoutNulls({ id: r.id, name: r.name, kind: r.kind, code: r.code }) }] : [];
  });
  if (features.length === 0) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt({ [layer]: { features } }, { version: 2, extent: TILE_EXTENT }));
}

interface FeatureRow {
  id: string;
  name: string | null;
  kind: string | null;
  code: string | null;
  geometry: string;
}

/** A feature's MVT id: its id (grid, facility) or code (region) when that is a whole number. */
function mvtId(id: string): number | undefined {
  return /^\d{1,15}$/.test(id) ? Number(id) : undefined;
}

/** Properties a tile carries: those with a value (as json_strip_nulls would). */
function withoutNulls(properties: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(properties)) if (v !== null) out[k] = v;
  return out;
}

type Ring = Position[];

/**
 * A shape already in tile coordinates (tile-features.sql) as vt-pbf takes it: points (type 1), or
 * polygons (type 3) as closed rings, each outer ring followed by its holes, outer rings clockwise
 * on screen (positive area with y down) and holes the other way, as the MVT specification asks.
 * Undefined for lines (what is left of a polygon cut to a sliver), which no layer shows.
 */
export function onTile(g: Geometry): { type: 1; geometry: Position[] } | { type: 3; geometry: Ring[] } | undefined {
  switch (g.type) {
    case 'Point':
      return { type: 1, geometry: [g.coordinates] };
    case 'MultiPoint':
      return { type: 1, geometry: g.coordinates };
    case 'Polygon':
      return { type: 3, geometry: oriented([g.coordinates]) };
    case 'MultiPolygon':
      return { type: 3, geometry: oriented(g.coordinates) };
    default:
      return undefined;
  }
}

function oriented(polygons: Ring[][]): Ring[] {
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => rings.push((signedArea(ring) > 0) === (i === 0) ? ring : ring.slice().reverse()));
  }
  return rings;
}

/** Twice the ring's area by the surveyor's formula in tile coordinates (y down). */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return sum;
}
