import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { TileLayer } from './tile-geometry.ts';

const BOUNDS = sqlFile(import.meta.url, 'tile-json.sql');

/**
 * Zooms a client asks tiles for. The server encodes z 0–22, but shapes have full detail from z14
 * and at z16 a tile unit is ~13 cm: clients over-zoom z16 beyond (the map does the same).
 */
export const TILE_JSON_ZOOMS = { minzoom: 0, maxzoom: 16 } as const;

/** What each layer's features carry (every value is text), in TileJSON's `fields` form. */
const LAYERS: Record<TileLayer, { name: string; description: string; fields: Record<string, string> }> = {
  regions: {
    name: '行政区划 (regions)',
    description: 'District, street and community outlines; the MVT feature id is the region code.',
    fields: {
      id: 'String: 区划代码, the 6-, 9- or 12-digit region code (also the feature id)',
      name: 'String: 名称 (name)',
      kind: 'String: 级别 (level): district, street or community',
    },
  },
  grids: {
    name: '网格 (grids)',
    description: 'Current grid outlines; the MVT feature id is the grid id.',
    fields: {
      id: 'String: 网格 ID, the grid id (also the feature id)',
      name: 'String: 网格名称 (grid name)',
      code: "String: 网格编码, the community's 12-digit code and a 3-digit number",
    },
  },
  facilities: {
    name: '党群服务阵地 (public facilities)',
    description: 'Public party service facilities as points; the MVT feature id is the facility id.',
    fields: {
      id: 'String: 阵地 ID, the facility id (also the feature id)',
      name: 'String: 名称 (name)',
      kind: 'String: 类型 (kind): center, station, party_home, rep_studio or volunteer_point',
    },
  },
};

/** TileJSON's default bounds: the whole Web Mercator world. */
const WORLD = [-180, -85.0511287798066, 180, 85.0511287798066];

/** The TileJSON 3.0.0 document of one layer; `base` is the absolute URL the server is reached at. */
export async function tileJson(db: Queryable, layer: TileLayer, base: string): Promise<object> {
  const [b] = await db.query<{ west: number | null; south: number; east: number; north: number }>(BOUNDS, [layer]);
  const { name, description, fields } = LAYERS[layer];
  return {
    tilejson: '3.0.0',
    name,
    description,
    scheme: 'xyz',
    tiles: [`${base}/tiles/${layer}/{z}/{x}/{y}.mvt`],
    ...TILE_JSON_ZOOMS,
    bounds: b && b.west !== null ? [b.west, b.south, b.east, b.north].map(Number) : WORLD,
    vector_layers: [{ id: layer, description, ...TILE_JSON_ZOOMS, fields }],
  };
}
