import fs from 'node:fs';
import type { Polygon, Position } from 'geojson';
import type { TestPlatform } from './test-platform.ts';

// The import fixtures (tests/fixtures/imports/, written by scripts/make-import-fixtures.ts from
// the constants below), the communities they lie in, and the problems each problem file holds.

const FIXTURE_DIR = new URL('../fixtures/imports/', import.meta.url);

/** A fixture file's bytes, e.g. fixtureBytes('grids-projected.zip'). */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(new URL(name, FIXTURE_DIR)));
}

export const FIXTURE_STREET = { code: '320213999', name: '导入测试街道', parentCode: '320213' } as const;

export interface FixtureCommunity {
  code: string;
  name: string;
  west: number;
  south: number;
  east: number;
  north: number;
}

export const FIXTURE_COMMUNITY_1: FixtureCommunity = { code: '320213999001', name: '导入测试社区一', west: 121.0, south: 31.4, east: 121.01, north: 31.41 };
export const FIXTURE_COMMUNITY_2: FixtureCommunity = { code: '320213999002', name: '导入测试社区二', west: 121.02, south: 31.4, east: 121.03, north: 31.41 };
export const FIXTURE_COMMUNITIES = [FIXTURE_COMMUNITY_1, FIXTURE_COMMUNITY_2] as const;

/** The Party organisation members.csv and members-problems.csv name: create it before importing members. */
export const FIXTURE_ORG_NAME = '导入测试支部';

/**
 * Inserts the street 320213999 导入测试街道 (geometry: the union of its communities) and its two
 * communities. East of the demo district, so no demo grid touches them. Idempotent.
 */
export async function makeFixtureCommunities(platform: TestPlatform): Promise<void> {
  const [one, two] = FIXTURE_COMMUNITIES;
  await platform.db.query(
    `insert into region (code, name, level, parent_code, geom)
     values ($1, $2, 'street', $3, ST_Multi(ST_Union(ST_MakeEnvelope($4, $5, $6, $7, 4326), ST_MakeEnvelope($8, $9, $10, $11, 4326))))
     on conflict (code) do update set name = excluded.name, geom = excluded.geom`,
    [FIXTURE_STREET.code, FIXTURE_STREET.name, FIXTURE_STREET.parentCode, one.west, one.south, one.east, one.north, two.west, two.south, two.east, two.north],
  );
  for (const c of FIXTURE_COMMUNITIES) {
    await platform.db.query(
      `insert into region (code, name, level, parent_code, geom)
       values ($1, $2, 'community', $3, ST_Multi(ST_MakeEnvelope($4, $5, $6, $7, 4326)))
       on conflict (code) do update set name = excluded.name, geom = excluded.geom`,
      [c.code, c.name, FIXTURE_STREET.code, c.west, c.south, c.east, c.north],
    );
  }
}

/** Creates the branch 导入测试支部 (not attached to a grid); returns its id. */
export async function makeFixtureOrg(platform: TestPlatform): Promise<number> {
  const [row] = await platform.db.query<{ id: number }>(`insert into party_org (name, kind) values ($1, 'branch') returning id`, [FIXTURE_ORG_NAME]);
  return row!.id;
}

/** A rectangle as a GeoJSON outer ring, counter-clockwise (west-south first). */
export function rectangleRing(west: number, south: number, east: number, north: number): Position[] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

export function rectangle(west: number, south: number, east: number, north: number): Polygon {
  return { type: 'Polygon', coordinates: [rectangleRing(west, south, east, north)] };
}

export interface FixtureGrid {
  name: string;
  communityCode: string | null;
  households: number;
  population: number;
  leaderName: string;
  leaderPhone: string;
  /** WGS84, as the file should read back (the Shapefile's within 1 cm). */
  geometry: Polygon;
}

/** grids-clean.geojson: the west third of community 001; they share the edge lat 31.405. */
export const CLEAN_GRIDS: FixtureGrid[] = [
  { name: '导入网格甲', communityCode: '320213999001', households: 120, population: 310, leaderName: '张测试', leaderPhone: '0510-05550101', geometry: rectangle(121.0005, 31.401, 121.003, 31.405) },
  { name: '导入网格乙', communityCode: null, households: 95, population: 260, leaderName: '李示例', leaderPhone: '0510-05550102', geometry: rectangle(121.0005, 31.405, 121.003, 31.409) },
];

/** EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E, as ArcGIS writes it in a .prj. */
export const PRJ_EPSG_4549 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/**
 * grids-projected.zip (EPSG:4549): the middle third of community 001. Rings are clockwise, as
 * a Shapefile's outer rings are, so they read back vertex for vertex.
 */
export const PROJECTED_GRIDS: FixtureGrid[] = [
  { name: '导入网格丙', communityCode: '320213999001', households: 210, population: 530, leaderName: '王样本', leaderPhone: '0510-05550103', geometry: clockwise(rectangle(121.004, 31.401, 121.006, 31.405)) },
  { name: '导入网格丁', communityCode: null, households: 180, population: 470, leaderName: '赵演示', leaderPhone: '0510-05550104', geometry: clockwise(rectangle(121.004, 31.405, 121.006, 31.409)) },
];

/** grids.kml: the east third of community 001; 己 is a MultiGeometry of two polygons. */
export const KML_GRIDS = {
  wu: { name: '导入网格戊', communityCode: '320213999001', households: 150, population: 380, leaderName: '钱例子', leaderPhone: '0510-05550105', geometry: rectangle(121.0072, 31.401, 121.0095, 31.405) },
  ji: {
    name: '导入网格己',
    communityCode: '320213999001',
    leaderName: '孙假名',
    parts: [rectangle(121.0072, 31.405, 121.0095, 31.407), rectangle(121.0072, 31.4075, 121.0095, 31.409)],
  },
} as const;

/** The grid a test draws in community 002 before importing grids-problems.geojson (feature 9 overlaps it). */
export const EXISTING_GRID_IN_COMMUNITY_2 = { name: '已有网格', communityCode: '320213999002', geometry: rectangle(121.027, 31.401, 121.029, 31.405) };

/** grids-problems.geojson, features 1..10 in order; null geometry marks the LineString (feature 10). */
export const PROBLEM_GRIDS = [
  { name: '导入问题网格一', communityCode: '320213999002', code: null, geometry: rectangle(121.021, 31.401, 121.023, 31.403) },
  {
    name: '蝴蝶结网格',
    communityCode: '320213999002',
    code: null,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [121.024, 31.401],
          [121.026, 31.403],
          [121.026, 31.401],
          [121.024, 31.403],
          [121.024, 31.401],
        ],
      ],
    } as Polygon,
  },
  { name: '区外网格', communityCode: null, code: null, geometry: rectangle(110.0, 30.0, 110.002, 30.002) },
  { name: '重叠网格', communityCode: '320213999002', code: null, geometry: rectangle(121.022, 31.4015, 121.0235, 31.4035) },
  { name: '未知社区网格', communityCode: '320213999777', code: null, geometry: rectangle(121.021, 31.405, 121.023, 31.407) },
  { name: '编码网格甲', communityCode: '320213999002', code: '320213999002050', geometry: rectangle(121.024, 31.405, 121.026, 31.407) },
  { name: '编码网格乙', communityCode: '320213999002', code: '320213999002050', geometry: rectangle(121.021, 31.408, 121.023, 31.4095) },
  { name: null, communityCode: '320213999002', code: null, geometry: rectangle(121.024, 31.408, 121.026, 31.4095) },
  { name: '压现有网格', communityCode: '320213999002', code: null, geometry: rectangle(121.028, 31.402, 121.0295, 31.404) },
  { name: '线状网格', communityCode: '320213999002', code: null, geometry: null },
] as const;
export const PROBLEM_LINE: Position[] = [
  [121.0275, 31.407],
  [121.029, 31.409],
];

export interface FixtureFacility {
  name: string;
  /** As written in the file. */
  kindText: string;
  kind: 'center' | 'station' | 'party_home' | 'rep_studio' | 'volunteer_point';
  address: string;
  phone: string;
  openingHours: string | null;
  /** WGS84 original; facilities-gbk-gcj02.csv holds it converted to GCJ-02. */
  wgs84: [number, number];
}

/** facilities-gbk-gcj02.csv: GBK, Chinese headers, GCJ-02 coordinates of these WGS84 points. */
export const GCJ02_FACILITIES: FixtureFacility[] = [
  { name: '导入测试党群服务中心', kindText: '党群服务中心', kind: 'center', address: '测试路1号', phone: '0510-05550201', openingHours: '周一至周日 9:00-17:00', wgs84: [121.002, 31.403] },
  { name: '导入测试党群服务站', kindText: '党群服务站', kind: 'station', address: '测试路2号', phone: '0510-05550202', openingHours: '周一至周五 8:30-17:30', wgs84: [121.005, 31.406] },
  { name: '导入测试党员之家', kindText: '党员之家', kind: 'party_home', address: '测试路3号', phone: '0510-05550203', openingHours: '工作日 9:00-16:00', wgs84: [121.008, 31.402] },
];

/** facilities.xlsx: English headers, English kind codes, WGS84 numbers. */
export const XLSX_FACILITIES: FixtureFacility[] = [
  { name: '导入测试代表工作室', kindText: 'rep_studio', kind: 'rep_studio', address: '测试路4号', phone: '0510-05550204', openingHours: null, wgs84: [121.003, 31.408] },
  { name: '导入测试志愿服务点', kindText: 'volunteer_point', kind: 'volunteer_point', address: '测试路5号', phone: '0510-05550205', openingHours: null, wgs84: [121.007, 31.407] },
];

export interface FixtureMember {
  name: string;
  statusText: string;
  status: 'formal' | 'probationary';
  floatingText: string;
  floating: boolean;
  phone: string;
  wgs84: [number, number];
}

/** members.csv: UTF-8, WGS84, all of 导入测试支部. */
export const MEMBERS: FixtureMember[] = [
  { name: '张测试', statusText: '正式党员', status: 'formal', floatingText: '否', floating: false, phone: '0510-05550301', wgs84: [121.0015, 31.4025] },
  { name: '李示例', statusText: '预备党员', status: 'probationary', floatingText: '是', floating: true, phone: '0510-05550302', wgs84: [121.0045, 31.4035] },
  { name: '王样本', statusText: '正式', status: 'formal', floatingText: '否', floating: false, phone: '0510-05550303', wgs84: [121.0075, 31.4055] },
  { name: '赵演示', statusText: '正式党员', status: 'formal', floatingText: '否', floating: false, phone: '0510-05550304', wgs84: [121.0085, 31.4085] },
];

export interface ExpectedProblem {
  row: number;
  field: string | null;
  code: string;
  /** parse: found by parseImport; database: found by the import's checks against the database. */
  stage: 'parse' | 'database';
}

/** Every problem of each problem file, sorted by row, under the file's own field names. */
export const EXPECTED_PROBLEMS: Record<string, ExpectedProblem[]> = {
  'grids-problems.geojson': [
    { row: 2, field: 'geometry', code: 'INVALID_GEOMETRY', stage: 'database' },
    { row: 3, field: 'geometry', code: 'OUTSIDE_DISTRICT', stage: 'database' },
    { row: 4, field: 'geometry', code: 'GRID_OVERLAP', stage: 'database' },
    { row: 5, field: 'communityCode', code: 'UNKNOWN_COMMUNITY', stage: 'database' },
    { row: 7, field: 'code', code: 'DUPLICATE', stage: 'database' },
    { row: 8, field: 'name', code: 'MISSING_FIELD', stage: 'parse' },
    { row: 9, field: 'geometry', code: 'GRID_OVERLAP', stage: 'database' },
    { row: 10, field: 'geometry', code: 'INVALID_GEOMETRY', stage: 'parse' },
  ],
  'facilities-problems.csv': [
    { row: 3, field: '纬度', code: 'MISSING_COORDINATE', stage: 'parse' },
    { row: 4, field: '经度', code: 'OUTSIDE_DISTRICT', stage: 'database' },
    { row: 5, field: '类型', code: 'BAD_VALUE', stage: 'parse' },
    { row: 6, field: '名称', code: 'DUPLICATE', stage: 'database' },
    { row: 7, field: '编号', code: 'UNKNOWN_ID', stage: 'database' },
  ],
  'members-problems.csv': [
    { row: 3, field: '状态', code: 'BAD_VALUE', stage: 'parse' },
    { row: 4, field: '经度', code: 'MISSING_COORDINATE', stage: 'database' },
    { row: 5, field: '所属党组织', code: 'UNKNOWN_ORG', stage: 'database' },
    { row: 6, field: '姓名', code: 'DUPLICATE', stage: 'database' },
    { row: 7, field: '经度', code: 'OUTSIDE_DISTRICT', stage: 'database' },
  ],
};

/** The same polygon with its rings' direction reversed (first position kept). */
function clockwise(polygon: Polygon): Polygon {
  return { type: 'Polygon', coordinates: polygon.coordinates.map((ring) => [...ring].reverse()) };
}

let gbkTable: Map<string, number[]> | undefined;

/** Text to GBK bytes (Node has a GBK decoder but no encoder): the decoder's table, inverted. */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== '\uFFFD' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** A GeoJSON FeatureCollection file's text from features' geometries and properties. */
export function featureCollection(features: { geometry: unknown; properties: Record<string, unknown> }[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
}

/** POSTs a file to /api/imports/{kind} as the data page does: the raw bytes, the name and options in the query. */
export function uploadImport(
  platform: TestPlatform,
  kind: string,
  fileName: string,
  body: string | Uint8Array,
  query: Record<string, string>,
  cookie: string | null,
): Promise<Response> {
  const qs = new URLSearchParams({ fileName, ...query });
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (cookie) headers.cookie = cookie;
  return platform.get(`/api/imports/${kind}?${qs}`, { method: 'POST', headers, body: typeof body === 'string' ? body : Buffer.from(body) });
}
