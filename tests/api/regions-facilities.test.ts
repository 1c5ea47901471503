import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

type Facilities = FeatureCollection<Point, { id: number; name: string; kind: string; services: string[] }>;

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

  it.each(['?kind=hospital', '?kind=', '?kind=center,,x', '?bbox=1,2,3'])('rejects %s with 400', async (query) => {
    const res = await platform.get(`/api/facilities${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });
});
