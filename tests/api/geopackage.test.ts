import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/src/geo/sqlite.ts';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// GeoPackage (.gpkg), what QGIS saves by default: our exports are read by GDAL and come back
// through the import unchanged; files GDAL wrote (tests/fixtures/geopackage, remade by
// make-fixtures.sh there with ogr2ogr) import with their projected system, or need the 7
// parameters when it is Beijing 1954; a damaged file is refused with 422 and changes nothing.

const run = promisify(execFile);
const hasGdal = fs.existsSync('/usr/bin/ogrinfo');
/** Shipped with Debian's python3-gdal, which gdal-bin depends on. */
const VALIDATE_GPKG = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/geopackage');

let platform: TestPlatform;
let planner: string;
let c: TestCommunity;
let tmp: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  c = await makeCommunity(platform);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-gpkg-'));
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await platform.close();
});

async function exportGpkg(layer: string, region = c.code): Promise<Uint8Array> {
  const res = await send(platform, 'GET', `/api/exports/${layer}?region=${region}&format=gpkg`, planner);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
  expect(res.headers.get('content-disposition')).toContain(`${layer}-${region}.gpkg`);
  return new Uint8Array(await res.arrayBuffer());
}

function upload(kind: string, fileName: string, bytes: Uint8Array, mode: 'dry-run' | 'commit' = 'dry-run', extra = '') {
  return platform.get(`/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}&mode=${mode}${extra}`, {
    method: 'POST',
    headers: { cookie: planner, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
}

async function importFile(kind: string, fileName: string, bytes: Uint8Array, mode: 'dry-run' | 'commit' = 'dry-run'): Promise<ImportReport> {
  const res = await upload(kind, fileName, bytes, mode);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportReport;
}

const gridCount = async (region: string) =>
  (await platform.db.query<{ n: number }>(`select count(*)::integer as n from grid where valid_to is null and code like $1 || '%'`, [region]))[0]!.n;

describe('grids', () => {
  it('export as GeoPackage imports back unchanged, and puts back a changed grid', async () => {
    const start = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: c.rect(0, 0, 0.5, 1), properties: { name: '包网格甲', households: 210, population: 500, leader: '孙测试', phone: '0510-05550401' } },
        { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [c.rect(0.5, 0, 1, 0.5).coordinates, c.rect(0.6, 0.6, 0.9, 0.9).coordinates] }, properties: { name: '包网格乙' } },
      ],
    };
    expect(await importFile('grids', 'start.geojson', new TextEncoder().encode(JSON.stringify(start)), 'commit')).toMatchObject({ create: 2 });

    const gpkg = await exportGpkg('grids');
    const report = await importFile('grids', '网格.gpkg', gpkg);
    expect(report).toMatchObject({ total: 2, create: 0, update: 0, unchanged: 2, problems: [] });
    expect(report.source).toMatchObject({ format: 'geopackage', crs: 'WGS 84 geodetic' });

    const [first] = await platform.db.query<{ id: number; version: number }>(
      `select id, version from grid where valid_to is null and code like $1 || '%' and name = '包网格甲'`,
      [c.code],
    );
    const changed = await send(platform, 'PUT', `/api/grids/${first!.id}`, planner, {
      type: 'Feature',
      geometry: c.rect(0, 0, 0.3, 0.8),
      properties: { name: '改过的名字', households: 1, leaderName: null, version: first!.version },
      note: 'GeoPackage 往返测试',
    });
    expect(changed.status).toBe(200);
    expect(await importFile('grids', '网格.gpkg', gpkg, 'commit')).toMatchObject({ update: 1, unchanged: 1, problems: [] });
    expect(await importFile('grids', 'again.gpkg', await exportGpkg('grids'))).toMatchObject({ unchanged: 2, update: 0 });
    const [back] = await platform.db.query<{ name: string; households: number; leader_name: string | null }>(
      `select name, households, leader_name from grid where valid_to is null and code = (select code from grid where id = $1)`,
      [first!.id],
    );
    expect(back).toEqual({ name: '包网格甲', households: 210, leader_name: '孙测试' });
  });

  it('the whole district\'s grids exported as GeoPackage import back unchanged', async () => {
    const current = await gridCount('320213');
    expect(current).toBeGreaterThanOrEqual(943);
    const report = await importFile('grids', 'district.gpkg', await exportGpkg('grids', '320213'));
    expect(report).toMatchObject({ total: current, create: 0, update: 0, unchanged: current, problems: [] });
  }, 180_000);

  it('a GeoPackage GDAL wrote in CGCS2000 / 3-degree Gauss-Kruger CM 120E with Chinese columns imports as the demo grids it came from', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'demo-grids-4549.gpkg')));
    const report = await importFile('grids', 'demo-grids-4549.gpkg', bytes);
    expect(report).toMatchObject({
      total: 3,
      create: 0,
      update: 0,
      unchanged: 3,
      problems: [],
      source: { format: 'geopackage', crs: 'CGCS2000 / 3-degree Gauss-Kruger CM 120E', encoding: null },
    });
    expect(report.actions.map((a) => a.label)).toEqual(['320213021001001 胜利门社区第1网格', '320213021001002 胜利门社区第2网格', '320213021001003 胜利门社区第3网格']);
  });

  it('a Beijing 1954 GeoPackage needs its 7 parameters, as a Shapefile does: refused without them, saying what it is in; shifted with them', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'demo-grids-beijing1954.gpkg')));
    const res = await upload('grids', 'demo-grids-beijing1954.gpkg', bytes);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('DATUM_SHIFT_UNKNOWN');
    expect(error.message).toContain('Beijing 1954 / 3-degree Gauss-Kruger CM 120E');
    expect(error.message).toContain('七参数');
    expect(error.message).not.toMatch(/边界|boundary/);

    const shifted = await upload('grids', 'demo-grids-beijing1954.gpkg', bytes, 'dry-run', '&towgs84=-15.2,150.6,94.8,0.11,-0.32,-0.45,1.8');
    expect(shifted.status, await shifted.clone().text()).toBe(200);
    const report = (await shifted.json()) as ImportReport;
    expect(report.total).toBe(3);
    expect(report.source).toMatchObject({ crs: 'Beijing 1954 / 3-degree Gauss-Kruger CM 120E', towgs84: [-15.2, 150.6, 94.8, 0.11, -0.32, -0.45, 1.8] });
  });
});

describe('stations', () => {
  it('stations exported as GeoPackage import back unchanged', async () => {
    const station = (at: [number, number], name: string, kind: string, services: string[], isPublic: boolean) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: { name, kind, address: '包路1号', phone: '+86 510 05550402', openingHours: 'Mo-Fr 09:00-17:00', services, public: isPublic },
    });
    for (const body of [station(c.at(0.25, 0.25), '包服务站', 'station', ['党员教育', '便民服务'], true), station(c.at(0.75, 0.75), '包党员之家', 'party_home', [], false)]) {
      expect((await send(platform, 'POST', '/api/facilities', planner, body)).status).toBe(201);
    }
    const report = await importFile('facilities', 'stations.gpkg', await exportGpkg('facilities'));
    expect(report).toMatchObject({ total: 2, create: 0, update: 0, unchanged: 2, problems: [], source: { format: 'geopackage' } });
  });
});

describe('GDAL', () => {
  it.skipIf(!hasGdal)('reads the district\'s grids, stations and regions GeoPackages with every feature and no error, and its validator passes them', async () => {
    for (const layer of ['grids', 'facilities', 'regions']) {
      const geojson = await send(platform, 'GET', `/api/exports/${layer}?region=320213&format=geojson`, planner);
      const expected = ((await geojson.json()) as { features: unknown[] }).features.length;
      expect(expected, layer).toBeGreaterThan(0);
      const file = path.join(tmp, `${layer}.gpkg`);
      fs.writeFileSync(file, await exportGpkg(layer, '320213'));

      const { stdout, stderr } = await run('ogrinfo', ['-ro', '-al', '-so', file]);
      expect(`${stdout}\n${stderr}`.split('\n').filter((line) => /ERROR/.test(line)), layer).toEqual([]);
      expect(stdout).toContain(`Layer name: ${layer}`);
      expect(stdout).toContain(`Feature Count: ${expected}\n`);
      // GDAL's own checker of the GeoPackage requirements, table contents included.
      if (fs.existsSync(VALIDATE_GPKG)) await run('/usr/bin/python3', [VALIDATE_GPKG, '--extra', '--warning-as-error', file]);
    }
  });
});

describe('damaged and hostile files', () => {
  it('a file that is not a GeoPackage, a cut one, a SQLite file of another kind and a layer that is a view get 422 and change nothing', async () => {
    const before = await gridCount(c.code);
    const whole = await exportGpkg('grids');
    const sqlite = await openSqlite();
    sqlite.run(`create table grids (code text, name text); insert into grids values ('320213021001001', '网格')`);
    const plainSqlite = sqlite.export();
    sqlite.close();
    // A layer that is a view multiplying a table by itself: a few KB that would make millions of rows.
    const multiplied = await openSqlite(whole);
    multiplied.run(`create view bomb as select a.* from grids a, grids b, grids c, grids d;
      update gpkg_geometry_columns set table_name = 'bomb'; update gpkg_contents set table_name = 'bomb'`);
    const viewBomb = multiplied.export();
    multiplied.close();
    const files: [string, Uint8Array][] = [
      ['text.gpkg', new TextEncoder().encode('这不是 GeoPackage，只是一段文字。'.repeat(20))],
      ['cut.gpkg', whole.subarray(0, 3000)],
      ['other.gpkg', plainSqlite],
      ['view.gpkg', viewBomb],
    ];
    for (const [name, bytes] of files) {
      const res = await upload('grids', name, bytes, 'commit');
      expect(res.status, name).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, name).toBe('UNREADABLE_FILE');
      expect(body.error.message, name).toMatch(/GeoPackage/);
    }
    expect(await gridCount(c.code)).toBe(before);
  });

  it('leaves out a column computed on every read, which could make any amount of data from a small file', async () => {
    const sqlite = await openSqlite(await exportGpkg('grids'));
    // 1.5 GB a row: past SQLite's blob limit, so reading the column fails at once instead of filling memory.
    sqlite.run(`alter table grids add column padding blob as (zeroblob(1500000000)) virtual`);
    const padded = sqlite.export();
    sqlite.close();
    expect(padded.byteLength).toBeLessThan(100_000);
    const report = await importFile('grids', 'padded.gpkg', padded);
    expect(report).toMatchObject({ total: 2, unchanged: 2, problems: [] });
  });
});
