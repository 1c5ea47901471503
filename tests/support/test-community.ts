import type { Polygon } from 'geojson';
import type { TestPlatform } from './test-platform.ts';

let sequence = 0;

export interface TestCommunity {
  code: string;
  /** West, south, east, north of its square, in degrees. */
  west: number;
  south: number;
  east: number;
  north: number;
  /** A rectangle inside the community, by fractions of its width and height. */
  rect(x0: number, y0: number, x1: number, y1: number): Polygon;
  /** A point inside the community, by fractions of its width and height. */
  at(x: number, y: number): [number, number];
}

/**
 * A square community of its own (under a test street of the demo district), east of the
 * district so no demo grid touches it: each test draws its grids on an empty map.
 */
export async function makeCommunity(platform: TestPlatform, sizeDeg = 0.01): Promise<TestCommunity> {
  const n = ++sequence;
  const street = `320213${String(900 + (n % 99)).padStart(3, '0')}`;
  const code = `${street}${String(n).padStart(3, '0')}`;
  const west = 120.5 + n * 0.02;
  const south = 31.4;
  const east = west + sizeDeg;
  const north = south + sizeDeg;
  await platform.db.query(
    `insert into region (code, name, level, parent_code, geom)
     values ($1, '测试街道', 'street', '320213', ST_Multi(ST_MakeEnvelope($2, $3, $4, $5, 4326)))
     on conflict (code) do update set geom = ST_Multi(ST_Union(region.geom, excluded.geom))`,
    [street, west, south, east, north],
  );
  await platform.db.query(
    `insert into region (code, name, level, parent_code, geom)
     values ($1, $2, 'community', $3, ST_Multi(ST_MakeEnvelope($4, $5, $6, $7, 4326)))`,
    [code, `测试社区${n}`, street, west, south, east, north],
  );
  const x = (f: number) => round(west + (east - west) * f);
  const y = (f: number) => round(south + (north - south) * f);
  return {
    code,
    west,
    south,
    east,
    north,
    rect: (x0, y0, x1, y1) => ({
      type: 'Polygon',
      coordinates: [[[x(x0), y(y0)], [x(x1), y(y0)], [x(x1), y(y1)], [x(x0), y(y1)], [x(x0), y(y0)]]],
    }),
    at: (fx, fy) => [x(fx), y(fy)],
  };
}

const round = (v: number) => Math.round(v * 1e7) / 1e7;

/** A member living at a point, with its grid set as the loader would. Returns the member id. */
export async function addMember(platform: TestPlatform, [lng, lat]: [number, number], name = '测试党员'): Promise<number> {
  const [row] = await platform.db.query<{ id: number }>(
    `insert into member (name, status, home, grid_id)
     select $1, 'formal', p, (select id from grid where valid_to is null and ST_Intersects(geom, p) order by id limit 1)
     from ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326) p
     returning id`,
    [name, lng, lat],
  );
  return row!.id;
}

export async function memberGrid(platform: TestPlatform, id: number): Promise<number | null> {
  const [row] = await platform.db.query<{ grid_id: number | null }>('select grid_id from member where id = $1', [id]);
  return row!.grid_id;
}
