import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { fromWgs84 } from '../../server/src/geo/crs.ts';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { featureCollection, uploadImport } from '../support/import-fixtures.ts';
import { addMember, makeCommunity, memberGrid, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: ImportReport };
}

let platform: TestPlatform;
let planner: string;
let admin: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  admin = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
});
afterAll(() => platform.close());

type Body = string | Uint8Array;

function upload(kind: string, fileName: string, body: Body, query: Record<string, string> = {}, cookie: string | null = planner) {
  return uploadImport(platform, kind, fileName, body, query, cookie);
}

async function dryRun(kind: string, fileName: string, body: Body, query: Record<string, string> = {}, cookie = planner): Promise<ImportReport> {
  const res = await upload(kind, fileName, body, query, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  const report = (await res.json()) as ImportReport;
  expect(report.committed).toBe(false);
  return report;
}

async function commit(kind: string, fileName: string, body: Body, query: Record<string, string> = {}, cookie = planner): Promise<ImportReport> {
  const res = await upload(kind, fileName, body, { ...query, mode: 'commit' }, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  const report = (await res.json()) as ImportReport;
  expect(report.committed).toBe(true);
  return report;
}


async function gridsOf(c: TestCommunity) {
  return platform.db.query<{ id: number; code: string; name: string; households: number; version: number; area: number }>(
    `select id, code, name, households, version, ST_Area(geom::geography) as area
     from grid where community_code = $1 and valid_to is null order by code`,
    [c.code],
  );
}

async function auditCount(action: string): Promise<number> {
  const [row] = await platform.db.query<{ n: number }>('select count(*)::integer as n from audit_log where action = $1', [action]);
  return row!.n;
}

const summary = (r: ImportReport) => r.problems.map((p) => [p.row, p.code]);

describe('grid import', () => {
  it('a dry run reports what would happen and saves nothing; the commit creates the grids in reading order, moves members and is audited', async () => {
    const c = await makeCommunity(platform);
    const member = await addMember(platform, c.at(0.25, 0.75));
    const file = featureCollection([
      { geometry: c.rect(0.5, 0.5, 1, 1), properties: { 名称: '东北网格', 户数: 120, 网格长: '王测试', 电话: '0510-05550101' } },
      { geometry: c.rect(0, 0.5, 0.5, 1), properties: { 名称: '西北网格', 社区代码: c.code } },
      { geometry: c.rect(0, 0, 1, 0.5), properties: { 名称: '南网格' } },
    ]);
    const auditsBefore = await auditCount('import.grids');

    const report = await dryRun('grids', '网格.geojson', file);
    expect(report).toMatchObject({ kind: 'grids', mode: 'dry-run', total: 3, create: 3, update: 0, unchanged: 0, problems: [] });
    expect(report.source.format).toBe('geojson');
    expect(await gridsOf(c)).toEqual([]);
    expect(await auditCount('import.grids')).toBe(auditsBefore);

    const done = await commit('grids', '网格.geojson', file);
    expect(done.create).toBe(3);
    const grids = await gridsOf(c);
    // Reading order: the northern row west→east, then the south.
    expect(grids.map((g) => [g.code.slice(12), g.name])).toEqual([['001', '西北网格'], ['002', '东北网格'], ['003', '南网格']]);
    expect(grids.find((g) => g.name === '东北网格')!.households).toBe(120);
    expect(await memberGrid(platform, member)).toBe(grids[0]!.id);
    const [history] = await platform.db.query<{ change_kind: string; note: string }>('select change_kind, note from grid_version where grid_id = $1', [grids[0]!.id]);
    expect(history).toEqual({ change_kind: 'import', note: '导入 网格.geojson' });
    const [audit] = await platform.db.query<{ entity_ids: string[]; details: { create: number; file: string } }>(
      `select entity_ids, details from audit_log where action = 'import.grids' order by id desc limit 1`,
    );
    expect(audit!.details).toMatchObject({ create: 3, file: '网格.geojson' });
    expect(audit!.entity_ids.map(Number).sort()).toEqual(grids.map((g) => g.id).sort());
  });

  it('a file with any problem lists each one with its feature number and a commit of it changes nothing', async () => {
    const c = await makeCommunity(platform);
    await commit('grids', 'first.geojson', featureCollection([{ geometry: c.rect(0, 0, 0.5, 1), properties: { name: '已有网格' } }]));
    const existing = await gridsOf(c);
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[c.at(0.6, 0.1), c.at(0.9, 0.4), c.at(0.9, 0.1), c.at(0.6, 0.4), c.at(0.6, 0.1)]] };
    const file = featureCollection([
      { geometry: c.rect(0.5, 0.5, 1, 1), properties: { name: '好网格' } },
      { geometry: c.rect(0.4, 0, 0.6, 0.4), properties: { name: '压线网格' } },
      { geometry: bowTie, properties: { name: '蝴蝶网格' } },
      { geometry: { type: 'Polygon', coordinates: [[[110, 30], [110.01, 30], [110.01, 30.01], [110, 30.01], [110, 30]]] }, properties: { name: '远方' } },
      { geometry: c.rect(0.7, 0.6, 0.9, 0.9), properties: { name: '套在好网格里' } },
      { geometry: c.rect(0.5, 0.45, 0.6, 0.5), properties: { name: '未知社区', communityCode: '320213999777' } },
      { geometry: { type: 'Polygon', coordinates: [[[c.east - 0.002, c.south], [c.east + 0.002, c.south], [c.east + 0.002, c.south + 0.002], [c.east - 0.002, c.south + 0.002], [c.east - 0.002, c.south]]] }, properties: { name: '出界', communityCode: c.code } },
    ]);

    const report = await dryRun('grids', 'problems.geojson', file);
    expect(summary(report)).toEqual([
      [2, 'GRID_OVERLAP'],
      [3, 'INVALID_GEOMETRY'],
      [4, 'OUTSIDE_DISTRICT'],
      [5, 'GRID_OVERLAP'],
      [6, 'UNKNOWN_COMMUNITY'],
      [7, 'OUTSIDE_COMMUNITY'],
    ]);
    expect(report.problems[0]!.message).toContain(existing[0]!.code);
    expect(report.problems[1]!.message).toMatch(/Self-intersection/);
    expect(report.problems[3]!.message).toContain('第 1 个要素');

    const auditsBefore = await auditCount('import.grids');
    const res = await upload('grids', 'problems.geojson', file, { mode: 'commit' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('IMPORT_HAS_PROBLEMS');
    expect(body.error.details!.problems).toHaveLength(6);
    expect(await gridsOf(c)).toEqual(existing);
    expect(await auditCount('import.grids')).toBe(auditsBefore);
  });

  it('a code of a current grid updates it; importing the same file again changes nothing', async () => {
    const c = await makeCommunity(platform);
    await commit('grids', 'a.geojson', featureCollection([
      { geometry: c.rect(0, 0, 0.5, 1), properties: { name: '甲' } },
      { geometry: c.rect(0.5, 0, 1, 1), properties: { name: '乙' } },
    ]));
    const [a, b] = await gridsOf(c);
    const file = featureCollection([
      { geometry: c.rect(0, 0, 0.4, 1), properties: { code: a!.code, name: '甲（新）', households: 50 } },
      { geometry: c.rect(0.4, 0, 1, 1), properties: { code: b!.code, name: '乙' } },
    ]);
    const report = await commit('grids', 'b.geojson', file);
    expect(report).toMatchObject({ create: 0, update: 2, unchanged: 0, problems: [] });
    const after = await gridsOf(c);
    expect(after.map((g) => [g.code, g.name, g.version])).toEqual([[a!.code, '甲（新）', 2], [b!.code, '乙', 2]]);
    expect(after[0]!.area / a!.area).toBeCloseTo(0.8, 3);

    const again = await dryRun('grids', 'b.geojson', file);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 2, problems: [] });
  });

  it('judges a grid reaching past its community as a drawn one is judged: a little is cut off, more is refused, by both', async () => {
    const c = await makeCommunity(platform);
    // A rectangle in the north of the community with a tooth 1 m wide through its north edge:
    // 1.1 m deep leaves about 0.6 m² past the 0.5 m tolerance (under the 1 m² allowance), 3 m
    // deep about 2.5 m².
    const metre = { lng: 1 / (111_320 * Math.cos((c.north * Math.PI) / 180)), lat: 1 / 111_320 };
    const withTooth = (x0: number, x1: number, depthM: number): Polygon => {
      const [west] = c.at(x0, 0);
      const [east] = c.at(x1, 0);
      const [, south] = c.at(0, 0.6);
      const middle = (west + east) / 2;
      const top = c.north + depthM * metre.lat;
      return {
        type: 'Polygon',
        coordinates: [[[west, south], [east, south], [east, c.north], [middle + metre.lng, c.north], [middle + metre.lng, top],
          [middle, top], [middle, c.north], [west, c.north], [west, south]]],
      };
    };
    const drawn = async (geometry: Polygon) =>
      send(platform, 'POST', '/api/grids', planner, { type: 'Feature', geometry, properties: { name: '越界测试', communityCode: c.code }, note: '越界测试' });

    const slightly = await drawn(withTooth(0, 0.2, 1.1));
    expect(slightly.status, await slightly.clone().text()).toBe(201);
    const tooFar = await drawn(withTooth(0.25, 0.45, 3));
    expect(tooFar.status).toBe(422);
    expect(((await tooFar.json()) as ErrorBody).error.code).toBe('OUTSIDE_COMMUNITY');

    const report = await dryRun('grids', '越界.geojson', featureCollection([
      { geometry: withTooth(0.5, 0.7, 1.1), properties: { name: '稍越界', communityCode: c.code } },
      { geometry: withTooth(0.75, 0.95, 3), properties: { name: '越界过多', communityCode: c.code } },
    ]));
    expect(summary(report)).toEqual([[2, 'OUTSIDE_COMMUNITY']]);
  });

  it('a retired code is never reused, and the same code twice in a file is a duplicate', async () => {
    const c = await makeCommunity(platform);
    await commit('grids', 'a.geojson', featureCollection([{ geometry: c.rect(0, 0, 0.5, 1), properties: { name: '将撤销' } }]));
    const [gone] = await gridsOf(c);
    expect((await platform.get(`/api/grids/${gone!.id}`, { method: 'DELETE', headers: { cookie: planner, 'content-type': 'application/json' }, body: JSON.stringify({ note: '测试撤销', version: gone!.version }) })).status).toBe(200);
    const report = await dryRun('grids', 'b.geojson', featureCollection([
      { geometry: c.rect(0, 0, 0.5, 1), properties: { code: gone!.code, name: '复用编码' } },
      { geometry: c.rect(0.5, 0, 0.7, 1), properties: { code: `${c.code}050`, name: '自带编码' } },
      { geometry: c.rect(0.7, 0, 1, 1), properties: { code: `${c.code}050`, name: '重复编码' } },
    ]));
    expect(summary(report)).toEqual([[1, 'CODE_RETIRED'], [3, 'DUPLICATE']]);
  });

  it('refuses in the dry run a file that would need more than 999 codes', async () => {
    const c = await makeCommunity(platform);
    const report = await dryRun('grids', 'codes.geojson', featureCollection([
      { geometry: c.rect(0, 0, 0.5, 1), properties: { code: `${c.code}999`, name: '最后一个编码' } },
      { geometry: c.rect(0.5, 0, 1, 1), properties: { name: '没有编码可用' } },
    ]));
    expect(summary(report)).toEqual([[2, 'GRID_CODES_EXHAUSTED']]);
  });

  it('two imports into one community at the same time both land, with distinct codes', async () => {
    const c = await makeCommunity(platform);
    const [a, b] = await Promise.all([
      upload('grids', 'a.geojson', featureCollection([{ geometry: c.rect(0, 0, 0.5, 1), properties: { name: '并发甲' } }]), { mode: 'commit' }),
      upload('grids', 'b.geojson', featureCollection([{ geometry: c.rect(0.5, 0, 1, 1), properties: { name: '并发乙' } }]), { mode: 'commit' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await gridsOf(c)).map((g) => g.code.slice(12))).toEqual(['001', '002']);
  });

  it('a planner imports only inside their region', async () => {
    const c = await makeCommunity(platform);
    const other = await signIn(platform, await makeAccount(platform, 'planner', '320213021'));
    const report = await dryRun('grids', 'x.geojson', featureCollection([{ geometry: c.rect(0, 0, 1, 1), properties: { name: '别人的' } }]), {}, other);
    expect(summary(report)).toEqual([[1, 'OUTSIDE_SCOPE']]);
  });
});

describe('facility import', () => {
  const header = '名称,类型,地址,电话,开放时间,经度,纬度';

  it('creates stations from a CSV with Chinese headers and updates them by 编号 on the next import', async () => {
    const c = await makeCommunity(platform);
    const [x1, y1] = c.at(0.3, 0.3);
    const [x2, y2] = c.at(0.7, 0.7);
    const csv = [header, `测试党群服务站,党群服务站,测试路1号,0510-05550101,Mo-Fr 09:00-17:00,${x1},${y1}`, `测试党员之家,party_home,,,,${x2},${y2}`].join('\r\n');
    const report = await commit('facilities', '站点.csv', csv);
    expect(report).toMatchObject({ total: 2, create: 2, problems: [] });
    const rows = await platform.db.query<{ id: number; name: string; kind: string; lng: number; lat: number }>(
      `select id, name, kind, ST_X(geom) as lng, ST_Y(geom) as lat from facility where name like '测试党%' and geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) order by name`,
      [c.west, c.south, c.east, c.north],
    );
    expect(rows.map((r) => [r.name, r.kind])).toEqual([['测试党员之家', 'party_home'], ['测试党群服务站', 'station']]);

    const station = rows[1]!;
    const update = ['编号,' + header, `${station.id},测试党群服务站,党群服务站,测试路2号,0510-05550102,Mo-Fr 09:00-17:00,${x1},${y1}`].join('\n');
    expect(await commit('facilities', 'update.csv', update)).toMatchObject({ create: 0, update: 1 });
    const [after] = await platform.db.query<{ address: string }>('select address from facility where id = $1', [station.id]);
    expect(after!.address).toBe('测试路2号');
    expect(await dryRun('facilities', 'update.csv', update)).toMatchObject({ update: 0, unchanged: 1 });
  });

  it('lists missing coordinates, places outside the district, duplicates and unknown ids, and refuses the whole file', async () => {
    const c = await makeCommunity(platform);
    const [x, y] = c.at(0.5, 0.5);
    const csv = [
      '编号,' + header,
      `,好站点,党群服务站,,,,${x},${y}`,
      `,缺纬度,党群服务站,,,,${x},`,
      `,远方站点,党群服务站,,,,110,30`,
      `,好站点,党群服务站,,,,${x},${y}`,
      `999999,不存在,党群服务站,,,,${x},${y}`,
    ].join('\n');
    const report = await dryRun('facilities', 'bad.csv', csv);
    expect(summary(report)).toEqual([[3, 'MISSING_COORDINATE'], [4, 'OUTSIDE_DISTRICT'], [5, 'DUPLICATE'], [6, 'UNKNOWN_ID']]);
    const [before] = await platform.db.query<{ n: number }>('select count(*)::integer as n from facility');
    expect((await upload('facilities', 'bad.csv', csv, { mode: 'commit' })).status).toBe(422);
    const [after] = await platform.db.query<{ n: number }>('select count(*)::integer as n from facility');
    expect(after!.n).toBe(before!.n);
  });

  it('an update keeps what the file has no column for, and problems name the file\'s own columns', async () => {
    const c = await makeCommunity(platform);
    const [x, y] = c.at(0.5, 0.5);
    const created = await send(platform, 'POST', '/api/facilities', planner, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x, y] },
      properties: { name: '内部站点', kind: 'station', address: '内部路1号', phone: '0510-05550999', services: ['党员教育'], public: false },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const report = await commit('facilities', 'names.csv', `编号,站点名称,类型,longitude,latitude\n${id},内部站点（改名）,党群服务站,${x},${y}`);
    expect(report).toMatchObject({ update: 1, problems: [] });
    const [row] = await platform.db.query<{ name: string; address: string; phone: string; services: string[]; public: boolean }>(
      'select name, address, phone, services, public from facility where id = $1',
      [id],
    );
    expect(row).toEqual({ name: '内部站点（改名）', address: '内部路1号', phone: '0510-05550999', services: ['党员教育'], public: false });

    const problems = await dryRun('facilities', 'names.csv', `站点名称,类型,longitude,latitude\n内部站点（改名）,党群服务站,${x},${y}\n远方,党群服务站,110,30`);
    expect(problems.problems.map((p) => [p.row, p.field, p.code])).toEqual([[2, '站点名称', 'DUPLICATE'], [3, 'longitude', 'OUTSIDE_DISTRICT']]);
  });

  it('reads GCJ-02 coordinates when told and stores WGS-84', async () => {
    const c = await makeCommunity(platform);
    const [x, y] = c.at(0.5, 0.5);
    const [gx, gy] = fromWgs84([x, y], 'gcj02');
    await commit('facilities', 'gcj.csv', `${header}\n高德坐标站点,党群服务站,,,,${gx},${gy}`, { crs: 'gcj02' });
    const [row] = await platform.db.query<{ d: number }>(
      `select ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) as d from facility where name = '高德坐标站点'`,
      [x, y],
    );
    expect(row!.d).toBeLessThan(2);
  });
});

describe('member import', () => {
  it('is for admins only; the report masks names and the members land in their grids', async () => {
    const c = await makeCommunity(platform);
    await commit('grids', 'g.geojson', featureCollection([{ geometry: c.rect(0, 0, 1, 1), properties: { name: '党员网格' } }]));
    const [grid] = await gridsOf(c);
    await platform.db.query(`insert into party_org (name, kind, grid_id) values ($1, 'branch', $2)`, [`${c.code}测试支部`, grid!.id]);
    const [x, y] = c.at(0.5, 0.5);
    const csv = ['姓名,状态,所属党组织,流动党员,电话,经度,纬度', `张测试,正式党员,${c.code}测试支部,否,0510-05550111,${x},${y}`, `李示例,预备党员,,是,,${x},${y}`].join('\n');

    expect((await upload('members', 'm.csv', csv)).status).toBe(403);
    expect((await upload('members', 'm.csv', csv, {}, null)).status).toBe(401);
    const report = await commit('members', 'm.csv', csv, {}, admin);
    expect(report).toMatchObject({ create: 2, problems: [] });
    expect(report.actions.map((a) => a.label)).toEqual(['张**', '李**']);
    expect(JSON.stringify(report)).not.toContain(String(x));
    const rows = await platform.db.query<{ status: string; floating: boolean; grid_id: number; org: string | null }>(
      `select m.status, m.floating, m.grid_id, o.name as org from member m left join party_org o on o.id = m.org_id
       where m.grid_id = $1 order by m.status`,
      [grid!.id],
    );
    expect(rows).toEqual([
      { status: 'formal', floating: false, grid_id: grid!.id, org: `${c.code}测试支部` },
      { status: 'probationary', floating: true, grid_id: grid!.id, org: null },
    ]);
    const again = await dryRun('members', 'm.csv', csv, {}, admin);
    expect(again).toMatchObject({ create: 1, unchanged: 1 });
  });
});

describe('member import by a street administrator', () => {
  it('touches neither members on record elsewhere nor organisations of other streets', async () => {
    const c = await makeCommunity(platform);
    await commit('grids', 'g.geojson', featureCollection([{ geometry: c.rect(0, 0, 1, 1), properties: { name: '街道网格' } }]));
    const streetAdmin = await signIn(platform, await makeAccount(platform, 'admin', c.code.slice(0, 9)));
    const [elsewhere] = await platform.db.query<{ name: string; phone: string }>(
      `select m.name, m.phone from member m join grid g on g.id = m.grid_id where g.code like '320213021%' and m.phone is not null limit 1`,
    );
    const [org] = await platform.db.query<{ name: string }>(
      `select o.name from party_org o join grid g on g.id = o.grid_id where g.code like '320213021%' limit 1`,
    );
    const [x, y] = c.at(0.5, 0.5);
    const csv = ['姓名,状态,所属党组织,电话,经度,纬度', `${elsewhere!.name},预备党员,,${elsewhere!.phone},${x},${y}`, `新党员,正式党员,${org!.name},0510-05550888,${x},${y}`].join('\n');
    const report = await dryRun('members', 'm.csv', csv, {}, streetAdmin);
    expect(summary(report)).toEqual([[2, 'OUTSIDE_SCOPE'], [3, 'UNKNOWN_ORG']]);
  });
});

describe('bad uploads', () => {
  it('answers with a clear code and never a 500', async () => {
    expect((await upload('grids', 'x.geojson', '{}', {}, null)).status).toBe(401);
    const leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
    expect((await upload('grids', 'x.geojson', '{}', {}, leader)).status).toBe(403);
    const cases: [string, string, Body, Record<string, string>, number, string][] = [
      ['parks', 'x.geojson', '{}', {}, 400, 'BAD_REQUEST'],
      ['grids', 'x.geojson', '', {}, 400, 'EMPTY_FILE'],
      ['grids', 'x.geojson', '{"type":', {}, 422, 'UNREADABLE_FILE'],
      ['grids', 'x.zip', 'not a zip', {}, 422, 'UNREADABLE_FILE'],
      ['grids', 'x.geojson', '{"type":"FeatureCollection","features":[]}', {}, 422, 'NO_ROWS'],
      ['grids', 'x.geojson', '{}', { crs: 'utm' }, 400, 'BAD_REQUEST'],
    ];
    for (const [kind, name, body, query, status, code] of cases) {
      const res = await upload(kind, name, body, query);
      expect([kind, name, res.status]).toEqual([kind, name, status]);
      expect(((await res.json()) as ErrorBody).error.code).toBe(code);
    }
    const unsupported = await upload('grids', 'x.docx', 'hello');
    expect([415, 422]).toContain(unsupported.status);
    expect(((await unsupported.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('refuses a file over 20 MB with 413 before reading it all', async () => {
    const res = await upload('grids', 'big.geojson', new Uint8Array(21 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('FILE_TOO_LARGE');
  });
});
