import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, Polygon, Position } from 'geojson';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { checkWinding } from '../support/rfc7946-winding.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// RFC 7946: every GeoJSON polygon the server sends has its outer rings counter-clockwise and its
// holes clockwise, however the shape was drawn or stored. The grids here are drawn the other way
// round (outer ring clockwise, hole counter-clockwise), as many desktop GIS files are.

let platform: TestPlatform;
let planner: string;
let admin: string;
let c: TestCommunity;
let holed: Feature<Polygon, { id: number; version: number }>;
let plain: Feature<Polygon, { id: number; version: number }>;
let createdAnswer: unknown;

const reversed = (ring: Position[]): Position[] => [...ring].reverse();

/** A rectangle of the community drawn clockwise, optionally with a counter-clockwise hole. */
function clockwise(rect: Polygon, hole?: Polygon): Polygon {
  return { type: 'Polygon', coordinates: [reversed(rect.coordinates[0]!), ...(hole ? [hole.coordinates[0]!] : [])] };
}

async function json(path: string, cookie?: string, body?: unknown): Promise<unknown> {
  const res = await send(platform, body === undefined ? 'GET' : 'POST', path, cookie, body);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  admin = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
  c = await makeCommunity(platform);
  const create = async (geometry: Polygon) =>
    json('/api/grids', planner, {
      type: 'Feature',
      geometry,
      properties: { name: '绕向测试网格', communityCode: c.code, households: 100, population: 250 },
      note: '绕向测试',
    }) as Promise<{ feature: Feature<Polygon, { id: number; version: number }> }>;
  const created = await create(clockwise(c.rect(0, 0, 0.5, 1), c.rect(0.2, 0.4, 0.3, 0.6)));
  createdAnswer = created;
  holed = created.feature;
  plain = (await create(clockwise(c.rect(0.5, 0, 1, 1)))).feature;
  // As a file in the other order would leave it: stored rings clockwise, holes counter-clockwise.
  await platform.db.query('update grid set geom = ST_ForcePolygonCW(geom) where community_code = $1', [c.code]);
  await platform.db.query('update grid_version set geom = ST_ForcePolygonCW(geom) where grid_id in ($1, $2)', [holed.properties.id, plain.properties.id]);
  await platform.db.query('update region set geom = ST_ForcePolygonCW(geom) where code = $1', [c.code]);
});
afterAll(() => platform.close());

describe('RFC 7946 ring order in every GeoJSON answer', () => {
  const outputs: [string, () => Promise<unknown>][] = [
    ['a saved grid (POST /api/grids)', async () => createdAnswer],
    ['the grid list (GET /api/grids)', () => json(`/api/grids?community=${c.code}`)],
    ['one grid (GET /api/grids/:id)', () => json(`/api/grids/${holed.properties.id}`)],
    ['regions (GET /api/regions)', () => json(`/api/regions?code=${c.code}`)],
    ['OGC grid items', () => json(`/ogc/collections/grids/items?bbox=${c.west},${c.south},${c.east},${c.north}`)],
    ['one OGC grid item', async () => {
      const items = (await json(`/ogc/collections/grids/items?bbox=${c.west},${c.south},${c.east},${c.north}`)) as { features: { id: string | number }[] };
      return Promise.all(items.features.map((f) => json(`/ogc/collections/grids/items/${f.id}`)));
    }],
    ['one OGC region item', () => json(`/ogc/collections/regions/items/${c.code}`)],
    ['the GeoJSON grid export', () => json(`/api/exports/grids?format=geojson&region=${c.code}`, admin)],
    ['the GeoJSON region export', () => json(`/api/exports/regions?format=geojson&region=${c.code}`, admin)],
    ['a grid history', () => json(`/api/grids/${holed.properties.id}/history`, planner)],
    ['a reshape preview', () =>
      json('/api/grids/preview', planner, {
        id: holed.properties.id,
        type: 'Feature',
        geometry: clockwise(c.rect(0, 0, 0.5, 1), c.rect(0.2, 0.4, 0.3, 0.6)),
        properties: { communityCode: c.code, version: holed.properties.version },
      })],
    ['a split preview', () =>
      json(`/api/grids/${plain.properties.id}/split/preview`, planner, {
        line: { type: 'LineString', coordinates: [c.at(0.75, -0.1), c.at(0.75, 1.1)] },
        version: plain.properties.version,
      })],
    ['a merge preview', () =>
      json('/api/grids/merge/preview', planner, {
        ids: [holed.properties.id, plain.properties.id],
        versions: [holed.properties.version, plain.properties.version],
      })],
    ['OGC grid items in EPSG:3857 (east, north: the same turn as lon/lat)', () =>
      json(`/ogc/collections/grids/items?bbox=${c.west},${c.south},${c.east},${c.north}&crs=http://www.opengis.net/def/crs/EPSG/0/3857`)],
    ['an import dry run\'s preview map', async () => {
      const { properties: { code } } = (await json(`/api/grids/${holed.properties.id}`)) as { properties: { code: string } };
      const file = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: clockwise(c.rect(0, 0, 0.5, 1), c.rect(0.2, 0.4, 0.3, 0.6)), properties: { code, name: '绕向测试网格' } }] };
      const res = await platform.get(`/api/imports/grids?fileName=winding.geojson&mode=dry-run`, {
        method: 'POST',
        headers: { cookie: planner, 'content-type': 'application/octet-stream' },
        body: JSON.stringify(file),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { preview: unknown }).preview;
    }],
    ['the community coverage check (its gap is the hole)', () => json(`/api/communities/${c.code}/coverage-check`, planner)],
    ['the district heatmap cells', () => json('/api/coverage/heatmap?region=320213', admin)],
    ['the cells no station reaches', () => json('/api/coverage/stations?region=320213&radiusMeters=500', admin)],
  ];

  it.each(outputs)('%s', async (_name, read) => {
    const report = checkWinding(await read());
    expect(report.rings).toBeGreaterThan(0);
    expect(report.wrong).toEqual([]);
  });

  it('keeps the hole a clockwise inner ring of a counter-clockwise outer ring', async () => {
    const grid = (await json(`/api/grids/${holed.properties.id}`)) as { geometry: { type: string; coordinates: Position[][][] } };
    expect(grid.geometry.type).toBe('MultiPolygon');
    expect(grid.geometry.coordinates[0]).toHaveLength(2);
    expect(checkWinding(grid).rings).toBe(2);
  });
});

describe('the winding check itself', () => {
  it('finds a clockwise outer ring and a counter-clockwise hole', () => {
    const square: Position[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    const hole: Position[] = [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]];
    expect(checkWinding({ type: 'Polygon', coordinates: [square, hole] }).wrong).toEqual([]);
    expect(checkWinding({ features: [{ geometry: { type: 'MultiPolygon', coordinates: [[reversed(square), reversed(hole)]] } }] }).wrong).toHaveLength(2);
  });
});
