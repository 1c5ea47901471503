import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import writeXlsxFile from 'write-excel-file/node';
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

describe('updating figures from a table without coordinates (楼栋编号 + 户数)', () => {
  interface Keyed {
    c: TestCommunity;
    west: number;
    east: number;
    ids: Record<string, number>;
  }

  /**
   * A community of its own with a west and an east grid, and buildings imported from a CSV of
   * points with these keys (x < 0.5: west).
   */
  async function keyedCommunity(buildings: { key: string; name: string; households: number; population: number; at: [number, number] }[]): Promise<Keyed> {
    const c = await makeCommunity(platform);
    const west = await createGrid(c.code, c.rect(0, 0, 0.5, 1));
    const east = await createGrid(c.code, c.rect(0.5, 0, 1, 1));
    const csv = ['编号,楼栋,户数,人口,经度,纬度', ...buildings.map((b) => `${b.key},${b.name},${b.households},${b.population},${c.at(...b.at).join(',')}`)].join('\r\n');
    const { status, report } = await upload('keyed.csv', csv, 'commit');
    expect(status, JSON.stringify(report)).toBe(200);
    expect(report.create).toBe(buildings.length);
    const rows = await platform.db.query<{ id: number; ext_key: string }>('select id, ext_key from building where community_code = $1', [c.code]);
    return { c, west, east, ids: Object.fromEntries(rows.map((r) => [r.ext_key, r.id])) };
  }

  async function building(id: number): Promise<{ name: string; households: number; population: number; area: number; source: string }> {
    const [row] = await platform.db.query<{ name: string; households: number; population: number; area: number; source: string }>(
      'select name, households, population, ST_Area(geom::geography) as area, source from building where id = $1', [id]);
    return row!;
  }

  async function communityHouseholds(code: string): Promise<number> {
    const res = await send(platform, 'GET', `/api/communities/${code}/balance`, planner);
    expect(res.status).toBe(200);
    return ((await res.json()) as { households: number }).households;
  }

  it('a CSV of 楼栋编号 and 户数 updates two buildings, keeps their outlines, names and population, and their grids follow', async () => {
    const k = await keyedCommunity([
      { key: 'FG1-1', name: '西1幢', households: 40, population: 100, at: [0.2, 0.3] },
      { key: 'FG1-2', name: '东1幢', households: 50, population: 120, at: [0.7, 0.3] },
      { key: 'FG1-3', name: '西2幢', households: 30, population: 75, at: [0.3, 0.7] },
    ]);
    const before = { west: await gridHouseholds(k.west), east: await gridHouseholds(k.east), total: await communityHouseholds(k.c.code) };
    expect(before).toEqual({ west: { households: 70, population: 175 }, east: { households: 50, population: 120 }, total: 120 });
    const outline = await building(k.ids['FG1-1']!);
    const csv = '楼栋编号,户数\r\nFG1-1,46\r\nFG1-2,38\r\nFG1-3,30\r\n';

    const dry = await upload('survey.csv', csv);
    expect(dry.status).toBe(200);
    expect(dry.report).toMatchObject({ total: 3, create: 0, update: 2, unchanged: 1, problems: [], committed: false });
    expect(dry.report.actions.map((a) => [a.row, a.action, a.label, a.changes ?? null])).toEqual([
      [2, 'update', '西1幢', [{ field: '户数', before: 40, after: 46 }]],
      [3, 'update', '东1幢', [{ field: '户数', before: 50, after: 38 }]],
      [4, 'unchanged', '西2幢', null],
    ]);
    // The map preview shows the stored outlines.
    expect(dry.report.preview!.features.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'Polygon', 'Polygon']);
    expect(await building(k.ids['FG1-1']!)).toEqual(outline);
    expect(await communityHouseholds(k.c.code)).toBe(120);

    const done = await upload('survey.csv', csv, 'commit');
    expect(done.status, JSON.stringify(done.report)).toBe(200);
    expect(done.report).toMatchObject({ committed: true, update: 2, unchanged: 1 });
    expect(await building(k.ids['FG1-1']!)).toEqual({ ...outline, households: 46 });
    expect(await building(k.ids['FG1-2']!)).toMatchObject({ name: '东1幢', households: 38, population: 120, source: 'point' });
    expect(await gridHouseholds(k.west)).toEqual({ households: 76, population: 175 });
    expect(await gridHouseholds(k.east)).toEqual({ households: 38, population: 120 });
    expect(await communityHouseholds(k.c.code)).toBe(120 + 6 - 12);

    const again = await upload('survey.csv', csv, 'commit');
    expect(again.report).toMatchObject({ committed: true, update: 0, unchanged: 3 });
  });

  it('an Excel table with 人口 updates the population too, and a 社区编码 column is used', async () => {
    const k = await keyedCommunity([
      { key: 'FG2-1', name: '1幢', households: 20, population: 50, at: [0.2, 0.5] },
      { key: 'FG2-2', name: '2幢', households: 24, population: 60, at: [0.8, 0.5] },
    ]);
    const cells = (values: (string | number)[]) => values.map((value) => ({ value }));
    const xlsx = new Uint8Array(await writeXlsxFile([
      cells(['楼栋编号', '户数', '人口', '社区编码']),
      cells(['FG2-1', 22, 58, k.c.code]),
      cells(['FG2-2', 24, 61, k.c.code]),
    ]).toBuffer());
    const dry = await upload('入户调查.xlsx', xlsx);
    expect(dry.status, JSON.stringify(dry.report)).toBe(200);
    expect(dry.report).toMatchObject({ update: 2, problems: [], source: { format: 'xlsx' } });
    expect(dry.report.actions[0]!.changes).toEqual([{ field: '户数', before: 20, after: 22 }, { field: '人口', before: 50, after: 58 }]);
    expect(dry.report.actions[1]!.changes).toEqual([{ field: '人口', before: 60, after: 61 }]);
    expect((await upload('入户调查.xlsx', xlsx, 'commit')).status).toBe(200);
    expect(await gridHouseholds(k.west)).toEqual({ households: 22, population: 58 });
    expect(await gridHouseholds(k.east)).toEqual({ households: 24, population: 61 });
  });

  it('an unknown 楼栋编号 is a problem saying how to fix it, and then nothing changes', async () => {
    const k = await keyedCommunity([{ key: 'FG3-1', name: '1幢', households: 20, population: 50, at: [0.2, 0.5] }]);
    const csv = '楼栋编号,户数\r\nFG3-1,25\r\nFG3-404,10\r\n';
    const dry = await upload('survey.csv', csv);
    expect(dry.status).toBe(200);
    expect(dry.report.problems).toEqual([
      expect.objectContaining({ row: 3, field: '楼栋编号', code: 'UNKNOWN_ID', message: expect.stringContaining('没有找到编号为“FG3-404”的楼栋') }),
    ]);
    expect(dry.report.problems[0]!.message).toContain('新楼栋请填写经纬度');
    const committed = await upload('survey.csv', csv, 'commit');
    expect(committed.status).toBe(422);
    expect(committed.code).toBe('IMPORT_HAS_PROBLEMS');
    expect(await building(k.ids['FG3-1']!)).toMatchObject({ households: 20 });
    expect(await gridHouseholds(k.west)).toEqual({ households: 20, population: 50 });
  });

  it('a 楼栋编号 used in two communities needs the 社区编码; a row without 编号 is a problem', async () => {
    const one = await keyedCommunity([{ key: 'FG4-SAME', name: '甲', households: 20, population: 50, at: [0.2, 0.5] }]);
    const two = await keyedCommunity([{ key: 'FG4-SAME', name: '乙', households: 30, population: 70, at: [0.7, 0.5] }]);
    const ambiguous = await upload('survey.csv', '楼栋编号,户数\r\nFG4-SAME,25\r\n,12\r\n');
    expect(ambiguous.status).toBe(200);
    expect(ambiguous.report.problems.map((p) => [p.row, p.field, p.code])).toEqual([[2, '社区编码', 'MISSING_FIELD'], [3, '楼栋编号', 'MISSING_FIELD']]);
    expect(ambiguous.report.problems[0]!.message).toContain(one.c.code);
    expect(ambiguous.report.problems[0]!.message).toContain(two.c.code);
    expect(ambiguous.report.problems[0]!.message).toContain('在 2 个社区都有楼栋');
    expect((await upload('survey.csv', '楼栋编号,户数\r\nFG4-SAME,25\r\n', 'commit')).status).toBe(422);
    expect(await gridHouseholds(one.west)).toEqual({ households: 20, population: 50 });

    const named = await upload('survey.csv', `楼栋编号,社区编码,户数\r\nFG4-SAME,${two.c.code},33\r\n`, 'commit');
    expect(named.status, JSON.stringify(named.report)).toBe(200);
    expect(named.report.actions[0]!.changes).toEqual([{ field: '户数', before: 30, after: 33 }]);
    expect(await gridHouseholds(two.east)).toEqual({ households: 33, population: 70 });
    expect(await gridHouseholds(one.west)).toEqual({ households: 20, population: 50 });

    // A planner of one community finds only that community's building.
    const own = await signIn(platform, await makeAccount(platform, 'planner', one.c.code));
    const res = await uploadImport(platform, 'buildings', 'survey.csv', '楼栋编号,户数\r\nFG4-SAME,21\r\n', { mode: 'commit' }, own);
    const report = (await res.json()) as ImportReport;
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report).toMatchObject({ update: 1, problems: [], committed: true });
    expect(report.actions[0]!.label).toBe('甲');
    expect(await gridHouseholds(one.west)).toEqual({ households: 21, population: 50 });
    expect(await gridHouseholds(two.east)).toEqual({ households: 33, population: 70 });
  });

  it('a table with coordinates but no 人口 or 楼栋 column keeps the population and the name of the building it updates', async () => {
    const k = await keyedCommunity([{ key: 'FG5-1', name: '5幢', households: 20, population: 52, at: [0.3, 0.5] }]);
    const csv = `编号,户数,经度,纬度\r\nFG5-1,26,${k.c.at(0.3, 0.5).join(',')}\r\n`;
    const dry = await upload('points.csv', csv);
    expect(dry.report).toMatchObject({ update: 1, problems: [] });
    expect(dry.report.actions[0]!.changes).toEqual([{ field: '户数', before: 20, after: 26 }]);
    expect((await upload('points.csv', csv, 'commit')).status).toBe(200);
    expect(await building(k.ids['FG5-1']!)).toMatchObject({ name: '5幢', households: 26, population: 52 });
    expect(await gridHouseholds(k.west)).toEqual({ households: 26, population: 52 });
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
