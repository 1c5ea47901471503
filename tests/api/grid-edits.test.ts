import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { addMember, makeCommunity, memberGrid, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

type GridFeature = Feature<MultiPolygon, { id: number; code: string; version: number; name: string; households: number }>;
interface EditResponse {
  feature: GridFeature;
  neighbours: GridFeature[];
  impact: { moves: { from: { id: number } | null; to: { id: number } | null; members: number | { fewerThan: number }; facilities: number }[] };
}
interface ErrorBody {
  error: { code: string; message: string; details?: { violations?: { code: string }[]; overlaps?: { id: number; areaSqm: number }[]; location?: { type: string; coordinates: number[] }; outside?: unknown; current?: GridFeature } };
}
interface CoverageReport {
  coveredRatio: number;
  gridCount: number;
  gaps: { features: unknown[] };
  overlaps: { features: unknown[] };
}

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
});
afterAll(() => platform.close());

const post = (path: string, body: unknown, cookie = planner) => send(platform, 'POST', path, cookie, body);
const put = (path: string, body: unknown, cookie = planner) => send(platform, 'PUT', path, cookie, body);

function gridBody(c: TestCommunity, geometry: Polygon, extra: Record<string, unknown> = {}) {
  return { type: 'Feature', geometry, properties: { name: '测试网格', communityCode: c.code, households: 400, population: 1000 }, note: '测试新建', ...extra };
}

async function create(c: TestCommunity, geometry: Polygon, extra: Record<string, unknown> = {}): Promise<GridFeature> {
  const res = await post('/api/grids', gridBody(c, geometry, extra));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as EditResponse).feature;
}

async function coverage(c: TestCommunity): Promise<CoverageReport> {
  const res = await send(platform, 'GET', `/api/communities/${c.code}/coverage-check`, planner);
  expect(res.status).toBe(200);
  return (await res.json()) as CoverageReport;
}

async function gridState(c: TestCommunity) {
  return platform.db.query(
    `select id, version, valid_to is null as current, ST_AsText(geom) as geom from grid where community_code = $1 order by id`,
    [c.code],
  );
}

async function area(geometry: unknown): Promise<number> {
  const [row] = await platform.db.query<{ a: number }>('select ST_Area(ST_GeomFromGeoJSON($1)::geography) as a', [JSON.stringify(geometry)]);
  return row!.a;
}

describe('creating grids', () => {
  it('assigns the next code, records version 1 and fills the community', async () => {
    const c = await makeCommunity(platform);
    const west = await create(c, c.rect(0, 0, 0.5, 1));
    expect(west.properties.code).toBe(`${c.code}001`);
    expect(west.properties.version).toBe(1);
    const east = await create(c, c.rect(0.5, 0, 1, 1));
    expect(east.properties.code).toBe(`${c.code}002`);
    const report = await coverage(c);
    expect(report.coveredRatio).toBeGreaterThan(0.9999);
    expect(report.gaps.features).toHaveLength(0);
    expect(report.overlaps.features).toHaveLength(0);
    expect(report.gridCount).toBe(2);
  });

  it('refuses an overlap with GRID_OVERLAP naming the grid and area, and stores nothing', async () => {
    const c = await makeCommunity(platform);
    const first = await create(c, c.rect(0, 0, 0.5, 1));
    const before = await gridState(c);
    const res = await post('/api/grids', gridBody(c, c.rect(0.4, 0, 0.9, 1)));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('GRID_OVERLAP');
    const overlap = body.error.details!.violations!.find((v) => v.code === 'GRID_OVERLAP') as unknown as { details: { overlaps: { id: number; areaSqm: number; geometry: unknown }[] } };
    expect(overlap.details.overlaps[0]!.id).toBe(first.properties.id);
    // 0.1 of the width ≈ 95 m × 1,110 m.
    expect(overlap.details.overlaps[0]!.areaSqm).toBeGreaterThan(90_000);
    expect(await gridState(c)).toEqual(before);
  });

  it('trims to the free space with clip: true', async () => {
    const c = await makeCommunity(platform);
    await create(c, c.rect(0, 0, 0.5, 1));
    const clipped = await create(c, c.rect(0.4, 0, 1, 1), { clip: true });
    const expected = await area(c.rect(0.5, 0, 1, 1));
    expect(Math.abs((await area(clipped.geometry)) - expected) / expected).toBeLessThan(1e-4);
    expect((await coverage(c)).overlaps.features).toHaveLength(0);
  });

  it('refuses a shape reaching outside the community with OUTSIDE_COMMUNITY and the part outside', async () => {
    const c = await makeCommunity(platform);
    const res = await post('/api/grids', gridBody(c, c.rect(0.5, 0, 1.2, 1)));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('OUTSIDE_COMMUNITY');
    const outside = body.error.details!.violations![0] as unknown as { details: { outside: Polygon; areaSqm: number } };
    expect(outside.details.areaSqm).toBeGreaterThan(100_000);
    expect(outside.details.outside.type).toMatch(/Polygon/);
    expect(await gridState(c)).toEqual([]);
  });

  it('accepts a shape within 0.5 m outside the boundary and stores it cut to the community', async () => {
    const c = await makeCommunity(platform);
    const shape = c.rect(0, 0, 1, 1);
    shape.coordinates[0]![1]![0] = c.east + 0.000003; // ≈ 0.3 m east of the border
    const grid = await create(c, shape);
    expect(await area(grid.geometry)).toBeLessThanOrEqual((await area(c.rect(0, 0, 1, 1))) + 0.01);
  });

  it('refuses a self-crossing (bow-tie) polygon with the crossing point, and the database keeps answering', async () => {
    const c = await makeCommunity(platform);
    const [x0, y0] = c.at(0.2, 0.2);
    const [x1, y1] = c.at(0.8, 0.8);
    const bowTie: Polygon = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]] };
    for (const path of ['/api/grids', '/api/grids/preview']) {
      const res = await post(path, gridBody(c, bowTie));
      const body = (await res.json()) as ErrorBody & { valid?: boolean; violations?: { code: string; details: { location: { coordinates: number[] } } }[] };
      const violation = path === '/api/grids' ? (body.error.details!.violations![0] as unknown as { code: string; details: { location: { coordinates: number[] } } }) : body.violations![0]!;
      expect(violation.code).toBe('INVALID_GEOMETRY');
      const [lng, lat] = violation.details.location.coordinates as [number, number];
      expect(Math.abs(lng - (x0 + x1) / 2)).toBeLessThan(1e-6);
      expect(Math.abs(lat - (y0 + y1) / 2)).toBeLessThan(1e-6);
    }
    expect(await gridState(c)).toEqual([]);
    expect((await platform.get('/api/health')).status).toBe(200);
    expect((await create(c, c.rect(0, 0, 1, 1))).properties.code).toBe(`${c.code}001`);
  });

  it.each([
    ['an unclosed ring', 'INVALID_GEOMETRY', (c: TestCommunity) => ({ type: 'Polygon', coordinates: [c.rect(0, 0, 1, 1).coordinates[0]!.slice(0, 4)] })],
    ['a coordinate out of range', 'INVALID_GEOMETRY', () => ({ type: 'Polygon', coordinates: [[[0, 0], [200, 0], [200, 1], [0, 0]]] })],
    ['5,001 vertices', 'TOO_MANY_VERTICES', (c: TestCommunity) => {
      const ring = Array.from({ length: 5000 }, (_, i) => {
        const t = (i / 5000) * 2 * Math.PI;
        return c.at(0.5 + 0.4 * Math.cos(t), 0.5 + 0.4 * Math.sin(t));
      });
      return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
    }],
  ])('refuses %s with %s', async (_why, code, geometry) => {
    const c = await makeCommunity(platform);
    const res = await post('/api/grids', gridBody(c, geometry(c) as Polygon));
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.code).toBe(code);
    expect(await gridState(c)).toEqual([]);
  });

  it.each([
    ['a server-owned field', { code: '320213021001999' }, 'FIELD_NOT_ALLOWED'],
    ['no note', { note: undefined }, 'BAD_REQUEST'],
    ['a point', { geometry: { type: 'Point', coordinates: [120.5, 31.4] } }, 'BAD_REQUEST'],
  ])('refuses a body with %s with 400', async (_why, patch, code) => {
    const c = await makeCommunity(platform);
    const body = gridBody(c, c.rect(0, 0, 1, 1)) as Record<string, unknown>;
    if ('code' in patch) body.properties = { ...(body.properties as object), ...patch };
    else Object.assign(body, patch);
    const res = await post('/api/grids', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe(code);
  });

  it('is refused to a planner outside the scope, and to a leader', async () => {
    const c = await makeCommunity(platform);
    const other = await signIn(platform, await makeAccount(platform, 'planner', '320213021001'));
    expect((await post('/api/grids', gridBody(c, c.rect(0, 0, 1, 1)), other)).status).toBe(403);
    const leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
    expect((await post('/api/grids', gridBody(c, c.rect(0, 0, 1, 1)), leader)).status).toBe(403);
    expect((await post('/api/grids', gridBody(c, c.rect(0, 0, 1, 1)), '')).status).toBe(401);
    expect(await gridState(c)).toEqual([]);
  });
});

describe('updating grids', () => {
  it('needs the current version: a stale one gets 409 with the current feature', async () => {
    const c = await makeCommunity(platform);
    const g = await create(c, c.rect(0, 0, 0.5, 1));
    const renamed = await put(`/api/grids/${g.properties.id}`, { type: 'Feature', geometry: null, properties: { name: '新名字', version: 1 }, note: '改名' });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as EditResponse).feature.properties).toMatchObject({ name: '新名字', version: 2 });
    const stale = await put(`/api/grids/${g.properties.id}`, { type: 'Feature', geometry: null, properties: { name: '旧版本', version: 1 }, note: '改名' });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as ErrorBody;
    expect(body.error.code).toBe('VERSION_CONFLICT');
    expect(body.error.details!.current!.properties).toMatchObject({ name: '新名字', version: 2 });
    const noVersion = await put(`/api/grids/${g.properties.id}`, { type: 'Feature', geometry: null, properties: { name: 'x' }, note: '改名' });
    expect(noVersion.status).toBe(428);
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const c = await makeCommunity(platform);
    const g = await create(c, c.rect(0, 0, 0.5, 1));
    // Both sent with If-Match "1", at the same time.
    const edit = (name: string, width: number) =>
      platform
        .get(`/api/grids/${g.properties.id}`, {
          method: 'PUT',
          headers: { cookie: planner, 'content-type': 'application/json', 'if-match': '"1"' },
          body: JSON.stringify({ type: 'Feature', geometry: c.rect(0, 0, width, 1), properties: { name }, note: '并发测试' }),
        })
        .then((r) => r.status);
    const statuses = await Promise.all([edit('A', 0.45), edit('B', 0.4)]);
    expect(statuses.sort()).toEqual([200, 409]);
    const [row] = await platform.db.query<{ version: number }>('select version from grid where id = $1', [g.properties.id]);
    expect(row!.version).toBe(2);
  });

  it('moves a shared border with adjustNeighbours: both versions bump, coverage stays full, members follow', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    const inStrip = await addMember(platform, c.at(0.55, 0.5));
    const stays = await addMember(platform, c.at(0.8, 0.5));
    expect(await memberGrid(platform, inStrip)).toBe(b.properties.id);

    const body = { type: 'Feature', geometry: c.rect(0, 0, 0.6, 1), properties: { version: 1 }, note: '边界东移', adjustNeighbours: true };
    const preview = await post('/api/grids/preview', { ...body, id: a.properties.id });
    const p = (await preview.json()) as { valid: boolean; features: GridFeature[]; impact: EditResponse['impact'] };
    expect(p.valid).toBe(true);
    expect(p.features.map((f) => f.properties.id)).toEqual([a.properties.id, b.properties.id]);
    // One member moves, but a count under MIN_CELL_COUNT is never shown (nor a move made of it alone).
    const bToA = p.impact.moves.find((m) => m.from?.id === b.properties.id && m.to?.id === a.properties.id);
    if (bToA) expect(bToA.members).toEqual({ fewerThan: 5 });
    expect(p.impact.moves.every((m) => typeof m.members !== 'number' || m.members >= 5)).toBe(true);
    // A preview reads member figures: it is in the audit log.
    const [audited] = await platform.db.query<{ n: number }>(
      "select count(*)::integer as n from audit_log where action = 'grid.preview' and $1 = any (entity_ids)",
      [String(a.properties.id)],
    );
    expect(audited!.n).toBe(1);
    expect(await memberGrid(platform, inStrip)).toBe(b.properties.id); // the preview saved nothing

    const res = await put(`/api/grids/${a.properties.id}`, body);
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = (await res.json()) as EditResponse;
    expect(saved.feature.properties.version).toBe(2);
    expect(saved.neighbours.map((n) => [n.properties.id, n.properties.version])).toEqual([[b.properties.id, 2]]);
    const report = await coverage(c);
    expect(report.coveredRatio).toBeGreaterThan(0.9999);
    expect(report.overlaps.features).toHaveLength(0);
    expect(report.gaps.features).toHaveLength(0);
    expect(await memberGrid(platform, inStrip)).toBe(a.properties.id);
    expect(await memberGrid(platform, stays)).toBe(b.properties.id);

    // And back west: the released strip goes to the neighbour, not into a gap.
    const back = await put(`/api/grids/${a.properties.id}`, { ...body, geometry: c.rect(0, 0, 0.3, 1), properties: { version: 2 }, note: '边界西移' });
    expect(back.status).toBe(200);
    expect(((await back.json()) as EditResponse).neighbours[0]!.properties.version).toBe(3);
    expect((await coverage(c)).gaps.features).toHaveLength(0);
    expect(await memberGrid(platform, inStrip)).toBe(b.properties.id);
  });

  it('moves households with the area: the new totals agree with the moves, and a new grid counts what moves in', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    const widened = await put(`/api/grids/${a.properties.id}`, { type: 'Feature', geometry: c.rect(0, 0, 0.6, 1), properties: { version: 1 }, note: '边界东移', adjustNeighbours: true });
    const { impact } = (await widened.json()) as { impact: { grids: { id: number; households: number }[]; moves: { households: number }[] } };
    // A tenth of the area moves from b (400 households over half the width): about 80 households.
    expect(impact.moves.map((m) => m.households)).toEqual([80]);
    expect(impact.grids.map((g) => [g.id, g.households])).toEqual([[a.properties.id, 480], [b.properties.id, 320]]);
    const stored = await platform.db.query<{ households: number }>('select households from grid where id = any ($1) order by id', [[a.properties.id, b.properties.id]]);
    expect(stored.map((r) => r.households)).toEqual([480, 320]);

    // A new grid drawn over part of b with its households left empty takes what moves in with the area.
    const drawn = await post('/api/grids', { type: 'Feature', geometry: c.rect(0.8, 0, 1, 1), properties: { name: '新网格', communityCode: c.code }, note: '新建', adjustNeighbours: true });
    expect(drawn.status, await drawn.clone().text()).toBe(201);
    const created = (await drawn.json()) as EditResponse;
    expect(created.feature.properties.households).toBe(160);
    expect(created.neighbours[0]!.properties.households).toBe(160);
  });

  it('without adjustNeighbours the same move is an overlap and nothing changes', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    await create(c, c.rect(0.5, 0, 1, 1));
    const before = await gridState(c);
    const res = await put(`/api/grids/${a.properties.id}`, { type: 'Feature', geometry: c.rect(0, 0, 0.6, 1), properties: { version: 1 }, note: '边界东移' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.code).toBe('GRID_OVERLAP');
    expect(await gridState(c)).toEqual(before);
  });

  it('refuses the move when a neighbour changed since the planner looked (409)', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    await put(`/api/grids/${b.properties.id}`, { type: 'Feature', geometry: null, properties: { name: '别人改过', version: 1 }, note: '改名' });
    const res = await put(`/api/grids/${a.properties.id}`, {
      type: 'Feature', geometry: c.rect(0, 0, 0.6, 1), properties: { version: 1 }, note: '边界东移',
      adjustNeighbours: true, neighbourVersions: { [b.properties.id]: 1 },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe('NEIGHBOUR_CHANGED');
  });
});

describe('split, merge, retire, history and restore', () => {
  it('splits by a line, keeping the area and moving members and stations to the right grid', async () => {
    const c = await makeCommunity(platform);
    const g = await create(c, c.rect(0, 0, 1, 1));
    const west = await addMember(platform, c.at(0.2, 0.5));
    const east = await addMember(platform, c.at(0.8, 0.5));
    const [station] = await platform.db.query<{ id: number }>(
      `insert into facility (name, kind, geom) values ('拆分测试站', 'station', ST_SetSRID(ST_MakePoint($1, $2), 4326)) returning id`,
      c.at(0.9, 0.1),
    );
    const line = { type: 'LineString', coordinates: [c.at(0.4, -0.1), c.at(0.4, 1.1)] };
    const res = await post(`/api/grids/${g.properties.id}/split`, { line, note: '按道路拆分', version: 1 });
    expect(res.status, await res.clone().text()).toBe(201);
    const out = (await res.json()) as EditResponse;
    const [kept, created] = [out.feature, out.neighbours[0]!];
    expect(kept.properties.id).toBe(g.properties.id);
    expect(created.properties.code).toBe(`${c.code}002`);
    // Named by the community's scheme when the planner gives no name.
    expect(created.properties.name).toMatch(/^测试社区\d+第2网格$/);
    const total = (await area(kept.geometry)) + (await area(created.geometry));
    expect(Math.abs(total - (await area(g.geometry))) / total).toBeLessThan(1e-6);
    expect(kept.properties.households + created.properties.households).toBe(400);
    expect(await memberGrid(platform, west)).toBe(created.properties.id);
    expect(await memberGrid(platform, east)).toBe(kept.properties.id);
    const [f] = await platform.db.query<{ grid_id: number }>('select grid_id from facility where id = $1', [station!.id]);
    expect(f!.grid_id).toBe(kept.properties.id);

    const bad = await post(`/api/grids/${g.properties.id}/split`, { line: { type: 'LineString', coordinates: [c.at(0.1, 0.1), c.at(0.2, 0.2)] }, note: '不穿过', version: 2 });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.code).toBe('SPLIT_LINE_INVALID');
  });

  it('merges two neighbours into the first, retiring the second and keeping members', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    const m = await addMember(platform, c.at(0.7, 0.5));
    const res = await post('/api/grids/merge', { ids: [a.properties.id, b.properties.id], versions: [1, 1], note: '合并' });
    expect(res.status, await res.clone().text()).toBe(200);
    const out = (await res.json()) as EditResponse;
    expect(Math.abs((await area(out.feature.geometry)) - (await area(c.rect(0, 0, 1, 1)))) / (await area(c.rect(0, 0, 1, 1)))).toBeLessThan(1e-6);
    expect(out.feature.properties.households).toBe(800);
    expect((await platform.get(`/api/grids/${b.properties.id}`)).status).toBe(404);
    expect(await memberGrid(platform, m)).toBe(a.properties.id);
  });

  it('refuses to merge grids that do not touch', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.3, 1));
    const b = await create(c, c.rect(0.6, 0, 1, 1));
    const res = await post('/api/grids/merge', { ids: [a.properties.id, b.properties.id], versions: [1, 1], note: '合并' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.code).toBe('NOT_ADJACENT');
  });

  it('previews a split and a merge like a reshape: the shapes and totals they would give, nothing saved', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    const state = await gridState(c);
    const line = { type: 'LineString', coordinates: [c.at(0.25, -0.1), c.at(0.25, 1.1)] };
    const split = await post(`/api/grids/${a.properties.id}/split/preview`, { line, version: 1 });
    expect(split.status, await split.clone().text()).toBe(200);
    const s = (await split.json()) as { valid: boolean; features: GridFeature[]; impact: { grids: { households: number }[] } };
    expect(s.valid).toBe(true);
    expect(s.features).toHaveLength(2);
    expect(s.features[1]!.properties.name).toMatch(/^测试社区\d+第3网格$/);
    expect(s.impact.grids.reduce((sum, g) => sum + g.households, 0)).toBe(400);

    const merge = await post('/api/grids/merge/preview', { ids: [a.properties.id, b.properties.id], versions: [1, 1] });
    const m = (await merge.json()) as { valid: boolean; features: GridFeature[] };
    expect(m.valid).toBe(true);
    expect(m.features.map((f) => f.properties.id)).toEqual([a.properties.id]);
    const bad = await post(`/api/grids/${a.properties.id}/split/preview`, { line: { type: 'LineString', coordinates: [c.at(0.1, 0.1), c.at(0.2, 0.2)] }, version: 1 });
    expect(((await bad.json()) as { valid: boolean; violations: { code: string }[] }).violations[0]!.code).toBe('SPLIT_LINE_INVALID');
    expect(await gridState(c)).toEqual(state);
  });

  it('refuses a split, merge, retire or restore of a version somebody has since changed (409 with the current grid), changing nothing', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    // Another planner renames grid a meanwhile: it is at version 2.
    const renamed = await put(`/api/grids/${a.properties.id}`, { type: 'Feature', geometry: null, properties: { version: 1, name: '他人改名' }, note: '改名' });
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    const before = await platform.db.query('select id, version, name, ST_AsText(geom) as shape from grid where community_code = $1 order by id, version', [c.code]);

    const line = { type: 'LineString', coordinates: [c.at(0.25, -0.1), c.at(0.25, 1.1)] };
    const stale = {
      split: await post(`/api/grids/${a.properties.id}/split`, { line, note: '按旧版拆分', version: 1 }),
      merge: await post('/api/grids/merge', { ids: [b.properties.id, a.properties.id], versions: [1, 1], note: '按旧版合并' }),
      retire: await send(platform, 'DELETE', `/api/grids/${a.properties.id}`, planner, { note: '按旧版撤销' }, { 'if-match': '"1"' }),
      restore: await send(platform, 'POST', `/api/grids/${a.properties.id}/restore`, planner, { version: 1, note: '按旧版恢复' }, { 'if-match': '"1"' }),
    };
    for (const [what, res] of Object.entries(stale)) {
      expect(res.status, what).toBe(409);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.code, what).toBe('VERSION_CONFLICT');
      expect(error.details?.current?.properties, what).toMatchObject({ id: a.properties.id, version: 2, name: '他人改名' });
    }
    expect(await platform.db.query('select id, version, name, ST_AsText(geom) as shape from grid where community_code = $1 order by id, version', [c.code])).toEqual(before);
  });

  it('asks for the version an edit was made to (428) before a split, merge, retire or restore', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    const line = { type: 'LineString', coordinates: [c.at(0.25, -0.1), c.at(0.25, 1.1)] };
    for (const res of [
      await post(`/api/grids/${a.properties.id}/split`, { line, note: '无版本拆分' }),
      await post('/api/grids/merge', { ids: [a.properties.id, b.properties.id], note: '无版本合并' }),
      await send(platform, 'DELETE', `/api/grids/${a.properties.id}`, planner, { note: '无版本撤销' }),
      await post(`/api/grids/${a.properties.id}/restore`, { version: 1, note: '无版本恢复' }),
    ]) {
      expect(res.status).toBe(428);
      expect(((await res.json()) as ErrorBody).error.code).toBe('VERSION_REQUIRED');
    }
    expect((await platform.db.query('select id from grid where community_code = $1', [c.code])).length).toBe(2);
  });

  it('retires a grid without reusing its code, lists every version, and restores an old one as a new version', async () => {
    const c = await makeCommunity(platform);
    const a = await create(c, c.rect(0, 0, 0.5, 1));
    const b = await create(c, c.rect(0.5, 0, 1, 1));
    expect((await send(platform, 'DELETE', `/api/grids/${b.properties.id}`, planner, { note: '撤销' }, { 'if-match': '"1"' })).status).toBe(200);
    expect((await create(c, c.rect(0.5, 0, 1, 1))).properties.code).toBe(`${c.code}003`);

    const moved = await put(`/api/grids/${a.properties.id}`, { type: 'Feature', geometry: c.rect(0, 0, 0.4, 1), properties: { version: 1, name: '改后' }, note: '缩小' });
    expect(moved.status).toBe(200);
    const history = (await (await send(platform, 'GET', `/api/grids/${a.properties.id}/history`, planner)).json()) as {
      versions: { version: number; changeKind: string; note: string; changedBy: string; geometry: unknown }[];
    };
    expect(history.versions.map((v) => [v.version, v.changeKind, v.note])).toEqual([[2, 'update', '缩小'], [1, 'create', '测试新建']]);

    const restored = await send(platform, 'POST', `/api/grids/${a.properties.id}/restore`, planner, { version: 1, note: '恢复原状' }, { 'if-match': '"2"' });
    expect(restored.status, await restored.clone().text()).toBe(200);
    const r = (await restored.json()) as EditResponse;
    expect(r.feature.properties).toMatchObject({ version: 3, name: '测试网格' });
    expect(Math.abs((await area(r.feature.geometry)) - (await area(a.geometry)))).toBeLessThan(0.01);
    const retiredHistory = (await (await send(platform, 'GET', `/api/grids/${b.properties.id}/history`, planner)).json()) as { retired: boolean; versions: { changeKind: string }[] };
    expect(retiredHistory.retired).toBe(true);
    expect(retiredHistory.versions[0]!.changeKind).toBe('retire');
  });
});
