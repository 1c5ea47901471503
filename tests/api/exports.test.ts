import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import JSZip from 'jszip';
import shp from 'shpjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn, type TestAccount } from '../support/accounts.ts';
import { addMember, makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

const DEMO_STREET = '320213021';
const LAYERS = ['grids', 'facilities', 'regions'] as const;
const FORMATS = ['geojson', 'shp', 'csv'] as const;
const HAS_OGRINFO = fs.existsSync('/usr/bin/ogrinfo');

let platform: TestPlatform;
let leader: string;
let planner: string;
let admin: string;
let adminAccount: TestAccount;
let leaderAccount: TestAccount;
let streetLeader: string;
let streetAdmin: string;
let c: TestCommunity;
const ids = { gridA: 0, gridB: 0, retired: 0, station: 0, home: 0, outside: 0 };
const homes: [number, number][] = [];

// Grid A: two parts, the first with a hole, stored with GeoJSON's winding (outer rings
// counter-clockwise), so the Shapefile writer has to turn them.
let gridAShape: MultiPolygon;
let gridBShape: Polygon;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  leaderAccount = await makeAccount(platform, 'leader', '320213');
  adminAccount = await makeAccount(platform, 'admin', '320213');
  leader = await signIn(platform, leaderAccount);
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  admin = await signIn(platform, adminAccount);
  streetLeader = await signIn(platform, await makeAccount(platform, 'leader', DEMO_STREET));
  streetAdmin = await signIn(platform, await makeAccount(platform, 'admin', DEMO_STREET));

  c = await makeCommunity(platform);
  const hole = c.rect(0.1, 0.1, 0.2, 0.2).coordinates[0]!.slice().reverse();
  gridAShape = {
    type: 'MultiPolygon',
    coordinates: [[c.rect(0, 0, 0.4, 0.4).coordinates[0]!, hole], c.rect(0.6, 0, 0.9, 0.4).coordinates],
  };
  gridBShape = c.rect(0, 0.5, 1, 1);
  const insertGrid = async (seq: string, name: string, shape: Polygon | MultiPolygon, leaderName: string | null, phone: string | null, retired = false) => {
    const [row] = await platform.db.query<{ id: number }>(
      `insert into grid (code, name, community_code, geom, households, population, leader_name, leader_phone, valid_to)
       values ($1 || $2, $3, $1, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)), 120, 300, $5, $6, case when $7 then now() end)
       returning id`,
      [c.code, seq, name, JSON.stringify(shape), leaderName, phone, retired],
    );
    return row!.id;
  };
  ids.gridA = await insertGrid('001', '梁溪测试网格甲', gridAShape, '张网格', '10012345678');
  // Values a spreadsheet would run as formulas, and a plain negative number that must stay as it is.
  ids.gridB = await insertGrid('002', '=HYPERLINK("http://evil.example","点我")', gridBShape, '@李四', '-5');
  ids.retired = await insertGrid('003', '已撤销网格', c.rect(0.45, 0, 0.55, 0.4), null, null, true);

  const insertFacility = async (name: string, kind: string, at: [number, number], isPublic: boolean, services: string[]) => {
    const [row] = await platform.db.query<{ id: number }>(
      // With the grid that holds it, as every save and import sets it.
      `insert into facility (name, kind, address, phone, opening_hours, services, geom, public, grid_id)
       select $1, $2, '梁溪路1号', '0510-0000000', '周一至周五 09:00-17:00', $3, p, $6,
              (select id from grid where valid_to is null and ST_Intersects(geom, p) order by id limit 1)
       from ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326) p
       returning id`,
      [name, kind, services, at[0], at[1], isPublic],
    );
    return row!.id;
  };
  ids.station = await insertFacility('测试党群服务站', 'station', c.at(0.3, 0.75), true, ['党员教育', '志愿服务']);
  ids.home = await insertFacility('内部党员之家', 'party_home', c.at(0.7, 0.75), false, []);
  ids.outside = await insertFacility('社区外服务站', 'station', [c.east + 0.001, c.north - 0.001], true, []);

  const [org] = await platform.db.query<{ id: number }>(
    "insert into party_org (name, kind, grid_id) values ('测试网格党支部', 'branch', $1) returning id",
    [ids.gridA],
  );
  for (const [fx, fy] of [[0.3, 0.3], [0.35, 0.05], [0.7, 0.2], [0.5, 0.8]] as const) {
    const at = c.at(fx, fy);
    homes.push(at);
    await addMember(platform, at, `测试党员${homes.length}`);
  }
  await platform.db.query(
    "update member set status = 'probationary', floating = true, phone = '10099990000', org_id = $2 where name = '测试党员1' and grid_id = $1",
    [ids.gridA, org!.id],
  );
});
afterAll(() => platform.close());

async function download(pathAndQuery: string, cookie = leader): Promise<Response> {
  const res = await send(platform, 'GET', pathAndQuery, cookie);
  expect(res.status, `${pathAndQuery}: ${await res.clone().text().catch(() => '')}`).toBe(200);
  return res;
}

async function geojson<G extends Point | MultiPolygon>(pathAndQuery: string, cookie = leader) {
  return (await (await download(pathAndQuery, cookie)).json()) as FeatureCollection<G, Record<string, unknown>>;
}

async function shapefile(pathAndQuery: string, cookie = leader) {
  const bytes = Buffer.from(await (await download(pathAndQuery, cookie)).arrayBuffer());
  const parsed = await shp(bytes);
  if (Array.isArray(parsed)) throw new Error('expected one layer');
  return { bytes, fc: parsed as FeatureCollection<Point | Polygon | MultiPolygon, Record<string, unknown>> };
}

async function csv(pathAndQuery: string, cookie = leader) {
  // Response.text() drops a byte order mark; decode keeping it, to see that it is there.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await download(pathAndQuery, cookie)).arrayBuffer());
  return { text, rows: parse(text, { bom: true }) as string[][] };
}

/** Number of features of a layer export in any format. */
async function countOf(layer: string, format: string, region: string): Promise<number> {
  const url = `/api/exports/${layer}?region=${region}&format=${format}`;
  if (format === 'geojson') return (await geojson(url)).features.length;
  if (format === 'shp') return (await shapefile(url)).fc.features.length;
  return (await csv(url)).rows.length - 1;
}

/** The rings of the first record of a polygon .shp, as the file stores them. */
function ringsOfFirstRecord(file: Buffer): [number, number][][] {
  const at = 100 + 8; // file header, record header
  expect(file.readInt32LE(at)).toBe(5);
  const parts = file.readInt32LE(at + 36);
  const points = file.readInt32LE(at + 40);
  const starts = Array.from({ length: parts }, (_, k) => file.readInt32LE(at + 44 + 4 * k));
  const xy = (i: number): [number, number] => [file.readDoubleLE(at + 44 + 4 * parts + 16 * i), file.readDoubleLE(at + 52 + 4 * parts + 16 * i)];
  return starts.map((start, k) => Array.from({ length: (starts[k + 1] ?? points) - start }, (_, i) => xy(start + i)));
}

/** Shoelace area: positive counter-clockwise, negative clockwise. */
function signedArea(ring: [number, number][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

async function lastAudit(action: string, actor: string) {
  const [row] = await platform.db.query<{ details: Record<string, unknown>; ip: string | null; entity: string | null }>(
    'select details, ip, entity from audit_log where action = $1 and actor = $2 order by id desc limit 1',
    [action, actor],
  );
  return row;
}

describe('layer exports', () => {
  it('count the right features in every format, for a test community and a demo street', async () => {
    for (const format of FORMATS) {
      expect(await countOf('grids', format, c.code), format).toBe(2); // the retired grid stays out
      expect(await countOf('facilities', format, c.code), format).toBe(2); // non-public included, outside not
      expect(await countOf('regions', format, c.code), format).toBe(1);
    }
    const [expected] = await platform.db.query<{ grids: number; facilities: number; regions: number }>(
      `select (select count(*)::int from grid where valid_to is null and code like $1 || '%') as grids,
              (select count(*)::int from facility f join region r on r.code = $1 and ST_Intersects(r.geom, f.geom)) as facilities,
              (select count(*)::int from region where code like $1 || '%') as regions`,
      [DEMO_STREET],
    );
    expect(expected!.grids).toBeGreaterThan(10);
    expect(expected!.facilities).toBeGreaterThan(0);
    for (const layer of LAYERS) {
      for (const format of FORMATS) {
        expect(await countOf(layer, format, DEMO_STREET), `${layer} ${format}`).toBe(expected![layer]);
      }
    }
  });

  it('answer as a named attachment with the right content type', async () => {
    const cases = [
      ['grids', 'geojson', 'application/geo+json', '网格'],
      ['facilities', 'shp', 'application/zip', '服务阵地'],
      ['regions', 'csv', 'text/csv; charset=utf-8', '行政区划'],
    ] as const;
    for (const [layer, format, type, zh] of cases) {
      const res = await download(`/api/exports/${layer}?region=${c.code}&format=${format}`);
      const ext = format === 'shp' ? 'zip' : format;
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="${layer}-${c.code}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${zh}_测试社区${c.code.slice(-1)}_${c.code}.${ext}`)}`,
      );
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    }
    // Without a region, the caller's whole scope; GeoJSON is the default format.
    const res = await download('/api/exports/regions', streetLeader);
    expect(res.headers.get('content-disposition')).toContain(`filename="regions-${DEMO_STREET}.geojson"`);
  });

  it('give grids as GeoJSON with the stored coordinates and the importer’s property names', async () => {
    const fc = await geojson<MultiPolygon>(`/api/exports/grids?region=${c.code}`);
    const a = fc.features.find((f) => f.id === ids.gridA)!;
    const b = fc.features.find((f) => f.id === ids.gridB)!;
    expect(a.properties).toEqual({
      code: `${c.code}001`, name: '梁溪测试网格甲', community: c.code, households: 120, population: 300,
      leader: '张网格', phone: '10012345678', version: 1,
    });
    expect(a.geometry).toEqual(gridAShape);
    expect(b.geometry).toEqual({ type: 'MultiPolygon', coordinates: [gridBShape.coordinates] });
    // A demo grid too, against the full-precision stored shape in RFC 7946 ring order.
    const street = await geojson<MultiPolygon>(`/api/exports/grids?region=${DEMO_STREET}`);
    const demo = street.features[0]!;
    const [stored] = await platform.db.query<{ g: string }>('select ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 15) as g from grid where id = $1', [demo.id]);
    const flat = (g: MultiPolygon) => g.coordinates.flat(3);
    const expected = flat(JSON.parse(stored!.g) as MultiPolygon);
    const got = flat(demo.geometry);
    expect(got).toHaveLength(expected.length);
    got.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-9));
  });

  it('give grids as a Shapefile whose Chinese text, parts and holes survive', async () => {
    const { bytes, fc } = await shapefile(`/api/exports/grids?region=${c.code}&format=shp`);
    const zip = await JSZip.loadAsync(bytes);
    const base = `grids-${c.code}`;
    expect(Object.keys(zip.files).sort()).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx'].map((e) => `${base}.${e}`));
    expect(await zip.file(`${base}.cpg`)!.async('string')).toBe('UTF-8');
    expect(await zip.file(`${base}.prj`)!.async('string')).toMatch(/^GEOGCS\["GCS_WGS_1984"/);

    const a = fc.features.find((f) => f.properties.code === `${c.code}001`)!;
    const b = fc.features.find((f) => f.properties.code === `${c.code}002`)!;
    expect(a.properties).toEqual({
      code: `${c.code}001`, name: '梁溪测试网格甲', community: c.code, households: 120, population: 300,
      leader: '张网格', phone: '10012345678', version: 1,
    });
    expect(b.properties.name).toBe('=HYPERLINK("http://evil.example","点我")');
    // shpjs tells outer rings from holes by their winding: two polygons, the first with its hole.
    expect(a.geometry.type).toBe('MultiPolygon');
    const parts = (a.geometry as MultiPolygon).coordinates;
    expect(parts.map((p) => p.length)).toEqual([2, 1]);
    const sorted = (ring: number[][]) => ring.slice(0, -1).map((p) => p.map((v) => v.toFixed(7)).join(',')).sort();
    expect(sorted(parts[0]![0]!)).toEqual(sorted(gridAShape.coordinates[0]![0]!));
    expect(sorted(parts[0]![1]!)).toEqual(sorted(gridAShape.coordinates[0]![1]!));
    expect(sorted(parts[1]![0]!)).toEqual(sorted(gridAShape.coordinates[1]![0]!));
    expect(b.geometry.type).toBe('Polygon');
    // shpjs copes with either winding, so look at the bytes: outer rings clockwise, the hole not.
    const rings = ringsOfFirstRecord(await zip.file(`${base}.shp`)!.async('nodebuffer'));
    expect(rings.map((r) => Math.sign(signedArea(r)))).toEqual([-1, 1, -1]);
  });

  it('give grids as CSV with WKT, a BOM, CRLF and formula cells defused', async () => {
    const { text, rows } = await csv(`/api/exports/grids?region=${c.code}&format=csv`);
    expect(text.startsWith('\uFEFFcode,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4); // header, two rows, and the final line end
    expect(rows[0]).toEqual(['code', 'name', 'community', 'households', 'population', 'leader', 'phone', 'version', 'wkt']);
    const a = rows.find((r) => r[0] === `${c.code}001`)!;
    const b = rows.find((r) => r[0] === `${c.code}002`)!;
    expect(a.slice(0, 8)).toEqual([`${c.code}001`, '梁溪测试网格甲', c.code, '120', '300', '张网格', '10012345678', '1']);
    expect(a[8]).toMatch(/^MULTIPOLYGON\(\(\(.+\)\),\(\(.+\)\)\)$/);
    expect(b[1]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(b[5]).toBe(`'@李四`);
    expect(b[6]).toBe('-5');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
  });

  it('give facilities in all three formats, non-public ones included and marked', async () => {
    const fc = await geojson<Point>(`/api/exports/facilities?region=${c.code}`);
    const station = fc.features.find((f) => f.id === ids.station)!;
    expect(station.properties).toEqual({
      id: ids.station, name: '测试党群服务站', kind: 'station', address: '梁溪路1号', phone: '0510-0000000',
      hours: '周一至周五 09:00-17:00', services: ['党员教育', '志愿服务'], public: true,
    });
    expect(station.geometry.coordinates).toEqual(c.at(0.3, 0.75));
    expect(fc.features.find((f) => f.id === ids.home)!.properties.public).toBe(false);

    const { fc: shapes } = await shapefile(`/api/exports/facilities?region=${c.code}&format=shp`);
    const s = shapes.features.find((f) => f.properties.id === ids.station)! as Feature<Point, Record<string, unknown>>;
    expect(s.properties).toMatchObject({ name: '测试党群服务站', kind: 'station', services: '党员教育;志愿服务', public: true, hours: '周一至周五 09:00-17:00' });
    s.geometry.coordinates.forEach((v, i) => expect(v).toBeCloseTo(c.at(0.3, 0.75)[i]!, 9));
    expect(shapes.features.find((f) => f.properties.id === ids.home)!.properties.public).toBe(false);

    const { rows } = await csv(`/api/exports/facilities?region=${c.code}&format=csv`);
    expect(rows[0]).toEqual(['编号', '名称', '类型', '地址', '电话', '开放时间', '服务项目', '公开', '经度', '纬度']);
    const row = rows.find((r) => r[0] === String(ids.station))!;
    expect(row.slice(1, 8)).toEqual(['测试党群服务站', '党群服务站', '梁溪路1号', '0510-0000000', '周一至周五 09:00-17:00', '党员教育、志愿服务', '是']);
    expect([Number(row[8]), Number(row[9])]).toEqual(c.at(0.3, 0.75));
    expect(rows.find((r) => r[0] === String(ids.home))!.slice(2, 8)).toEqual(['党员之家', '梁溪路1号', '0510-0000000', '周一至周五 09:00-17:00', '', '否']);
  });

  it('give regions with code, name, level and parent', async () => {
    const street = c.code.slice(0, 9);
    const fc = await geojson<MultiPolygon>(`/api/exports/regions?region=${street}`);
    expect(fc.features.map((f) => f.properties.code)).toContain(c.code);
    expect(fc.features.find((f) => f.id === c.code)!.properties).toEqual({ code: c.code, name: `测试社区${c.code.slice(-1)}`, level: 'community', parent: street });
    const { fc: shapes } = await shapefile(`/api/exports/regions?region=${c.code}&format=shp`);
    expect(shapes.features[0]!.properties).toEqual({ code: c.code, name: `测试社区${c.code.slice(-1)}`, level: 'community', parent: street });
    const { rows } = await csv(`/api/exports/regions?region=${c.code}&format=csv`);
    expect(rows[0]).toEqual(['code', 'name', 'level', 'parent', 'wkt']);
    expect(rows[1]!.slice(0, 4)).toEqual([c.code, `测试社区${c.code.slice(-1)}`, 'community', street]);
    expect(rows[1]![4]).toMatch(/^MULTIPOLYGON/);
  });

  it('write an empty but readable Shapefile for a region without features', async () => {
    const empty = await makeCommunity(platform);
    const { fc } = await shapefile(`/api/exports/grids?region=${empty.code}&format=shp`);
    expect(fc.features).toHaveLength(0);
    expect((await geojson(`/api/exports/facilities?region=${empty.code}`)).features).toHaveLength(0);
    expect((await csv(`/api/exports/grids?region=${empty.code}&format=csv`)).rows).toHaveLength(1);
  });

  it.skipIf(!HAS_OGRINFO)('write Shapefiles GDAL reads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-export-'));
    try {
      for (const layer of LAYERS) {
        const file = path.join(dir, `${layer}.zip`);
        fs.writeFileSync(file, Buffer.from(await (await download(`/api/exports/${layer}?region=${c.code}&format=shp`)).arrayBuffer()));
        const info = execFileSync('/usr/bin/ogrinfo', ['-al', '-so', `/vsizip/${file}`], { encoding: 'utf8' });
        expect(info, layer).toMatch(new RegExp(`Feature Count: ${{ grids: 2, facilities: 2, regions: 1 }[layer]}\\b`));
        expect(info).toMatch(/WGS 84|WGS_1984/);
      }
      const grids = execFileSync('/usr/bin/ogrinfo', ['-al', `/vsizip/${path.join(dir, 'grids.zip')}`], { encoding: 'utf8' });
      expect(grids).toContain('梁溪测试网格甲');
      // GDAL rebuilds polygons from ring winding too: the shape it reads equals the stored one.
      const read = JSON.parse(
        execFileSync('/usr/bin/ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', `/vsizip/${path.join(dir, 'grids.zip')}`, '-where', `code = '${c.code}001'`], { encoding: 'utf8' }),
      ) as FeatureCollection<MultiPolygon>;
      const [same] = await platform.db.query<{ equal: boolean }>(
        'select ST_Equals(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) as equal from grid where id = $1',
        [ids.gridA, JSON.stringify(read.features[0]!.geometry)],
      );
      expect(read.features[0]!.geometry.type).toBe('MultiPolygon');
      expect(same!.equal).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the coverage export', () => {
  it('gives one row per grid with the counts /api/coverage/grids gives, and the street and community by name', async () => {
    const { rows } = await csv(`/api/exports/coverage?region=${c.code}`);
    expect(rows[0]).toEqual([
      '网格编码', '网格名称', '街道编码', '街道', '社区编码', '社区', '户数', '人口', '党员数', '正式党员', '预备党员', '流动党员',
      '党组织数', '有党支部', '每百户党员数', '服务站数', '最近服务站距离(米)',
    ]);
    expect(rows).toHaveLength(3);
    const byCode = new Map(rows.slice(1).map((r) => [r[0], r]));
    const street = c.code.slice(0, 9);
    expect(byCode.get(`${c.code}001`)!.slice(1, 16)).toEqual([
      '梁溪测试网格甲', street, '测试街道', c.code, `测试社区${c.code.slice(-1)}`, '120', '300', '3', '2', '1', '1', '1', '是', '2.5', '0',
    ]);
    expect(byCode.get(`${c.code}002`)!.slice(2, 6)).toEqual([street, '测试街道', c.code, `测试社区${c.code.slice(-1)}`]);
    expect(byCode.get(`${c.code}002`)!.slice(8, 16)).toEqual(['1', '1', '0', '0', '0', '否', '0.83', '1']);

    const api = (await (await download(`/api/coverage/grids?region=${c.code}`)).json()) as { grids: { code: string; members: number; nearestStationMeters: number | null }[] };
    for (const g of api.grids) {
      expect(Number(byCode.get(g.code)![8])).toBe(g.members);
      expect(byCode.get(g.code)![16]).toBe(g.nearestStationMeters === null ? '' : String(g.nearestStationMeters));
    }
    const district = (await csv('/api/exports/coverage', planner)).rows;
    expect(district.length - 1).toBeGreaterThan(900);
    // Every demo grid has its street and community named, not only coded.
    expect(district.slice(1).every((r) => r[3] !== '' && r[5] !== '')).toBe(true);
  });
});

describe('the coverage map sheet (composed by the client)', () => {
  it('is recorded in the audit log before it is saved, for the region asked', async () => {
    const res = await send(platform, 'POST', '/api/exports/audit', leader, { kind: 'coverage-png', region: c.code });
    expect(res.status).toBe(204);
    expect(await lastAudit('export.coverage_map', leaderAccount.username)).toMatchObject({
      entity: 'region',
      details: { region: c.code, format: 'png' },
    });
  });

  it('refuses a region outside the account, an unknown kind and anonymous callers, recording nothing', async () => {
    const count = async () => (await platform.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'export.coverage_map'"))[0]!.n;
    const before = await count();
    expect((await send(platform, 'POST', '/api/exports/audit', streetLeader, { kind: 'coverage-png', region: '320213' })).status).toBe(403);
    expect((await send(platform, 'POST', '/api/exports/audit', leader, { kind: 'members-xlsx', region: c.code })).status).toBe(400);
    expect((await send(platform, 'POST', '/api/exports/audit', leader, { kind: 'coverage-png', region: c.code, count: 5 })).status).toBe(400);
    expect((await send(platform, 'POST', '/api/exports/audit', undefined, { kind: 'coverage-png', region: c.code })).status).toBe(401);
    expect(await count()).toBe(before);
  });
});

describe('the member export', () => {
  it('is for admins only', async () => {
    expect((await send(platform, 'GET', `/api/exports/members?region=${c.code}`, leader)).status).toBe(403);
    expect((await send(platform, 'GET', `/api/exports/members?region=${c.code}`, planner)).status).toBe(403);
    expect((await send(platform, 'GET', `/api/exports/members?region=${c.code}`)).status).toBe(401);
    expect((await send(platform, 'GET', '/api/exports/members?region=320213022', streetAdmin)).status).toBe(403);
  });

  it('lists members with their grid and no coordinates', async () => {
    const { text, rows } = await csv(`/api/exports/members?region=${c.code}`, admin);
    expect(rows[0]).toEqual(['姓名', '状态', '所属党组织', '流动党员', '电话', '网格编码', '网格名称', '社区']);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r[0] === '测试党员1')).toEqual(['测试党员1', '预备党员', '测试网格党支部', '是', '10099990000', `${c.code}001`, '梁溪测试网格甲', `测试社区${c.code.slice(-1)}`]);
    expect(rows.find((r) => r[0] === '测试党员4')!.slice(1, 6)).toEqual(['正式党员', '', '否', '', `${c.code}002`]);
    for (const [lng, lat] of homes) {
      expect(text).not.toContain(String(lng));
      expect(text).not.toContain(String(lat));
    }
    expect(text).not.toMatch(/经度|纬度|lng|lat|home|wkt|POINT/i);
  });
});

describe('access and bad requests', () => {
  it('needs a signed-in account', async () => {
    for (const p of ['/api/exports/grids', '/api/exports/facilities?format=shp', '/api/exports/regions?format=csv', '/api/exports/coverage', '/api/exports/members']) {
      expect((await platform.get(p)).status, p).toBe(401);
    }
  });

  it('keeps everyone inside their region and lets every staff role export layers', async () => {
    expect((await send(platform, 'GET', '/api/exports/grids?region=320213022', streetLeader)).status).toBe(403);
    expect((await send(platform, 'GET', '/api/exports/coverage?region=320213', streetLeader)).status).toBe(403);
    const [community] = await platform.db.query<{ code: string }>("select code from region where parent_code = $1 order by code limit 1", [DEMO_STREET]);
    expect((await send(platform, 'GET', `/api/exports/grids?region=${community!.code}`, streetLeader)).status).toBe(200);
    for (const cookie of [leader, planner, admin]) {
      expect((await send(platform, 'GET', `/api/exports/facilities?region=${c.code}&format=csv`, cookie)).status).toBe(200);
    }
  });

  it('answers an unknown region with 404', async () => {
    for (const p of ['/api/exports/grids?region=320213988777', '/api/exports/coverage?region=320213988', '/api/exports/members?region=320213988777']) {
      const res = await send(platform, 'GET', p, admin);
      expect(res.status, p).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REGION_NOT_FOUND');
    }
  });

  it.each([
    '/api/exports/grids?format=kml',
    '/api/exports/grids?format=',
    '/api/exports/roads',
    '/api/exports/grids?region=abc',
    '/api/exports/grids?region=320213001001001',
    '/api/exports/grids?region=320213&region=320213021',
    '/api/exports/coverage?format=shp',
    '/api/exports/members?region=1',
  ])('refuses %s with 400', async (p) => {
    const res = await send(platform, 'GET', p, admin);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });
});

describe('the audit log', () => {
  it('records every export with the region, format and count', async () => {
    await download(`/api/exports/grids?region=${c.code}&format=shp`);
    expect(await lastAudit('export.grids', leaderAccount.username)).toMatchObject({ entity: 'grid', details: { region: c.code, format: 'shp', count: 2 } });
    await download(`/api/exports/facilities?region=${c.code}&format=csv`);
    expect((await lastAudit('export.facilities', leaderAccount.username))?.details).toEqual({ region: c.code, format: 'csv', count: 2 });
    await download(`/api/exports/regions?region=${c.code}`);
    expect((await lastAudit('export.regions', leaderAccount.username))?.details).toEqual({ region: c.code, format: 'geojson', count: 1 });
    await download(`/api/exports/coverage?region=${c.code}`);
    expect((await lastAudit('export.coverage', leaderAccount.username))?.details).toEqual({ region: c.code, format: 'csv', count: 2 });
    await download(`/api/exports/members?region=${c.code}`, admin);
    const members = await lastAudit('export.members', adminAccount.username);
    expect(members).toMatchObject({ entity: 'member', details: { region: c.code, format: 'csv', count: 4 } });
    expect(members?.ip).toBeTruthy();
  });

  it('records nothing for a refused export', async () => {
    const before = await platform.db.query<{ n: number }>("select count(*)::int as n from audit_log where action like 'export.%'");
    await send(platform, 'GET', '/api/exports/members', leader);
    await send(platform, 'GET', '/api/exports/grids?format=kml', leader);
    const after = await platform.db.query<{ n: number }>("select count(*)::int as n from audit_log where action like 'export.%'");
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
