import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { EditResponse, GridFeature, Impact, PreviewResult } from '../../server/src/contract/grids.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { addBuildings, buildingGrid, type TestBuilding } from '../support/test-buildings.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Where a community has buildings, its grids' households are their buildings' sums, and every
// edit moves exact figures: random sequences of reshapes (with adjustNeighbours), splits and
// merges never change the community's total, and what a preview says moves is what the save moves.

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
});
afterAll(() => platform.close());

const post = (path: string, body: unknown) => send(platform, 'POST', path, planner, body);
const put = (path: string, body: unknown) => send(platform, 'PUT', path, planner, body);

/** A community tiled by a 3 × 2 block of grids, with buildings scattered over it. */
async function tiledCommunity(buildings: TestBuilding[]): Promise<TestCommunity> {
  const c = await makeCommunity(platform);
  for (const [x0, y0] of [[0, 0], [1 / 3, 0], [2 / 3, 0], [0, 0.5], [1 / 3, 0.5], [2 / 3, 0.5]] as const) {
    const res = await post('/api/grids', {
      type: 'Feature', geometry: c.rect(x0, y0, x0 + 1 / 3, y0 + 0.5),
      properties: { name: '测试网格', communityCode: c.code, households: 999, population: 999 }, note: '测试新建',
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  await addBuildings(platform, c, buildings);
  return c;
}

interface CommunityCounts {
  gridHouseholds: number;
  gridPopulation: number;
  buildingHouseholds: number;
  buildingPopulation: number;
  /** Grids whose figures differ from their buildings' sums. */
  wrongGrids: number;
  /** Buildings whose grid is not the current grid holding their anchor. */
  misplaced: number;
}

async function counts(c: TestCommunity): Promise<CommunityCounts> {
  const [row] = await platform.db.query<CommunityCounts>(
    `select
       (select coalesce(sum(households), 0)::int from grid where community_code = $1 and valid_to is null) as "gridHouseholds",
       (select coalesce(sum(population), 0)::int from grid where community_code = $1 and valid_to is null) as "gridPopulation",
       (select coalesce(sum(households), 0)::int from building where community_code = $1) as "buildingHouseholds",
       (select coalesce(sum(population), 0)::int from building where community_code = $1) as "buildingPopulation",
       (select count(*)::int from grid g where g.community_code = $1 and g.valid_to is null
          and (g.households, g.population) is distinct from
              (select (coalesce(sum(b.households), 0)::int, coalesce(sum(b.population), 0)::int) from building b where b.grid_id = g.id)) as "wrongGrids",
       (select count(*)::int from building b where b.community_code = $1
          and b.grid_id is distinct from (select g.id from grid g where g.valid_to is null and ST_Intersects(g.geom, b.anchor) order by g.id limit 1)) as "misplaced"`,
    [c.code],
  );
  return row!;
}

async function currentGrids(c: TestCommunity): Promise<{ id: number; version: number }[]> {
  return platform.db.query('select id, version from grid where community_code = $1 and valid_to is null order by id', [c.code]);
}

/** The exact part of an impact: buildings, households and population per move. */
function exactMoves(impact: Impact): string[] {
  return impact.moves
    .filter((m) => m.buildings > 0)
    .map((m) => `${m.from?.id ?? '-'}>${m.to?.id ?? '-'}:${m.buildings}/${m.households}/${m.population}`)
    .sort();
}

type Operation =
  | { kind: 'reshape'; grid: number; at: [number, number]; sizeM: number }
  | { kind: 'split'; grid: number; horizontal: boolean }
  | { kind: 'merge'; pair: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('reshape' as const),
    grid: fc.nat(),
    at: fc.tuple(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.05, max: 0.95, noNaN: true })),
    sizeM: fc.integer({ min: 60, max: 220 }),
  }),
  fc.record({ kind: fc.constant('split' as const), grid: fc.nat(), horizontal: fc.boolean() }),
  fc.record({ kind: fc.constant('merge' as const), pair: fc.nat() }),
);

/** Runs one operation; answers the save's status (a refused edit is fine: it must change nothing). */
async function run(c: TestCommunity, op: Operation): Promise<number> {
  const grids = await currentGrids(c);
  if (op.kind === 'reshape') {
    // The grid takes a square around a point of the community from whoever holds it.
    const grid = grids[op.grid % grids.length]!;
    const [lng, lat] = c.at(...op.at);
    const half = op.sizeM / 2 / 111_000;
    const [shape] = await platform.db.query<{ geometry: string }>(
      `select ST_AsGeoJSON(ST_Union(g.geom, ST_MakeEnvelope($2::float8 - $4::float8, $3::float8 - $4::float8, $2::float8 + $4::float8, $3::float8 + $4::float8, 4326)), 7) as geometry
       from grid g where g.id = $1`,
      [grid.id, lng, lat, half],
    );
    const geometry = JSON.parse(shape!.geometry) as Polygon;
    const body = { type: 'Feature', geometry, properties: { version: grid.version }, adjustNeighbours: true, note: '随机调整' };
    const preview = await post('/api/grids/preview', { ...body, id: grid.id });
    expect(preview.status, await preview.clone().text()).toBe(200);
    const previewed = (await preview.json()) as PreviewResult;
    const saved = await put(`/api/grids/${grid.id}`, body);
    if (saved.status === 200) {
      expect(previewed.valid).toBe(true);
      const result = (await saved.json()) as EditResponse;
      if (previewed.valid) expect(exactMoves(result.impact)).toEqual(exactMoves(previewed.impact));
    } else {
      expect(previewed.valid).toBe(false);
    }
    return saved.status;
  }
  if (op.kind === 'split') {
    const grid = grids[op.grid % grids.length]!;
    const [box] = await platform.db.query<{ w: number; s: number; e: number; n: number }>(
      'select ST_XMin(geom) as w, ST_YMin(geom) as s, ST_XMax(geom) as e, ST_YMax(geom) as n from grid where id = $1',
      [grid.id],
    );
    const { w, s, e, n } = box!;
    const pad = 0.001;
    const line = op.horizontal
      ? { type: 'LineString', coordinates: [[w - pad, (s + n) / 2], [e + pad, (s + n) / 2]] }
      : { type: 'LineString', coordinates: [[(w + e) / 2, s - pad], [(w + e) / 2, n + pad]] };
    const res = await post(`/api/grids/${grid.id}/split`, { line, version: grid.version, note: '随机拆分' });
    return res.status;
  }
  const pairs = await platform.db.query<{ a: number; b: number; va: number; vb: number }>(
    `select a.id as a, b.id as b, a.version as va, b.version as vb
     from grid a join grid b on a.id < b.id and b.community_code = a.community_code and b.valid_to is null
       and ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))::geography) > 5
     where a.community_code = $1 and a.valid_to is null order by a.id, b.id`,
    [c.code],
  );
  if (pairs.length === 0) return 0;
  const pair = pairs[op.pair % pairs.length]!;
  const res = await post('/api/grids/merge', { ids: [pair.a, pair.b], versions: [pair.va, pair.vb], note: '随机合并' });
  return res.status;
}

const building: fc.Arbitrary<TestBuilding> = fc.record({
  at: fc.tuple(fc.double({ min: 0.02, max: 0.98, noNaN: true }), fc.double({ min: 0.02, max: 0.98, noNaN: true })),
  households: fc.integer({ min: 1, max: 160 }),
  population: fc.integer({ min: 1, max: 400 }),
});

describe('exact households in a community with buildings', () => {
  it('takes every grid’s households and population from its buildings, not from the typed figures', async () => {
    const c = await tiledCommunity([
      { at: [0.1, 0.1], households: 40, population: 100 },
      { at: [0.2, 0.2], households: 60, population: 150 },
      { at: [0.9, 0.9], households: 25, population: 70 },
    ]);
    const res = await send(platform, 'GET', `/api/grids?community=${c.code}`, planner);
    const grids = ((await res.json()) as { features: GridFeature[] }).features;
    const byCode = new Map(grids.map((g) => [g.properties.code, g.properties]));
    expect(byCode.get(`${c.code}001`)).toMatchObject({ households: 100, population: 250, householdsSource: 'buildings' });
    expect(byCode.get(`${c.code}006`)).toMatchObject({ households: 25, population: 70, householdsSource: 'buildings' });
    expect(byCode.get(`${c.code}002`)).toMatchObject({ households: 0, population: 0 });
  });

  it('keeps typed figures, marked as an estimate, where the community has no buildings', async () => {
    const c = await tiledCommunity([]);
    const res = await send(platform, 'GET', `/api/grids?community=${c.code}`, planner);
    const [first] = ((await res.json()) as { features: GridFeature[] }).features;
    expect(first!.properties).toMatchObject({ households: 999, householdsSource: 'estimate' });
  });

  it('moves a building with the border that crosses it, in the preview and the save alike, and the history holds the figures', async () => {
    const c = await tiledCommunity([
      { at: [0.40, 0.25], households: 70, population: 180 },
      { at: [0.10, 0.25], households: 30, population: 80 },
      { at: [0.50, 0.25], households: 50, population: 120 },
    ]);
    const [west, middle] = await currentGrids(c);
    const body = {
      type: 'Feature', geometry: c.rect(0, 0, 0.45, 0.5), properties: { version: west!.version }, adjustNeighbours: true, note: '边界东移',
    };
    const preview = (await (await post('/api/grids/preview', { ...body, id: west!.id })).json()) as PreviewResult;
    expect(preview.valid).toBe(true);
    if (!preview.valid) return;
    // Only the building at 0.40 lies between the old border (1/3) and the new one (0.45).
    expect(exactMoves(preview.impact)).toEqual([`${middle!.id}>${west!.id}:1/70/180`]);
    const saved = await put(`/api/grids/${west!.id}`, body);
    expect(saved.status, await saved.clone().text()).toBe(200);
    const result = (await saved.json()) as EditResponse;
    expect(exactMoves(result.impact)).toEqual(exactMoves(preview.impact));
    expect(result.impact.grids.find((g) => g.id === west!.id)).toMatchObject({ households: 100, population: 260, buildings: 2, householdsSource: 'buildings' });
    expect(result.impact.target).toMatchObject({ min: 300, max: 500 });
    expect(result.impact.grids.find((g) => g.id === west!.id)!.range).toBe('below');

    const history = await (await send(platform, 'GET', `/api/grids/${middle!.id}/history`, planner)).json() as { versions: { households: number; changeKind: string }[] };
    expect(history.versions[0]).toMatchObject({ households: 50, changeKind: 'neighbour' });
    expect(await buildingGrid(platform, (await platform.db.query<{ id: number }>(
      'select id from building where community_code = $1 and households = 70', [c.code]))[0]!.id)).toBe(west!.id);
  });

  it('never changes the community’s total over random reshapes, splits and merges, and every building stays in the grid holding it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(building, { minLength: 8, maxLength: 30 }), fc.array(operation, { minLength: 2, maxLength: 4 }), async (buildings, operations) => {
        const c = await tiledCommunity(buildings);
        const before = await counts(c);
        expect(before.gridHouseholds).toBe(before.buildingHouseholds);
        for (const op of operations) {
          const status = await run(c, op);
          expect([0, 200, 201, 409, 422]).toContain(status);
          const after = await counts(c);
          expect({ ...after, op }).toEqual({ ...before, op });
        }
      }),
      { numRuns: 4 },
    );
  }, 600_000);
});
