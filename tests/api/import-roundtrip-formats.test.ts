import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import writeXlsxFile from 'write-excel-file/node';
import { fromWgs84 } from '../../server/src/geo/crs.ts';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Each export that has an import counterpart comes back as "unchanged" and writes nothing (no
// audit entry, no changeset); files with fewer columns update only what they have; XLSX data on
// a later sheet is found, and the report says which sheet was read.

let platform: TestPlatform;
let admin: string;
let c: TestCommunity;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  admin = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
  c = await makeCommunity(platform);
  const grids = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: c.rect(0, 0, 0.5, 1), properties: { name: '格式往返网格甲', households: 120 } },
      { type: 'Feature', geometry: c.rect(0.5, 0, 1, 1), properties: { name: '格式往返网格乙', leader: '赵格式', phone: '0510-05550601' } },
    ],
  };
  expect(await importFile('grids', 'start.geojson', utf8(JSON.stringify(grids)), 'commit')).toMatchObject({ create: 2, problems: [] });
});
afterAll(() => platform.close());

const utf8 = (text: string) => new TextEncoder().encode(text);
/** A file of tests/fixtures/survey, written by GDAL (scripts/make-gdal-fixtures.sh). */
const survey = (name: string) => new Uint8Array(fs.readFileSync(new URL(`../fixtures/survey/${name}`, import.meta.url)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function exportFile(path: string): Promise<Uint8Array> {
  const res = await send(platform, 'GET', path, admin);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

function postImport(kind: string, fileName: string, bytes: Uint8Array, mode: 'dry-run' | 'commit', extra = ''): Promise<Response> {
  return platform.get(`/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}&mode=${mode}${extra}`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
}

async function importFile(kind: string, fileName: string, bytes: Uint8Array, mode: 'dry-run' | 'commit', extra = ''): Promise<ImportReport> {
  const res = await postImport(kind, fileName, bytes, mode, extra);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportReport;
}

/** Audit entries of imports and changesets so far: an import that changes nothing adds neither. */
async function writesSoFar(): Promise<{ audits: number; changesets: number }> {
  const [row] = await platform.db.query<{ audits: number; changesets: number }>(
    `select (select count(*)::integer from audit_log where action like 'import.%') as audits,
            (select count(*)::integer from changeset) as changesets`,
  );
  return row!;
}

/** Dry run and commit give the same report (but `mode` and `committed`), and the commit writes nothing. */
async function expectUnchangedBothWays(kind: string, fileName: string, bytes: Uint8Array, total: number, extra = ''): Promise<ImportReport> {
  const before = await writesSoFar();
  const dry = await importFile(kind, fileName, bytes, 'dry-run', extra);
  expect(dry).toMatchObject({ total, create: 0, update: 0, unchanged: total, problems: [], notes: [] });
  const committed = await importFile(kind, fileName, bytes, 'commit', extra);
  expect({ ...committed, mode: 'dry-run', committed: false, preview: dry.preview }).toEqual(dry);
  expect(await writesSoFar()).toEqual(before);
  return dry;
}

const multi = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

const rowsOf = (bytes: Uint8Array) => parseCsv(text(bytes).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

function toCsv(header: string[], rows: (string | number)[][]): Uint8Array {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return utf8([header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

describe('grids', () => {
  it('the CSV export (shape in its wkt column) imports back as unchanged', async () => {
    const csv = await exportFile(`/api/exports/grids?region=${c.code}&format=csv`);
    expect(rowsOf(csv)[0]).toHaveProperty('wkt');
    await expectUnchangedBothWays('grids', 'grids.csv', csv, 2);
  });

  it('the GeoJSON export with every vertex at 6 decimals in GCJ-02 imports back as unchanged, and a 1 m move is a change', async () => {
    const geojson = JSON.parse(text(await exportFile(`/api/exports/grids?region=${c.code}&format=geojson`))) as FeatureCollection<Polygon | MultiPolygon>;
    const before = await platform.db.query(`select code, version, ST_AsText(geom) as shape from grid where code like $1 || '%' order by code`, [c.code]);
    const moved = (shift: number) => ({
      ...geojson,
      features: geojson.features.map((f) => ({
        ...f,
        geometry: { type: 'MultiPolygon', coordinates: multi(f.geometry).map((polygon) => polygon.map((ring) => ring.map(([lng, lat]) => {
          const [x, y] = fromWgs84([lng! + shift, lat!], 'gcj02');
          return [Number(x.toFixed(6)), Number(y.toFixed(6))];
        }))) },
      })),
    });
    await expectUnchangedBothWays('grids', 'grids-gcj02.geojson', utf8(JSON.stringify(moved(0))), 2, '&crs=gcj02');
    expect(await platform.db.query(`select code, version, ST_AsText(geom) as shape from grid where code like $1 || '%' order by code`, [c.code])).toEqual(before);
    // 0.00001° of longitude is about 0.95 m here (the east grid then crosses the community's edge).
    const east = await importFile('grids', 'grids-moved.geojson', utf8(JSON.stringify(moved(0.00001))), 'dry-run', '&crs=gcj02');
    expect(east.actions).toEqual([expect.objectContaining({ action: 'update', changes: [expect.objectContaining({ field: 'geometry' })] })]);
  });

  it('a table without a wkt column says where the shape goes', async () => {
    const report = await importFile('grids', 'grids.csv', toCsv(['名称'], [['无边界网格']]), 'dry-run');
    expect(report.problems).toEqual([expect.objectContaining({ row: 2, code: 'INVALID_GEOMETRY', message: expect.stringContaining('wkt') })]);
  });
});

describe('stations', () => {
  const stationIds: number[] = [];
  beforeAll(async () => {
    for (const [fx, fy, name, kind] of [[0.2, 0.3, '格式往返服务站', 'station'], [0.7, 0.6, '格式往返党员之家', 'party_home']] as const) {
      const [lng, lat] = c.at(fx, fy);
      const res = await send(platform, 'POST', '/api/facilities', admin, {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lng + 0.0000001234, lat - 0.0000004321] },
        properties: { name, kind, address: '格式路1号', phone: '0510-05550602', openingHours: null, services: ['便民服务'], public: true },
      });
      expect(res.status).toBe(201);
      stationIds.push(((await res.json()) as { id: number }).id);
    }
  });

  const stored = () =>
    platform.db.query<{ id: number; name: string; kind: string; phone: string; address: string; place: string }>(
      `select id, name, kind, phone, address, ST_AsText(geom) as place from facility where id = any($1::integer[]) order by id`,
      [stationIds],
    );

  it('the CSV export, and the same at 6 decimals in GCJ-02 (as 高德 gives it), import back as unchanged', async () => {
    const csv = await exportFile(`/api/exports/facilities?region=${c.code}&format=csv`);
    await expectUnchangedBothWays('facilities', 'stations.csv', csv, 2);

    const before = await stored();
    const rows = rowsOf(csv);
    const header = Object.keys(rows[0]!);
    const gcj = rows.map((r) => {
      const [lng, lat] = fromWgs84([Number(r['经度']), Number(r['纬度'])], 'gcj02');
      return header.map((h) => (h === '经度' ? lng.toFixed(6) : h === '纬度' ? lat.toFixed(6) : r[h]!));
    });
    const report = await expectUnchangedBothWays('facilities', 'stations-gcj02.csv', toCsv(header, gcj), 2, '&crs=gcj02');
    expect(report.source.crs).toBe('gcj02');
    expect(await stored()).toEqual(before);
  });

  it('a file of names and phones only updates the phones and keeps kinds, addresses and places', async () => {
    const before = await stored();
    const file = toCsv(['名称', '电话'], [['格式往返服务站', '13900000001'], ['格式往返党员之家', '0510-05550602'], ['没有这个站', '13900000002']]);
    const dry = await importFile('facilities', 'phones.csv', file, 'dry-run');
    expect(dry).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    // A new station cannot be made without a kind and a place, and the row says so.
    expect(dry.problems).toEqual([expect.objectContaining({ row: 4, field: '名称', code: 'MISSING_COORDINATE', message: expect.stringMatching(/类型.*经度/) })]);

    const fixed = toCsv(['名称', '电话'], [['格式往返服务站', '13900000001'], ['格式往返党员之家', '0510-05550602']]);
    expect(await importFile('facilities', 'phones.csv', fixed, 'commit')).toMatchObject({ update: 1, unchanged: 1, problems: [] });
    const after = await stored();
    expect(after.map((s) => s.phone)).toEqual(['13900000001', '0510-05550602']);
    expect(after.map(({ phone: _phone, ...rest }) => rest)).toEqual(before.map(({ phone: _phone, ...rest }) => rest));
  });

  it('a file with ids and no 类型 or coordinate columns updates by id; a new row without them is refused', async () => {
    const before = await stored();
    const file = toCsv(['编号', '名称', '地址'], [[stationIds[1]!, '格式往返党员之家', '格式路2号'], ['', '新站没有类型', '某路']]);
    const dry = await importFile('facilities', 'ids.csv', file, 'dry-run');
    expect(dry).toMatchObject({ update: 1 });
    expect(dry.actions[0]!.changes).toEqual([{ field: '地址', before: '格式路1号', after: '格式路2号' }]);
    expect(dry.problems.map((p) => p.row)).toEqual([3]);
    expect(await stored()).toEqual(before);
  });
});

describe('members', () => {
  beforeAll(async () => {
    const [x1, y1] = c.at(0.25, 0.5);
    const [x2, y2] = c.at(0.75, 0.5);
    const roster = toCsv(['姓名', '状态', '流动党员', '电话', '经度', '纬度'], [
      ['格式甲', '正式党员', '否', '13900000011', x1, y1],
      ['格式乙', '预备党员', '是', '13900000012', x2, y2],
    ]);
    expect(await importFile('members', 'roster.csv', roster, 'commit')).toMatchObject({ create: 2, problems: [] });
  });

  const homes = () =>
    platform.db.query<{ name: string; status: string; floating: boolean; home: string; grid_id: number }>(
      `select name, status, floating, ST_AsText(home) as home, grid_id from member where name like '格式%' order by name`,
    );

  it('the roster export (no coordinates) imports back as unchanged and keeps every home', async () => {
    const before = await homes();
    const csv = await exportFile(`/api/exports/members?region=${c.code}`);
    expect(Object.keys(rowsOf(csv)[0]!)).not.toContain('经度');
    await expectUnchangedBothWays('members', 'roster-export.csv', csv, 2);
    expect(await homes()).toEqual(before);
  });

  it('a roster GDAL wrote without coordinate columns matches by name and phone and keeps the homes', async () => {
    const before = await homes();
    const report = await importFile('members', 'members-no-coordinates.csv', survey('members-no-coordinates.csv'), 'dry-run');
    expect(report).toMatchObject({ total: 2, create: 0, update: 0, unchanged: 2, problems: [], notes: [] });
    expect(await homes()).toEqual(before);
  });

  it('a roster without coordinate columns updates by name and phone, keeps the homes, and refuses a new member without one', async () => {
    const before = await homes();
    const file = toCsv(['姓名', '状态', '电话'], [['格式甲', '正式党员', '13900000011'], ['格式乙', '正式党员', '13900000012'], ['格式丙', '正式党员', '13900000013']]);
    const dry = await importFile('members', 'no-places.csv', file, 'dry-run');
    expect(dry).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    expect(dry.problems).toEqual([expect.objectContaining({ row: 4, code: 'MISSING_COORDINATE' })]);

    const fixed = toCsv(['姓名', '状态', '电话'], [['格式甲', '正式党员', '13900000011'], ['格式乙', '正式党员', '13900000012']]);
    expect(await importFile('members', 'no-places.csv', fixed, 'commit')).toMatchObject({ update: 1, unchanged: 1, problems: [] });
    const after = await homes();
    expect(after.map((m) => m.status)).toEqual(['formal', 'formal']);
    expect(after.map(({ status: _s, ...rest }) => rest)).toEqual(before.map(({ status: _s, ...rest }) => rest));
  });
});

describe('XLSX sheets', () => {
  it('a workbook GDAL wrote with a note on sheet 1: the stations of sheet 2 are read, and the report names it', async () => {
    const report = await importFile('facilities', 'stations-two-sheets.xlsx', survey('stations-two-sheets.xlsx'), 'dry-run');
    expect(report).toMatchObject({ total: 2, create: 2, problems: [], source: { format: 'xlsx', sheet: '站点' } });
  });

  async function twoSheets(): Promise<Uint8Array> {
    const cells = (values: (string | number)[]) => values.map((value) => ({ value }));
    const buffer = await writeXlsxFile([
      { sheet: '说明', data: [cells(['本工作簿的数据在“站点”工作表'])] },
      { sheet: '站点', data: [cells(['名称', '电话']), cells(['格式往返服务站', '13900000001'])] },
    ]).toBuffer();
    return new Uint8Array(buffer);
  }

  it('reads the first sheet whose header row fits the kind, and says so', async () => {
    const report = await importFile('facilities', 'two-sheets.xlsx', await twoSheets(), 'dry-run');
    expect(report.source).toMatchObject({ format: 'xlsx', sheet: '站点' });
    expect(report).toMatchObject({ total: 1, problems: [] });
    expect(await importFile('facilities', 'two-sheets.xlsx', await twoSheets(), 'dry-run', `&sheet=${encodeURIComponent('站点')}`)).toMatchObject({ source: { sheet: '站点' }, total: 1 });
    expect(await importFile('facilities', 'two-sheets.xlsx', await twoSheets(), 'dry-run', '&sheet=2')).toMatchObject({ source: { sheet: '站点' }, total: 1 });
  });

  it('sheet=1 (a sheet without data) is NO_ROWS naming the sheets, and so is a sheet the workbook lacks', async () => {
    for (const sheet of ['1', '3', encodeURIComponent('汇总')]) {
      const res = await postImport('facilities', 'two-sheets.xlsx', await twoSheets(), 'dry-run', `&sheet=${sheet}`);
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('NO_ROWS');
      expect(error.message).toContain('1. 说明');
      expect(error.message).toContain('2. 站点');
    }
  });
});
