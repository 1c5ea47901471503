import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { featureCollection, uploadImport } from '../support/import-fixtures.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// What the dry run's report says an import would do: the fields an update changes (old → new,
// never a member's values), the true number of rows of a long file, and the map preview.

let platform: TestPlatform;
let planner: string;
let admin: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  admin = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
});
afterAll(() => platform.close());

async function importFile(kind: string, fileName: string, body: string | Uint8Array, mode: 'dry-run' | 'commit', cookie = planner): Promise<ImportReport> {
  const res = await uploadImport(platform, kind, fileName, body, { mode }, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportReport;
}


async function exportFile(layer: string, region: string, format: string): Promise<Uint8Array> {
  const res = await send(platform, 'GET', `/api/exports/${layer}?region=${region}&format=${format}`, planner);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function gridsOf(c: TestCommunity) {
  return platform.db.query<{ code: string; area: number }>(
    `select code, ST_Area(geom::geography) as area from grid where community_code = $1 and valid_to is null order by code`,
    [c.code],
  );
}

describe('an update names what it changes', () => {
  it('a grid row lists its changed fields under the file\'s names, old → new, and its boundary by area', async () => {
    const c = await makeCommunity(platform);
    await importFile('grids', 'a.geojson', featureCollection([
      { geometry: c.rect(0, 0, 0.5, 1), properties: { 名称: '甲', 户数: 10 } },
      { geometry: c.rect(0.5, 0, 1, 1), properties: { 名称: '乙' } },
    ]), 'commit');
    const [a, b] = await gridsOf(c);
    const report = await importFile('grids', 'b.geojson', featureCollection([
      { geometry: c.rect(0, 0, 0.4, 1), properties: { 网格编码: a!.code, 名称: '甲（新）', 户数: 50 } },
      { geometry: c.rect(0.5, 0, 1, 1), properties: { 网格编码: b!.code, 名称: '乙' } },
    ]), 'dry-run');
    expect(report).toMatchObject({ total: 2, create: 0, update: 1, unchanged: 1, problems: [] });
    const [first, second] = report.actions;
    expect(first).toMatchObject({ row: 1, action: 'update' });
    const changes = new Map(first!.changes!.map((ch) => [ch.field, ch]));
    expect([...changes.keys()].sort()).toEqual(['geometry', '名称', '户数'].sort());
    expect(changes.get('名称')).toEqual({ field: '名称', before: '甲', after: '甲（新）' });
    expect(changes.get('户数')).toEqual({ field: '户数', before: 10, after: 50 });
    const boundary = changes.get('geometry')!;
    expect(boundary.before).toBeCloseTo(a!.area, 0);
    expect(Number(boundary.after) / Number(boundary.before)).toBeCloseTo(0.8, 3);
    expect(second).toEqual({ row: 2, action: 'unchanged', label: `${b!.code} 乙` });
  });

  it('a facility row lists its changed fields, its place as coordinates, and keeps the columns it lacks out of it', async () => {
    const c = await makeCommunity(platform);
    const [x, y] = c.at(0.5, 0.5);
    const created = await send(platform, 'POST', '/api/facilities', planner, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x, y] },
      properties: { name: '变更站点', kind: 'station', address: '旧路1号', phone: '0510-05550901', services: ['党员教育'], public: true },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const [mx, my] = c.at(0.6, 0.6);
    const report = await importFile('facilities', 'update.csv', `编号,名称,类型,地址,经度,纬度\n${id},变更站点,党员之家,新路2号,${mx},${my}`, 'dry-run');
    expect(report).toMatchObject({ update: 1, problems: [] });
    expect(report.actions[0]!.changes).toEqual([
      { field: '类型', before: '党群服务站', after: '党员之家' },
      { field: '地址', before: '旧路1号', after: '新路2号' },
      { field: '经度/纬度', before: `${x.toFixed(6)}, ${y.toFixed(6)}`, after: `${mx.toFixed(6)}, ${my.toFixed(6)}` },
    ]);
    expect(report.preview!.features.features).toEqual([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [mx, my] }, properties: { row: 2, action: 'update', label: '变更站点' } },
    ]);
  });

  it('a member row names the changed fields only, never a value, and the preview has no member at all', async () => {
    const c = await makeCommunity(platform);
    await importFile('grids', 'g.geojson', featureCollection([{ geometry: c.rect(0, 0, 1, 1), properties: { name: '党员网格' } }]), 'commit');
    const [x, y] = c.at(0.5, 0.5);
    const [mx, my] = c.at(0.25, 0.25);
    const header = '姓名,状态,流动党员,电话,经度,纬度';
    await importFile('members', 'm.csv', `${header}\n王变更,预备党员,否,0510-05550912,${x},${y}`, 'commit', admin);
    const same = await importFile('members', 'm.csv', `${header}\n王变更,预备党员,否,0510-05550912,${x},${y}`, 'dry-run', admin);
    expect(same).toMatchObject({ create: 0, update: 0, unchanged: 1, preview: null });

    const report = await importFile('members', 'm2.csv', `${header}\n王变更,正式党员,否,0510-05550912,${mx},${my}`, 'dry-run', admin);
    expect(report).toMatchObject({ update: 1, problems: [], preview: null });
    expect(report.actions[0]!.changes).toEqual([
      { field: '状态', before: null, after: null },
      { field: '经度/纬度', before: null, after: null },
    ]);
    const text = JSON.stringify(report);
    for (const secret of ['王变更', '0510-05550912', String(x), String(mx), String(my)]) expect(text).not.toContain(secret);
  });
});

describe('an unchanged export imports back as unchanged', () => {
  it('grids of a community with a slanted, unrounded border: GeoJSON and Shapefile report no update', async () => {
    const c = await makeCommunity(platform);
    // A community whose corners are not on the stored 1e-7° grid and whose sides are slanted, so
    // the stored shapes (cut to it and rounded) poke a few millimetres past its border.
    const corner = (fx: number, fy: number) => [c.west + (c.east - c.west) * fx + 1.23456789e-8, c.south + (c.north - c.south) * fy + 3.3333333e-8];
    const ring = [corner(0.03, 0.01), corner(0.97, 0.08), corner(0.99, 0.93), corner(0.05, 0.98), corner(0.03, 0.01)];
    await platform.db.query(`update region set geom = ST_Multi(ST_GeomFromGeoJSON($2)) where code = $1`, [c.code, JSON.stringify({ type: 'Polygon', coordinates: [ring] })]);
    const [sw, se, ne, nw] = ring as [number[], number[], number[], number[]];
    const middle = (p: number[], q: number[]) => [(p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2];
    const [s, n] = [middle(sw, se), middle(nw, ne)];
    const west: Polygon = { type: 'Polygon', coordinates: [[sw, s, n, nw, sw]] };
    const east: Polygon = { type: 'Polygon', coordinates: [[s, se, ne, n, s]] };
    const first = await importFile('grids', 'slanted.geojson', featureCollection([
      { geometry: west, properties: { name: '斜边甲', households: 12, leader: '赵测试' } },
      { geometry: east, properties: { name: '斜边乙' } },
    ]), 'commit');
    expect(first).toMatchObject({ create: 2, problems: [] });
    // Then redrawn in the grid editor, its leader cleared to an empty text.
    const [drawn] = await platform.db.query<{ id: number; version: number }>(`select id, version from grid where name = '斜边甲'`);
    const redrawn = await send(platform, 'PUT', `/api/grids/${drawn!.id}`, planner, {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[sw, middle(sw, s), middle(nw, n), nw, sw]] },
      properties: { name: '斜边甲', households: 12, leaderName: '', version: drawn!.version },
      note: '编辑器重画',
    });
    expect(redrawn.status, await redrawn.clone().text()).toBe(200);

    for (const [format, fileName] of [['geojson', 'export.geojson'], ['shp', 'export.zip']] as const) {
      const report = await importFile('grids', fileName, await exportFile('grids', c.code, format), 'dry-run');
      expect([fileName, report.actions.filter((a) => a.action !== 'unchanged')]).toEqual([fileName, []]);
      expect(report).toMatchObject({ total: 2, create: 0, update: 0, unchanged: 2, problems: [] });
    }
  });

  it('facilities exported as CSV and GeoJSON report no update, empty texts included', async () => {
    const c = await makeCommunity(platform);
    const [x, y] = c.at(0.4, 0.4);
    const created = await send(platform, 'POST', '/api/facilities', planner, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x + 1.234e-8, y + 5.678e-8] },
      // Saved from the station form with empty texts, which the CSV writes as empty cells.
      properties: { name: '导出站点', kind: 'party_home', address: '', phone: null, openingHours: ' ', services: [], public: false },
    });
    expect(created.status).toBe(201);
    for (const [format, fileName] of [['csv', 'export.csv'], ['geojson', 'export.geojson']] as const) {
      const report = await importFile('facilities', fileName, await exportFile('facilities', c.code, format), 'dry-run');
      expect([fileName, report.actions[0]!.changes]).toEqual([fileName, undefined]);
      expect(report).toMatchObject({ total: 1, create: 0, update: 0, unchanged: 1, problems: [] });
    }
  });
});

describe('a long file', () => {
  it('reports every one of its 520 grids in the total and the map preview, and lists the first 500 rows', async () => {
    const c = await makeCommunity(platform);
    const features = [];
    for (let i = 0; i < 26; i++) {
      for (let j = 0; j < 20; j++) {
        features.push({ geometry: c.rect(i / 26, j / 20, (i + 1) / 26, (j + 1) / 20), properties: { name: `格${i}-${j}` } });
      }
    }
    const report = await importFile('grids', 'many.geojson', featureCollection(features), 'dry-run');
    expect(report).toMatchObject({ total: 520, create: 520, update: 0, unchanged: 0, problems: [] });
    expect(report.actions).toHaveLength(500);
    expect(report.preview!.truncated).toBe(false);
    const shown = report.preview!.features.features;
    expect(shown).toHaveLength(520);
    expect(shown[0]!.properties).toEqual({ row: 1, action: 'create', label: '新网格 格0-0' });
    expect(['Polygon', 'MultiPolygon']).toContain(shown[0]!.geometry.type);
    const [lng, lat] = (shown[0]!.geometry.type === 'MultiPolygon' ? shown[0]!.geometry.coordinates[0]![0]![0] : (shown[0]!.geometry as Polygon).coordinates[0]![0])!;
    expect(lng).toBeGreaterThanOrEqual(c.west - 1e-6);
    expect(lat).toBeLessThanOrEqual(c.north + 1e-6);
  }, 180_000);
});
