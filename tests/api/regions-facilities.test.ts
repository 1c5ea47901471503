import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Point } from 'geojson';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

type Facilities = FeatureCollection<Point, { id: number; name: string; kind: string; services: string[] }> & {
  total: number;
  truncated: boolean;
};

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

async function facilities(query = ''): Promise<Facilities> {
  const res = await platform.get(`/api/facilities${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Facilities;
}

describe('GET /api/regions', () => {
  it('filters by level', async () => {
    const res = await platform.get('/api/regions?level=street');
    expect(res.status).toBe(200);
    const fc = (await res.json()) as FeatureCollection;
    expect(fc.features).toHaveLength(9);
    expect(fc.features.every((f) => f.properties?.level === 'street')).toBe(true);
  });

  it('gives one region by code with its extent as bbox, the box around its outline', async () => {
    const res = await platform.get('/api/regions?code=320213021');
    expect(res.status).toBe(200);
    const fc = (await res.json()) as FeatureCollection<MultiPolygon, { code: string; level: string }>;
    expect(fc.features).toHaveLength(1);
    const street = fc.features[0]!;
    expect(street.properties).toMatchObject({ code: '320213021', level: 'street' });
    const points = street.geometry.coordinates.flat(2);
    const [w, s, e, n] = street.bbox as [number, number, number, number];
    expect(w).toBeCloseTo(Math.min(...points.map((p) => p[0]!)), 6);
    expect(s).toBeCloseTo(Math.min(...points.map((p) => p[1]!)), 6);
    expect(e).toBeCloseTo(Math.max(...points.map((p) => p[0]!)), 6);
    expect(n).toBeCloseTo(Math.max(...points.map((p) => p[1]!)), 6);
    expect(((await (await platform.get('/api/regions?level=community')).json()) as FeatureCollection).features.every((f) => f.bbox?.length === 4)).toBe(true);
    expect(((await (await platform.get('/api/regions?code=320213988')).json()) as FeatureCollection).features).toEqual([]);
    expect((await platform.get('/api/regions?code=abc')).status).toBe(400);
  });

  it('rejects an unknown level with 400', async () => {
    expect((await platform.get('/api/regions?level=province')).status).toBe(400);
  });
});

describe('GET /api/facilities', () => {
  it('serves the demo stations with their public details', async () => {
    const fc = await facilities();
    const kinds = new Set(fc.features.map((f) => f.properties.kind));
    expect(kinds).toContain('center');
    expect(kinds).toContain('station');
    const station = fc.features.find((f) => f.properties.kind === 'station')!;
    expect(station.geometry.type).toBe('Point');
    expect(station.properties).toHaveProperty('name');
    expect(station.properties).toHaveProperty('openingHours');
    expect(Array.isArray(station.properties.services)).toBe(true);
  });

  it('filters by one or more kinds', async () => {
    const centers = await facilities('?kind=center');
    expect(centers.features).toHaveLength(9);
    const two = await facilities('?kind=center,party_home');
    expect(new Set(two.features.map((f) => f.properties.kind))).toEqual(new Set(['center', 'party_home']));
  });

  it('filters by bbox', async () => {
    const inBox = await facilities('?bbox=120.28,31.56,120.30,31.58');
    for (const f of inBox.features) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      expect(lng).toBeGreaterThanOrEqual(120.28);
      expect(lng).toBeLessThanOrEqual(120.3);
      expect(lat).toBeGreaterThanOrEqual(31.56);
      expect(lat).toBeLessThanOrEqual(31.58);
    }
    expect(inBox.features.length).toBeLessThan((await facilities()).features.length);
  });

  it('never shows a non-public facility to the public', async () => {
    await platform.db.query(
      `insert into facility (name, kind, geom, public) values ('内部测试党员之家', 'party_home', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326), false)`,
    );
    const fc = await facilities();
    expect(fc.features.some((f) => f.properties.name === '内部测试党员之家')).toBe(false);
  });

  it.each(['?kind=hospital', '?kind=', '?kind=center,,x', '?bbox=1,2,3', '?limit=0', '?limit=x', '?offset=-1', '?region=32'])('rejects %s with 400', async (query) => {
    const res = await platform.get(`/api/facilities${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });
});

describe('GET /api/facilities at city scale: a page, never the whole table', () => {
  // 600 more public stations across the district, so the table is larger than any page.
  beforeAll(async () => {
    await platform.db.query(
      `insert into facility (name, kind, geom, public)
       select '分页测试站' || i, 'station', ST_SetSRID(ST_MakePoint(120.24 + (i % 30) * 0.0035, 31.52 + (i / 30) * 0.0055), 4326), true
       from generate_series(0, 599) i`,
    );
  });

  const publicCount = async () =>
    (await platform.db.query<{ n: number }>('select count(*)::int as n from facility where public'))[0]!.n;

  it('gives an anonymous caller without a box one bounded page, saying how many there are', async () => {
    const all = await publicCount();
    expect(all).toBeGreaterThan(700);
    const first = await facilities();
    expect(first.features.length).toBe(200);
    expect(first.total).toBe(all);
    expect(first.truncated).toBe(true);
    // Asking for more does not get more.
    expect((await facilities('?limit=100000')).features.length).toBe(200);
    // The pages together are the whole list, each facility once.
    const ids = new Set<number>();
    for (let offset = 0; offset < all; offset += 200) {
      const page = await facilities(`?offset=${offset}`);
      expect(page.features.length).toBeLessThanOrEqual(200);
      for (const f of page.features) ids.add(f.properties.id);
    }
    expect(ids.size).toBe(all);
  });

  it('with a box returns only facilities in it, nearest its centre first, at most the limit', async () => {
    const box = [120.25, 31.53, 120.33, 31.6] as const;
    const [inBox] = await platform.db.query<{ n: number }>(
      'select count(*)::int as n from facility where public and geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)',
      [...box],
    );
    expect(inBox!.n).toBeGreaterThan(150);
    const page = await facilities(`?bbox=${box.join(',')}&limit=50`);
    expect(page.features.length).toBe(50);
    expect(page.total).toBe(inBox!.n);
    expect(page.truncated).toBe(true);
    const centre = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
    const d = (f: Facilities['features'][number]) => Math.hypot(f.geometry.coordinates[0]! - centre[0]!, f.geometry.coordinates[1]! - centre[1]!);
    for (const f of page.features) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      expect(lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3]).toBe(true);
    }
    for (let i = 1; i < page.features.length; i++) expect(d(page.features[i]!)).toBeGreaterThanOrEqual(d(page.features[i - 1]!) - 1e-9);
    // No facility left out is nearer the centre than the farthest one returned.
    const whole = await facilities(`?bbox=${box.join(',')}&limit=200`);
    const farthest = d(page.features.at(-1)!);
    const returned = new Set(page.features.map((f) => f.properties.id));
    for (const f of whole.features) if (!returned.has(f.properties.id)) expect(d(f)).toBeGreaterThanOrEqual(farthest - 1e-9);
    // A small box with few facilities comes whole, not truncated.
    const small = await facilities('?bbox=120.2895,31.5645,120.2905,31.5655');
    expect(small.truncated).toBe(false);
    expect(small.features.length).toBe(small.total);
  });

  it('lets signed-in staff list every facility of their region, non-public ones included', async () => {
    await platform.db.query(
      `insert into facility (name, kind, geom, public)
       select '内部测试服务站', 'station', ST_PointOnSurface(geom), false from region where code = '320213021001'`,
    );
    const account = await makeAccount(platform, 'planner', '320213021');
    const cookie = await signIn(platform, account);
    const res = await send(platform, 'GET', '/api/facilities?region=320213021', cookie);
    expect(res.status).toBe(200);
    const fc = (await res.json()) as Facilities;
    const [expected] = await platform.db.query<{ n: number }>(
      `select count(*)::int as n from facility f
       where exists (select 1 from region c where c.level = 'community' and c.code like '320213021%' and ST_Intersects(c.geom, f.geom))`,
    );
    expect(fc.features.length).toBe(expected!.n);
    expect(fc.total).toBe(expected!.n);
    expect(fc.truncated).toBe(false);
    expect(fc.features.some((f) => f.properties.name === '内部测试服务站')).toBe(true);
    // The same region asked anonymously: public ones only, and a page at most.
    const anonymous = await facilities('?region=320213021');
    expect(anonymous.features.length).toBeGreaterThan(0);
    expect(anonymous.features.every((f) => f.properties.name !== '内部测试服务站')).toBe(true);
    expect(anonymous.features.length).toBeLessThanOrEqual(200);
  });
});
