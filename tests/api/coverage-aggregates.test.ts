import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { addMember, makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// The coverage figures are kept by triggers as grids, stations, organisations and members change.
// Whatever sequence of changes runs, they must equal a recount from scratch (rebuild_coverage()),
// and every member and station must be in the grid that holds it (the lowest id on a shared border).

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
  // This file's own copy of the demo: its members go, so every recount is quick and only the
  // test communities' own members are counted.
  await platform.db.transaction(async (tx) => {
    await tx.query("select set_config('wgdt.bulk_load', 'on', true)");
    await tx.exec('delete from member; select rebuild_coverage();');
  });
});
afterAll(() => platform.close());

/** Rows of the kept aggregates that a full recount does not give, or gives differently. */
async function differencesFromRecount(): Promise<string[]> {
  const kept = (t: string) => `create temp table kept_${t} on commit drop as select * from ${t};`;
  const diff = (t: string) =>
    `select '${t}' as tab, count(*)::integer as n from (
       (select * from ${t} except all select * from kept_${t}) union all (select * from kept_${t} except all select * from ${t})) d`;
  class Rollback extends Error {
    constructor(readonly rows: { tab: string; n: number }[]) {
      super('rollback');
    }
  }
  try {
    await platform.db.transaction(async (tx) => {
      await tx.exec(`${kept('grid_coverage')} ${kept('member_cell')} ${kept('area_cell')}
        create temp table kept_member on commit drop as select id, grid_id, reach_m from member;`);
      await tx.query('select rebuild_coverage()');
      const rows = await tx.query<{ tab: string; n: number }>(
        `${diff('grid_coverage')} union all ${diff('member_cell')} union all ${diff('area_cell')} union all
         select 'member.reach_m', count(*)::integer from member m join kept_member k on k.id = m.id
         where k.reach_m is distinct from m.reach_m union all
         select 'member.grid_id', count(*)::integer from member m
         where m.grid_id is distinct from (select g.id from grid g where g.valid_to is null and ST_Intersects(g.geom, m.home) order by g.id limit 1)
         union all
         select 'facility.grid_id', count(*)::integer from facility f
         where f.grid_id is distinct from (select g.id from grid g where g.valid_to is null and ST_Intersects(g.geom, f.geom) order by g.id limit 1)`,
      );
      throw new Rollback(rows);
    });
  } catch (err) {
    if (err instanceof Rollback) return err.rows.filter((r) => r.n > 0).map((r) => `${r.tab}: ${r.n} rows differ`);
    throw err;
  }
  return ['the recount did not run'];
}

interface GridBox {
  id: number;
  version: number;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

async function currentGrids(c: TestCommunity): Promise<GridBox[]> {
  return platform.db.query<GridBox>(
    `select id, version, ST_XMin(geom) as xmin, ST_YMin(geom) as ymin, ST_XMax(geom) as xmax, ST_YMax(geom) as ymax
     from grid where community_code = $1 and valid_to is null order by id`,
    [c.code],
  );
}

const box = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => [Math.round(x! * 1e7) / 1e7, Math.round(y! * 1e7) / 1e7])],
});

type Op =
  | { kind: 'reshape'; pick: number; widen: number }
  | { kind: 'split'; pick: number }
  | { kind: 'merge' }
  | { kind: 'retire'; pick: number }
  | { kind: 'restore'; pick: number }
  | { kind: 'addStation'; x: number; y: number }
  | { kind: 'moveStation'; x: number; y: number }
  | { kind: 'closeStation' }
  | { kind: 'addMembers'; x: number; y: number; n: number }
  | { kind: 'moveMember'; x: number; y: number }
  | { kind: 'removeMember' }
  | { kind: 'addBranch'; pick: number }
  | { kind: 'importStations'; x: number; y: number };

const fraction = fc.double({ min: 0.02, max: 0.98, noNaN: true });
const gridEdit = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 3 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  gridEdit(fc.record({ kind: fc.constant('reshape' as const), pick: fc.nat(), widen: fc.double({ min: 0.5, max: 1.6, noNaN: true }) })),
  gridEdit(fc.record({ kind: fc.constant('split' as const), pick: fc.nat() })),
  gridEdit(fc.record({ kind: fc.constant('merge' as const) })),
  gridEdit(fc.record({ kind: fc.constant('retire' as const), pick: fc.nat() })),
  gridEdit(fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() })),
  fc.record({ kind: fc.constant('addStation' as const), x: fraction, y: fraction }),
  fc.record({ kind: fc.constant('moveStation' as const), x: fraction, y: fraction }),
  fc.record({ kind: fc.constant('closeStation' as const) }),
  fc.record({ kind: fc.constant('addMembers' as const), x: fraction, y: fraction, n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('moveMember' as const), x: fraction, y: fraction }),
  fc.record({ kind: fc.constant('removeMember' as const) }),
  fc.record({ kind: fc.constant('addBranch' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('importStations' as const), x: fraction, y: fraction }),
);

/** Grid edits the server accepted, by kind: the sequences must really change grids. */
const accepted = new Map<string, number>();

async function edit(kind: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const res = await send(platform, method, path, planner, body, headers);
  expect(res.status, await res.clone().text()).toBeLessThan(500);
  if (res.ok) accepted.set(kind, (accepted.get(kind) ?? 0) + 1);
}

async function apply(c: TestCommunity, op: Op): Promise<void> {
  const grids = await currentGrids(c);
  const g = grids.length > 0 ? grids[('pick' in op ? op.pick : 0) % grids.length]! : undefined;
  const note = '覆盖统计测试';
  switch (op.kind) {
    case 'reshape': {
      if (!g) return;
      const east = Math.min(c.east, g.xmin + (g.xmax - g.xmin) * op.widen);
      await edit(op.kind, 'PUT', `/api/grids/${g.id}`, {
        type: 'Feature', geometry: box(g.xmin, g.ymin, east, g.ymax),
        properties: { version: g.version }, note, adjustNeighbours: true,
      });
      return;
    }
    case 'split': {
      if (!g) return;
      const x = (g.xmin + g.xmax) / 2;
      await edit(op.kind, 'POST', `/api/grids/${g.id}/split`, {
        line: { type: 'LineString', coordinates: [[x, g.ymin - 0.0005], [x, g.ymax + 0.0005]] }, note, version: g.version,
      });
      return;
    }
    case 'merge': {
      const [pair] = await platform.db.query<{ a: number; b: number; av: number; bv: number }>(
        `select a.id as a, b.id as b, a.version as av, b.version as bv from grid a join grid b on a.id < b.id and a.community_code = b.community_code
         where a.community_code = $1 and a.valid_to is null and b.valid_to is null
           and ST_Length(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 2)::geography) > 1
         order by a.id, b.id limit 1`,
        [c.code],
      );
      if (pair) await edit(op.kind, 'POST', '/api/grids/merge', { ids: [pair.a, pair.b], versions: [pair.av, pair.bv], note });
      return;
    }
    case 'retire':
      if (g) await edit(op.kind, 'DELETE', `/api/grids/${g.id}`, { note, version: g.version });
      return;
    case 'restore':
      if (g && g.version > 1) await edit(op.kind, 'POST', `/api/grids/${g.id}/restore`, { version: 1, note, adjustNeighbours: true }, { 'if-match': `"${g.version}"` });
      return;
    case 'addStation': {
      const [lng, lat] = c.at(op.x, op.y);
      await edit(op.kind, 'POST', '/api/facilities', {
        type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { name: `测试服务站${c.code}`, kind: 'station' },
      });
      return;
    }
    case 'moveStation':
    case 'closeStation': {
      const [f] = await platform.db.query<{ id: number; name: string }>(
        "select id, name from facility where name = $1 order by id limit 1", [`测试服务站${c.code}`]);
      if (!f) return;
      const [lng, lat] = c.at(op.kind === 'moveStation' ? op.x : 0.5, op.kind === 'moveStation' ? op.y : 0.5);
      await edit(op.kind, 'PUT', `/api/facilities/${f.id}`, {
        type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] },
        properties: { name: f.name, kind: 'station', public: op.kind === 'moveStation' },
      });
      return;
    }
    case 'addMembers':
      for (let i = 0; i < op.n; i++) await addMember(platform, c.at(Math.min(0.99, op.x + i * 0.01), op.y));
      return;
    case 'moveMember': {
      const [lng, lat] = c.at(op.x, op.y);
      // As an import moves a member: the new home and the grid holding it, in one statement.
      await platform.db.query(
        `update member set home = p, grid_id = (select id from grid where valid_to is null and ST_Intersects(geom, p) order by id limit 1)
         from ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326) p
         where member.id = (select min(m.id) from member m join grid g on g.id = m.grid_id where g.community_code = $1)`,
        [c.code, lng, lat],
      );
      return;
    }
    case 'removeMember':
      await platform.db.query(
        'delete from member where id = (select max(m.id) from member m join grid g on g.id = m.grid_id where g.community_code = $1)',
        [c.code],
      );
      return;
    case 'importStations': {
      // Two stations through the import (a committed CSV), as a 数据导入 page user would.
      const rows = [0, 0.2].map((d, i) => {
        const [lng, lat] = c.at(Math.min(0.98, op.x + d), op.y);
        return `,导入服务站${c.code}-${Date.now()}-${i},党群服务站,测试路${i + 1}号,,,${lng},${lat}`;
      });
      const body = ['编号,名称,类型,地址,电话,开放时间,经度,纬度', ...rows].join('\r\n');
      const qs = new URLSearchParams({ fileName: 'stations.csv', mode: 'commit' });
      const res = await platform.get(`/api/imports/facilities?${qs}`, {
        method: 'POST', headers: { 'content-type': 'application/octet-stream', cookie: planner }, body,
      });
      expect(res.status, await res.clone().text()).toBeLessThan(500);
      if (res.ok) accepted.set(op.kind, (accepted.get(op.kind) ?? 0) + 1);
      return;
    }
    case 'addBranch':
      if (g) await platform.db.query("insert into party_org (name, kind, grid_id) values ('测试党支部', 'branch', $1)", [g.id]);
      return;
  }
}

describe('kept coverage aggregates', () => {
  it('start equal to a recount', async () => {
    expect(await differencesFromRecount()).toEqual([]);
  });

  it('equal a recount after any sequence of grid edits, imports, station changes and member changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 8 }), async (ops) => {
        const c = await makeCommunity(platform);
        for (const [i, rect] of [[0, 0, 0.5, 0.5], [0.5, 0, 1, 0.5], [0, 0.5, 0.5, 1], [0.5, 0.5, 1, 1]].entries()) {
          const res = await send(platform, 'POST', '/api/grids', planner, {
            type: 'Feature', geometry: c.rect(...(rect as [number, number, number, number])),
            properties: { name: `网格${i + 1}`, communityCode: c.code, households: 300, population: 800 }, note: '覆盖统计测试',
          });
          expect(res.status).toBe(201);
        }
        await apply(c, { kind: 'addStation', x: 0.3, y: 0.3 });
        await apply(c, { kind: 'addMembers', x: 0.1, y: 0.1, n: 8 });
        await apply(c, { kind: 'addMembers', x: 0.6, y: 0.7, n: 8 });
        for (const op of ops) await apply(c, op);
        expect(await differencesFromRecount(), JSON.stringify(ops)).toEqual([]);
      }),
      { numRuns: 8, seed: 20261130 },
    );
    for (const kind of ['reshape', 'split', 'merge', 'retire', 'restore', 'addStation', 'moveStation', 'importStations']) expect(accepted.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });

  it('move members between grids and count reach when a station opens or closes', async () => {
    const c = await makeCommunity(platform);
    const halves: [number, number, number, number][] = [[0, 0, 0.5, 1], [0.5, 0, 1, 1]];
    for (const rect of halves) {
      await send(platform, 'POST', '/api/grids', planner, {
        type: 'Feature', geometry: c.rect(...rect), properties: { name: '网格', communityCode: c.code, households: 100, population: 300 }, note: '覆盖统计测试',
      });
    }
    const [west, east] = await currentGrids(c);
    for (let i = 0; i < 6; i++) await addMember(platform, c.at(0.11 + i * 0.05, 0.5));
    const stats = async () =>
      platform.db.query<{ grid_id: number; members: number; reached_500: number }>(
        'select grid_id, members, reached_500 from grid_coverage where grid_id = any ($1::integer[]) order by grid_id',
        [[west!.id, east!.id]],
      );
    expect((await stats()).map((s) => [s.members, s.reached_500])).toEqual([[6, 0], [0, 0]]);
    // The west grid shrinks to a fifth of the community: members east of 0.2 move east.
    await send(platform, 'PUT', `/api/grids/${west!.id}`, planner, {
      type: 'Feature', geometry: c.rect(0, 0, 0.2, 1), properties: { version: west!.version }, note: '覆盖统计测试', adjustNeighbours: true,
    });
    expect((await stats()).map((s) => s.members)).toEqual([2, 4]);
    await apply(c, { kind: 'addStation', x: 0.2, y: 0.5 });
    expect((await stats()).map((s) => s.reached_500)).toEqual([2, 4]);
    await apply(c, { kind: 'closeStation' });
    expect((await stats()).map((s) => s.reached_500)).toEqual([0, 0]);
  });
});
