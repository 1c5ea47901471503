import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { BuildingCollection } from '../../server/src/contract/buildings.ts';
import type { EditResponse } from '../../server/src/contract/grids.ts';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { buildingFixtureBytes, CSV_POINT_BUILDINGS, GEOJSON_BUILDINGS, SHAPEFILE_BUILDINGS } from '../support/building-fixtures.ts';
import { featureCollection, FIXTURE_COMMUNITY_1, makeFixtureCommunities, uploadImport } from '../support/import-fixtures.ts';
import { addBuildings } from '../support/test-buildings.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let planner: string;
let westGrid: number;
let eastGrid: number;
const C1 = FIXTURE_COMMUNITY_1;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  await makeFixtureCommunities(platform);
  // Two grids over the fixture community: west (x < 0.5) and east.
  westGrid = await createGrid(C1.code, rect(C1, 0, 0, 0.5, 1));
  eastGrid = await createGrid(C1.code, rect(C1, 0.5, 0, 1, 1));
});
afterAll(() => platform.close());

function rect(c: { west: number; south: number; east: number; north: number }, x0: number, y0: number, x1: number, y1: number): Polygon {
  const x = (f: number) => Math.round((c.west + (c.east - c.west) * f) * 1e7) / 1e7;
  const y = (f: number) => Math.round((c.south + (c.north - c.south) * f) * 1e7) / 1e7;
  return { type: 'Polygon', coordinates: [[[x(x0), y(y0)], [x(x1), y(y0)], [x(x1), y(y1)], [x(x0), y(y1)], [x(x0), y(y0)]]] };
}

async function createGrid(communityCode: string, geometry: Polygon): Promise<number> {
  const res = await send(platform, 'POST', '/api/grids', planner, {
    type: 'Feature', geometry, properties: { name: '楼栋测试网格', communityCode, households: 999 }, note: '测试',
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return Number(((await res.json()) as EditResponse).feature.properties.id);
}

async function upload(fileName: string, body: string | Uint8Array, mode: 'dry-run' | 'commit' = 'dry-run'): Promise<{ status: number; report: ImportReport; code?: string }> {
  const res = await uploadImport(platform, 'buildings', fileName, body, { mode }, planner);
  const json = (await res.json()) as ImportReport & { error?: { code: string; details: ImportReport } };
  return json.error ? { status: res.status, report: json.error.details, code: json.error.code } : { status: res.status, report: json };
}

async function gridHouseholds(id: number): Promise<{ households: number; population: number }> {
  const [row] = await platform.db.query<{ households: number; population: number }>('select households, population from grid where id = $1', [id]);
  return row!;
}

async function buildingSums(gridId: number): Promise<{ households: number; population: number; n: number }> {
  const [row] = await platform.db.query<{ households: number; population: number; n: number }>(
    'select coalesce(sum(households), 0)::integer as households, coalesce(sum(population), 0)::integer as population, count(*)::integer as n from building where grid_id = $1',
    [gridId],
  );
  return row!;
}

const buildingCount = async (code: string) =>
  (await platform.db.query<{ n: number }>('select count(*)::integer as n from building where community_code = $1', [code]))[0]!.n;

describe('importing buildings', () => {
  it('a dry run reports what each file would do and changes nothing', async () => {
    for (const [file, rows] of [['buildings.geojson', 3], ['buildings.zip', 2], ['buildings-points.csv', 3]] as const) {
      const { status, report } = await upload(file, buildingFixtureBytes(file));
      expect(status, JSON.stringify(report.problems)).toBe(200);
      expect(report).toMatchObject({ kind: 'buildings', total: rows, create: rows, update: 0, problems: [], committed: false });
      expect(report.preview!.features.features).toHaveLength(rows);
    }
    expect(await buildingCount(C1.code)).toBe(0);
    expect(await gridHouseholds(westGrid)).toMatchObject({ households: 999 });
  });

  it('a commit makes grid households the sums of their buildings, and a second commit changes nothing', async () => {
    for (const file of ['buildings.geojson', 'buildings.zip', 'buildings-points.csv']) {
      const { status, report } = await upload(file, buildingFixtureBytes(file), 'commit');
      expect(status, JSON.stringify(report)).toBe(200);
      expect(report.committed).toBe(true);
    }
    const west = [...GEOJSON_BUILDINGS, ...SHAPEFILE_BUILDINGS];
    expect(await buildingSums(westGrid)).toEqual({
      households: west.reduce((s, b) => s + b.households, 0), population: west.reduce((s, b) => s + b.population, 0), n: 5,
    });
    expect(await buildingSums(eastGrid)).toMatchObject({ households: CSV_POINT_BUILDINGS.reduce((s, b) => s + b.households, 0), n: 3 });
    expect(await gridHouseholds(westGrid)).toEqual({ households: 246, population: 615 });
    expect(await gridHouseholds(eastGrid)).toEqual({ households: 240, population: 580 });
    // CSV points are ~10 m squares.
    const [sq] = await platform.db.query<{ area: number; source: string }>(
      `select ST_Area(geom::geography) as area, source from building where community_code = $1 and ext_key = 'P1'`, [C1.code]);
    expect(sq!.source).toBe('point');
    expect(sq!.area).toBeGreaterThan(80);
    expect(sq!.area).toBeLessThan(120);
    const again = await upload('buildings.geojson', buildingFixtureBytes('buildings.geojson'), 'commit');
    expect(again.report).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    const [audit] = await platform.db.query<{ n: number }>(`select count(*)::integer as n from audit_log where action = 'import.buildings'`);
    expect(audit!.n).toBe(3);
  });

  it('updates households by key, and the grid follows', async () => {
    const csv = `编号,楼栋,户数,经度,纬度\r\nP1,东1幢,100,${CSV_POINT_BUILDINGS[0]!.at.join(',')}\r\n`;
    const dry = await upload('update.csv', csv);
    expect(dry.report).toMatchObject({ create: 0, update: 1 });
    expect(dry.report.actions[0]!.changes).toEqual([{ field: '户数', before: 90, after: 100 }]);
    await upload('update.csv', csv, 'commit');
    expect((await gridHouseholds(eastGrid)).households).toBe(250);
  });

  it('reports bad rows as problems, never a 500, and a commit with problems writes nothing', async () => {
    const before = await buildingCount(C1.code);
    const [lng, lat] = [C1.west + 0.002, C1.south + 0.002];
    const csv = [
      '编号,楼栋,户数,人口,社区编码,经度,纬度',
      `H1,巨大,99999999,,,${lng},${lat}`,
      `H2,非数,NaN,,,${lng},${lat}`,
      `H3,负数,-3,,,${lng},${lat}`,
      `H4,区外,10,,,110,30`,
      `H5,错社区,10,,320213999002,${lng},${lat}`,
      `H6,无此社区,10,,320213999077,${lng},${lat}`,
      `H7,无户数,,,,${lng},${lat}`,
      `H8,无坐标,10,,,,`,
      `H9,好的,10,25,,${lng},${lat}`,
      `H9,重复,10,25,,${lng + 0.001},${lat}`,
      `H10,反,10,,,${lat},${lng}`,
    ].join('\r\n');
    const dry = await upload('bad.csv', csv);
    expect(dry.status).toBe(200);
    const codes = Object.fromEntries(dry.report.problems.map((p) => [p.row, p.code]));
    expect(codes).toMatchObject({
      2: 'BAD_VALUE', 3: 'BAD_VALUE', 4: 'BAD_VALUE', 5: 'OUTSIDE_DISTRICT', 6: 'OUTSIDE_COMMUNITY', 7: 'UNKNOWN_COMMUNITY',
      8: 'MISSING_FIELD', 9: 'MISSING_COORDINATE', 11: 'DUPLICATE', 12: 'BAD_VALUE',
    });
    expect(codes[10]).toBeUndefined();
    const committed = await upload('bad.csv', csv, 'commit');
    expect(committed.status).toBe(422);
    expect(committed.code).toBe('IMPORT_HAS_PROBLEMS');
    expect(await buildingCount(C1.code)).toBe(before);
  });

  it('refuses bow-ties, several parts and block-sized outlines', async () => {
    const [x, y] = [C1.west + 0.003, C1.south + 0.003];
    const body = featureCollection([
      { properties: { id: 'G1', 户数: 5 }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.0002, y + 0.0002], [x + 0.0002, y], [x, y + 0.0002], [x, y]]] } },
      { properties: { id: 'G2', 户数: 5 }, geometry: { type: 'MultiPolygon', coordinates: [rect({ west: x, south: y, east: x + 0.0001, north: y + 0.0001 }, 0, 0, 1, 1).coordinates, rect({ west: x + 0.001, south: y, east: x + 0.0011, north: y + 0.0001 }, 0, 0, 1, 1).coordinates] } },
      { properties: { id: 'G3', 户数: 5 }, geometry: rect(C1, 0.1, 0.1, 0.9, 0.9) },
      { properties: { id: 'G4', 户数: 5 }, geometry: { type: 'MultiPolygon', coordinates: [rect({ west: x, south: y, east: x + 0.0001, north: y + 0.0001 }, 0, 0, 1, 1).coordinates] } },
      { properties: { 户数: 5 }, geometry: rect({ west: x, south: y, east: x + 0.0001, north: y + 0.0001 }, 0, 0, 1, 1) },
    ]);
    const { status, report } = await upload('shapes.geojson', body);
    expect(status).toBe(200);
    expect(report.problems.map((p) => [p.row, p.code])).toEqual([[1, 'INVALID_GEOMETRY'], [2, 'INVALID_GEOMETRY'], [3, 'BAD_VALUE'], [5, 'MISSING_FIELD']]);
    expect(report.create).toBe(1);
  });

  it('refuses a grid worker and the public', async () => {
    const res = await uploadImport(platform, 'buildings', 'b.csv', 'a', {}, null);
    expect(res.status).toBe(401);
    const leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
    expect((await uploadImport(platform, 'buildings', 'b.csv', 'a', {}, leader)).status).toBe(403);
  });
});

describe('exporting buildings', () => {
  let c: TestCommunity;
  beforeAll(async () => {
    c = await makeCommunity(platform);
    await createGrid(c.code, c.rect(0, 0, 1, 1));
    await addBuildings(platform, c, [{ at: [0.3, 0.3], households: 33, name: '甲' }, { at: [0.6, 0.7], households: 44, name: '乙' }]);
  });

  for (const format of ['geojson', 'csv', 'shp'] as const) {
    it(`round-trips through ${format}: importing the export changes nothing`, async () => {
      const res = await send(platform, 'GET', `/api/exports/buildings?region=${c.code}&format=${format}`, planner);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('private');
      const bytes = new Uint8Array(await res.arrayBuffer());
      const name = `b.${format === 'shp' ? 'zip' : format}`;
      const { status, report } = await upload(name, bytes);
      expect(status, JSON.stringify(report)).toBe(200);
      expect(report).toMatchObject({ total: 2, create: 0, update: 0, unchanged: 2, problems: [] });
    });
  }

  it('exports what GET /api/buildings shows', async () => {
    const res = await send(platform, 'GET', `/api/exports/buildings?region=${c.code}`, planner);
    const fc = (await res.json()) as { features: { properties: { households: number; grid: string } }[] };
    expect(fc.features.map((f) => f.properties.households).sort()).toEqual([33, 44]);
    const listed = (await (await send(platform, 'GET', `/api/buildings?community=${c.code}`, planner)).json()) as BuildingCollection;
    expect(fc.features.map((f) => f.properties.grid)).toEqual(listed.features.map((f) => f.properties.gridCode));
  });
});
