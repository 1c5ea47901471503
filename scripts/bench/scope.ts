import type { Queryable } from '../../server/src/db/database.ts';

// Where the requests go: the scope's outline, seeded random points inside it, and the tiles over
// the old city (梁溪区, 320213) at district zooms.

export const OLD_CITY = '320213';

export interface Scope {
  code: string;
  name: string;
  bbox: [number, number, number, number];
  /** Seeded points inside the scope (WGS84). */
  points: [number, number][];
  /** Extent of the old city (WGS84), where the tiles are taken. */
  oldCity: [number, number, number, number];
}

export async function readScope(db: Queryable, code: string, pointCount = 2000, seed = 20261130): Promise<Scope> {
  // A city may have no row of its own in some databases: its districts' union stands in.
  const outline = `coalesce((select geom from region where code = $1),
                            (select ST_Multi(ST_Union(geom)) from region where level = 'district' and code like $1 || '%'))`;
  const [row] = await db.query<{ name: string | null; xmin: number; ymin: number; xmax: number; ymax: number; pts: string }>(
    `with o as (select ${outline} as geom)
     select (select name from region where code = $1) as name,
            ST_XMin(geom) as xmin, ST_YMin(geom) as ymin, ST_XMax(geom) as xmax, ST_YMax(geom) as ymax,
            (select string_agg(ST_X(d.geom)::text || ' ' || ST_Y(d.geom)::text, ',')
             from ST_Dump(ST_GeneratePoints(geom, $2::integer, $3::integer)) d) as pts
     from o`,
    [code, pointCount, seed],
  );
  if (!row || row.xmin === null) throw new Error(`no region ${code} in the database`);
  const [old] = await db.query<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
    `select ST_XMin(geom) as xmin, ST_YMin(geom) as ymin, ST_XMax(geom) as xmax, ST_YMax(geom) as ymax from region where code = $1`,
    [OLD_CITY],
  );
  const ext = old ?? row;
  return {
    code,
    name: row.name ?? code,
    bbox: [row.xmin, row.ymin, row.xmax, row.ymax],
    points: row.pts.split(',').map((p) => p.split(' ').map(Number) as [number, number]),
    oldCity: [ext.xmin, ext.ymin, ext.xmax, ext.ymax],
  };
}

export interface Tile {
  z: number;
  x: number;
  y: number;
}

function lngToX(lng: number, z: number): number {
  return Math.floor(((lng + 180) / 360) * 2 ** z);
}

function latToY(lat: number, z: number): number {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
}

/** Every tile at zoom z over the box, west→east, north→south. */
export function tilesOver(box: [number, number, number, number], z: number): Tile[] {
  const out: Tile[] = [];
  for (let y = latToY(box[3], z); y <= latToY(box[1], z); y++) {
    for (let x = lngToX(box[0], z); x <= lngToX(box[2], z); x++) out.push({ z, x, y });
  }
  return out;
}

/** A box of the given size (metres) around a point, as the map's view would ask. */
export function boxAround([lng, lat]: [number, number], widthMeters: number, heightMeters: number): [number, number, number, number] {
  const dLat = heightMeters / 2 / 111_320;
  const dLng = widthMeters / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}
