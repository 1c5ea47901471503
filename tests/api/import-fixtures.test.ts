import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import {
  CLEAN_GRIDS,
  EXISTING_GRID_IN_COMMUNITY_2,
  EXPECTED_PROBLEMS,
  FIXTURE_COMMUNITY_1,
  GCJ02_FACILITIES,
  KML_GRIDS,
  MEMBERS,
  PROJECTED_GRIDS,
  XLSX_FACILITIES,
  fixtureBytes,
  makeFixtureCommunities,
  makeFixtureOrg,
} from '../support/import-fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// The committed files of tests/fixtures/imports, one per format, through the HTTP API: the clean
// ones commit and are audited, the problem ones list every problem and are refused whole.

let platform: TestPlatform;
let planner: string;
let admin: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  await makeFixtureCommunities(platform);
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  admin = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
});
afterAll(() => platform.close());

function upload(kind: string, file: string, query: Record<string, string>, cookie: string) {
  const qs = new URLSearchParams({ fileName: file, ...query });
  return platform.get(`/api/imports/${kind}?${qs}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body: Buffer.from(fixtureBytes(file)),
  });
}

async function report(kind: string, file: string, query: Record<string, string> = {}, cookie = planner): Promise<ImportReport> {
  const res = await upload(kind, file, query, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportReport;
}

async function auditOf(file: string) {
  return platform.db.query<{ action: string; actor: string; details: { create: number } }>(
    `select action, actor, details from audit_log where details->>'file' = $1 order by id`,
    [file],
  );
}

/** Largest distance in metres between the stored grid of that name and the expected shape. */
async function gridOffsetMetres(name: string, expected: Polygon): Promise<number> {
  const [row] = await platform.db.query<{ d: number }>(
    `select ST_HausdorffDistance(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) * 111320 as d
     from grid where name = $1 and valid_to is null`,
    [name, JSON.stringify(expected)],
  );
  return row!.d;
}

describe('clean files commit', () => {
  it('GeoJSON grids: one with its community code, one placed by its shape', async () => {
    const dry = await report('grids', 'grids-clean.geojson');
    expect(dry).toMatchObject({ total: 2, create: 2, problems: [], committed: false });
    const done = await report('grids', 'grids-clean.geojson', { mode: 'commit' });
    expect(done.committed).toBe(true);
    for (const g of CLEAN_GRIDS) expect(await gridOffsetMetres(g.name, g.geometry)).toBeLessThan(0.01);
    const [row] = await platform.db.query<{ n: number }>(`select count(*)::integer as n from grid where community_code = $1`, [FIXTURE_COMMUNITY_1.code]);
    expect(row!.n).toBeGreaterThanOrEqual(2);
    expect(await auditOf('grids-clean.geojson')).toMatchObject([{ action: 'import.grids', details: { create: 2 } }]);
  });

  it('a Shapefile in CGCS2000 / Gauss-Krüger is reprojected to within 1 cm and its GBK names read', async () => {
    const dry = await report('grids', 'grids-projected.zip');
    expect(dry.source).toMatchObject({ format: 'shapefile', encoding: expect.stringMatching(/gbk|936/i), crs: expect.stringMatching(/Gauss|CGCS2000/) });
    expect(dry.actions.map((a) => a.label)).toEqual(PROJECTED_GRIDS.map((g) => `新网格 ${g.name}`));
    await report('grids', 'grids-projected.zip', { mode: 'commit' });
    for (const g of PROJECTED_GRIDS) expect(await gridOffsetMetres(g.name, g.geometry)).toBeLessThan(0.01);
  });

  it('KML grids with ExtendedData, a MultiGeometry becoming one multi-part grid', async () => {
    await report('grids', 'grids.kml', { mode: 'commit' });
    const rows = await platform.db.query<{ name: string; households: number; parts: number }>(
      `select name, households, ST_NumGeometries(geom) as parts from grid where name = any($1) order by name`,
      [[KML_GRIDS.wu.name, KML_GRIDS.ji.name]],
    );
    expect(rows.map((r) => [r.name, r.parts])).toEqual([[KML_GRIDS.ji.name, 2], [KML_GRIDS.wu.name, 1]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(rows.find((r) => r.name === KML_GRIDS.wu.name)!.households).toBe(KML_GRIDS.wu.households);
  });

  it('a GBK CSV with Chinese headers and GCJ-02 coordinates lands within 2 m of the WGS-84 places', async () => {
    const dry = await report('facilities', 'facilities-gbk-gcj02.csv', { crs: 'gcj02' });
    expect(dry).toMatchObject({ create: 3, problems: [] });
    expect(dry.source).toMatchObject({ format: 'csv', encoding: 'gbk', crs: 'gcj02' });
    await report('facilities', 'facilities-gbk-gcj02.csv', { crs: 'gcj02', mode: 'commit' });
    for (const f of GCJ02_FACILITIES) {
      const [row] = await platform.db.query<{ kind: string; address: string; d: number; grid: string | null }>(
        `select f.kind, f.address, g.code as grid,
                ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) as d
         from facility f left join grid g on g.id = f.grid_id where f.name = $1`,
        [f.name, ...f.wgs84],
      );
      expect([f.name, row!.kind, row!.address]).toEqual([f.name, f.kind, f.address]);
      expect(row!.d).toBeLessThan(2);
    }
    expect(await auditOf('facilities-gbk-gcj02.csv')).toMatchObject([{ action: 'import.facilities' }]);
  });

  it('an Excel workbook with English headers', async () => {
    await report('facilities', 'facilities.xlsx', { mode: 'commit' });
    const rows = await platform.db.query<{ name: string; kind: string }>(`select name, kind from facility where name = any($1) order by kind`, [XLSX_FACILITIES.map((f) => f.name)]);
    expect(rows.map((r) => r.kind)).toEqual(['rep_studio', 'volunteer_point']);
  });

  it('a member roster, by an admin only', async () => {
    await makeFixtureOrg(platform);
    expect((await upload('members', 'members.csv', {}, planner)).status).toBe(403);
    const done = await report('members', 'members.csv', { mode: 'commit' }, admin);
    expect(done).toMatchObject({ create: MEMBERS.length, problems: [] });
    const [row] = await platform.db.query<{ n: number; placed: number }>(
      `select count(*)::integer as n, count(grid_id)::integer as placed from member where name = any($1)`,
      [MEMBERS.map((m) => m.name)],
    );
    expect(row!.n).toBe(MEMBERS.length);
    expect(row!.placed).toBeGreaterThan(0);
  });
});

describe('problem files: every problem listed, nothing saved', () => {
  async function counts() {
    const [row] = await platform.db.query<{ grids: number; versions: number; facilities: number; members: number; audits: number }>(
      `select (select count(*)::integer from grid) as grids, (select count(*)::integer from grid_version) as versions,
              (select count(*)::integer from facility) as facilities, (select count(*)::integer from member) as members,
              (select count(*)::integer from audit_log where action like 'import.%') as audits`,
    );
    return row!;
  }

  const cases: [string, string, () => string][] = [
    ['grids', 'grids-problems.geojson', () => planner],
    ['facilities', 'facilities-problems.csv', () => planner],
    ['members', 'members-problems.csv', () => admin],
  ];

  it.each(cases)('%s from %s', async (kind, file, cookie) => {
    if (kind === 'grids') {
      const res = await send(platform, 'POST', '/api/grids', planner, {
        type: 'Feature',
        geometry: EXISTING_GRID_IN_COMMUNITY_2.geometry,
        properties: { name: EXISTING_GRID_IN_COMMUNITY_2.name, communityCode: EXISTING_GRID_IN_COMMUNITY_2.communityCode },
        note: '导入测试前已有',
      });
      expect(res.status).toBe(201);
    }
    if (kind === 'members') await makeFixtureOrg(platform);
    const dry = await report(kind, file, {}, cookie());
    expect(dry.problems.map(({ row, field, code }) => ({ row, field, code }))).toEqual(
      EXPECTED_PROBLEMS[file]!.map(({ row, field, code }) => ({ row, field, code })),
    );
    for (const p of dry.problems) expect(p.message).toMatch(/[\u4e00-\u9fff].*\(.+\)/);

    const before = await counts();
    const res = await upload(kind, file, { mode: 'commit' }, cookie());
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: ImportReport } };
    expect(body.error.code).toBe('IMPORT_HAS_PROBLEMS');
    expect(body.error.details.problems).toHaveLength(EXPECTED_PROBLEMS[file]!.length);
    expect(await counts()).toEqual(before);
  });
});
