import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface GridStat {
  id: number;
  code: string;
  members: number;
  formal: number;
  probationary: number;
  floating: number;
  hasBranch: boolean;
  membersPer100Households: number | null;
  nearestStationMeters: number | null;
  bbox: [number, number, number, number];
}
interface Heatmap {
  suppressed: number;
  total: number;
  minCount: number;
  cells: FeatureCollection<Polygon, { count: number; q: number; r: number; lng: number; lat: number }>;
}

let platform: TestPlatform;
let leader: string;
let streetLeader: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
  streetLeader = await signIn(platform, await makeAccount(platform, 'leader', '320213021'));
});
afterAll(() => platform.close());

const get = async <T>(path: string, cookie = leader): Promise<T> => {
  const res = await send(platform, 'GET', path, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

describe('per-grid coverage', () => {
  it('counts members per grid as a point-in-polygon count of the generated demo members does', async () => {
    const dir = fileURLToPath(new URL('../../data/demo/', import.meta.url));
    const members = parse(fs.readFileSync(dir + 'members.csv', 'utf8'), { columns: true }) as { lng: string; lat: string; status: string }[];
    const grids = JSON.parse(fs.readFileSync(dir + 'grids.geojson', 'utf8')) as FeatureCollection<MultiPolygon, { code: string; communityCode: string }>;
    // One street keeps the test quick; every member is checked against every grid of it.
    const street = grids.features.filter((g) => g.properties.code.startsWith('320213021'));
    const expected = new Map<string, number>(street.map((g) => [g.properties.code, 0]));
    for (const m of members) {
      const point = [Number(m.lng), Number(m.lat)];
      const hit = street.find((g) => booleanPointInPolygon(point, g));
      if (hit) expected.set(hit.properties.code, expected.get(hit.properties.code)! + 1);
    }
    const { grids: stats } = await get<{ grids: GridStat[] }>('/api/coverage/grids?region=320213021');
    expect(stats).toHaveLength(street.length);
    for (const s of stats) {
      expect(s.members, s.code).toBe(expected.get(s.code));
      expect(s.formal + s.probationary).toBe(s.members);
    }
    expect(stats.some((s) => !s.hasBranch) || stats.every((s) => s.hasBranch)).toBe(true);
  });

  it('gives each grid its extent, the box around its outline, so a view can zoom to it', async () => {
    const dir = fileURLToPath(new URL('../../data/demo/', import.meta.url));
    const grids = JSON.parse(fs.readFileSync(dir + 'grids.geojson', 'utf8')) as FeatureCollection<MultiPolygon, { code: string }>;
    const shapes = new Map(grids.features.map((g) => [g.properties.code, g.geometry.coordinates.flat(2)]));
    const { grids: stats } = await get<{ grids: GridStat[] }>('/api/coverage/grids?region=320213021');
    for (const s of stats) {
      const points = shapes.get(s.code)!;
      const [w, south, e, n] = s.bbox;
      expect(w, s.code).toBeCloseTo(Math.min(...points.map((p) => p[0]!)), 5);
      expect(south, s.code).toBeCloseTo(Math.min(...points.map((p) => p[1]!)), 5);
      expect(e, s.code).toBeCloseTo(Math.max(...points.map((p) => p[0]!)), 5);
      expect(n, s.code).toBeCloseTo(Math.max(...points.map((p) => p[1]!)), 5);
    }
  });

  it('summarises the region', async () => {
    const summary = await get<{ grids: number; members: number; gridsWithBranch: number; membersWithinReachShare: number; meanDistanceToStationMeters: number }>(
      '/api/coverage/summary',
    );
    expect(summary.grids).toBe(943);
    expect(summary.members).toBe(30000);
    expect(summary.gridsWithBranch).toBeLessThan(943);
    expect(summary.membersWithinReachShare).toBeGreaterThan(0.5);
    expect(summary.meanDistanceToStationMeters).toBeGreaterThan(0);
  });
});

describe('the heatmap', () => {
  it('answers for fixed cells of the whole region: a box only chooses which cells come back', async () => {
    const boxes = ['120.22,31.50,120.38,31.64', '120.29,31.56,120.31,31.58', '120.30,31.57,120.302,31.572'];
    for (const cellMeters of [250, 1000]) {
      const whole = await get<Heatmap>(`/api/coverage/heatmap?cellMeters=${cellMeters}`);
      expect(whole.minCount).toBeGreaterThanOrEqual(3);
      expect(whole.total).toBe(30000);
      const shown = whole.cells.features.reduce((sum, c) => sum + c.properties.count, 0);
      expect(shown + whole.suppressed).toBe(whole.total);
      const byCell = new Map(whole.cells.features.map((c) => [`${c.properties.q},${c.properties.r}`, c.properties.count]));
      for (const bbox of boxes) {
        const h = await get<Heatmap>(`/api/coverage/heatmap?bbox=${bbox}&cellMeters=${cellMeters}`);
        // The region's figures, whatever the box: differencing two boxes reveals nothing.
        expect([h.total, h.suppressed]).toEqual([whole.total, whole.suppressed]);
        const [w, s, e, n] = bbox.split(',').map(Number) as [number, number, number, number];
        for (const c of h.cells.features) {
          expect(c.properties.count).toBeGreaterThanOrEqual(h.minCount);
          expect(byCell.get(`${c.properties.q},${c.properties.r}`)).toBe(c.properties.count);
          expect(c.properties.lng >= w && c.properties.lng <= e && c.properties.lat >= s && c.properties.lat <= n).toBe(true);
        }
        expect(JSON.stringify(h)).not.toMatch(/"home"|"name"|"phone"/);
      }
    }
  });

  it('puts every member of the region in exactly one cell, by where they live', async () => {
    const h = await get<Heatmap>('/api/coverage/heatmap?cellMeters=1000');
    const [row] = await platform.db.query<{ n: number }>(
      `select count(*)::integer as n from member m join grid g on g.id = m.grid_id
       where g.valid_to is null and ST_Intersects(ST_MakeEnvelope($1, $2, $3, $4, 4326), m.home)`,
      [120.2, 31.45, 120.45, 31.7],
    );
    expect(h.total).toBe(row!.n);
    // A cell's hexagon contains the members it counts: check the largest one against the database.
    const biggest = [...h.cells.features].sort((a, b) => b.properties.count - a.properties.count)[0]!;
    const [inside] = await platform.db.query<{ n: number }>(
      `select count(*)::integer as n from member m join grid g on g.id = m.grid_id
       where g.valid_to is null and ST_Contains(ST_GeomFromGeoJSON($1), m.home)`,
      [JSON.stringify(biggest.geometry)],
    );
    expect(Math.abs(inside!.n - biggest.properties.count)).toBeLessThanOrEqual(1);
  });

  it.each(['cellMeters=49', 'cellMeters=abc', 'cellMeters=6000', 'cellMeters=500', 'bbox=1,2,3'])('refuses %s with 400', async (query) => {
    const res = await send(platform, 'GET', `/api/coverage/heatmap?${query}`, leader);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
  });
});

describe('station reach and suggestions', () => {
  it('reports reach for a radius and refuses radii out of bounds', async () => {
    const near = await get<{ membersWithinReachShare: number; householdsWithinReachShare: number; uncovered: FeatureCollection }>('/api/coverage/stations?radiusMeters=500');
    const far = await get<{ membersWithinReachShare: number; householdsWithinReachShare: number }>('/api/coverage/stations?radiusMeters=1500');
    expect(far.membersWithinReachShare).toBeGreaterThan(near.membersWithinReachShare);
    expect(far.householdsWithinReachShare).toBeGreaterThan(near.householdsWithinReachShare);
    expect(near.uncovered.features.length).toBe(1);
    for (const r of ['radiusMeters=99', 'radiusMeters=700', 'radiusMeters=5001', 'radiusMeters=x']) {
      expect((await send(platform, 'GET', `/api/coverage/stations?${r}`, leader)).status).toBe(400);
    }
  });

  it('suggests sites that each add reach, with a share that never falls as count grows', async () => {
    let previous = 0;
    for (const count of [1, 2, 3]) {
      const s = await get<{ shareBefore: number; sites: { addsMembers: number; shareAfter: number }[] }>(
        `/api/coverage/suggest-stations?region=320213&count=${count}&radiusMeters=500`,
      );
      expect(s.sites).toHaveLength(count);
      let last = s.shareBefore;
      for (const site of s.sites) {
        expect(site.addsMembers).toBeGreaterThan(0);
        expect(site.shareAfter).toBeGreaterThan(last);
        last = site.shareAfter;
      }
      expect(last).toBeGreaterThanOrEqual(previous);
      previous = last;
    }
    expect((await send(platform, 'GET', '/api/coverage/suggest-stations?count=11', leader)).status).toBe(400);
  });
});

describe('coverage access', () => {
  it('keeps a street leader to the street and the public out', async () => {
    expect((await send(platform, 'GET', '/api/coverage/grids?region=320213022', streetLeader)).status).toBe(403);
    expect((await send(platform, 'GET', '/api/coverage/summary?region=320213', streetLeader)).status).toBe(403);
    expect((await send(platform, 'GET', '/api/coverage/grids', streetLeader)).status).toBe(200);
    for (const path of ['/api/coverage/grids', '/api/coverage/summary', '/api/coverage/heatmap', '/api/coverage/stations', '/api/coverage/suggest-stations']) {
      expect((await platform.get(path)).status, path).toBe(401);
    }
  });
});
