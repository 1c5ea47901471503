import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { BuildingCollection } from '../../server/src/contract/buildings.ts';
import type { EditResponse } from '../../server/src/contract/grids.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { addBuildings } from '../support/test-buildings.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let planner: string;
let c: TestCommunity;
let other: TestCommunity;
let westGrid: number;
let eastGrid: number;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  c = await makeCommunity(platform);
  other = await makeCommunity(platform);
  westGrid = await createGrid(c, c.rect(0, 0, 0.5, 1));
  eastGrid = await createGrid(c, c.rect(0.5, 0, 1, 1));
  await addBuildings(platform, c, [
    { at: [0.2, 0.3], households: 120, name: '1幢' },
    { at: [0.3, 0.6], households: 80, name: '2幢' },
    { at: [0.8, 0.5], households: 200, name: '3幢' },
  ]);
  await addBuildings(platform, other, [{ at: [0.5, 0.5], households: 50 }]);
});
afterAll(() => platform.close());

async function createGrid(community: TestCommunity, geometry: Polygon): Promise<number> {
  const res = await send(platform, 'POST', '/api/grids', planner, {
    type: 'Feature', geometry, properties: { name: '测试网格', communityCode: community.code, households: 10 }, note: '测试',
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return Number(((await res.json()) as EditResponse).feature.properties.id);
}

async function buildings(query: string, cookie = planner): Promise<{ status: number; body: BuildingCollection & { truncated?: boolean }; headers: Headers }> {
  const res = await send(platform, 'GET', `/api/buildings?${query}`, cookie);
  return { status: res.status, body: (await res.json()) as BuildingCollection, headers: res.headers };
}

describe('GET /api/buildings', () => {
  it('gives a community’s buildings with their grid and households to staff, never cached publicly', async () => {
    const { status, body, headers } = await buildings(`community=${c.code}`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toContain('private');
    expect(body.truncated).toBe(false);
    const byName = new Map(body.features.map((f) => [f.properties.name, f.properties]));
    expect([...byName.keys()].sort()).toEqual(['1幢', '2幢', '3幢']);
    expect(byName.get('1幢')).toMatchObject({ gridId: westGrid, communityCode: c.code, households: 120 });
    expect(byName.get('3幢')).toMatchObject({ gridId: eastGrid, households: 200 });
    expect(byName.get('3幢')!.gridCode).toMatch(new RegExp(`^${c.code}\\d{3}$`));
    expect(body.features[0]!.geometry.type).toBe('Polygon');
  });

  it('gives the buildings of a map view', async () => {
    const [w, s] = c.at(0.5, 0);
    const [e, n] = c.at(1, 1);
    const { status, body } = await buildings(`bbox=${w},${s},${e},${n}`);
    expect(status).toBe(200);
    expect(body.features.map((f) => f.properties.name)).toEqual(['3幢']);
  });

  it('answers 401 to the public and 403 to a grid worker', async () => {
    const anon = await platform.get(`/api/buildings?community=${c.code}`);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe('NOT_SIGNED_IN');
    const worker = await signIn(platform, await makeAccount(platform, 'gridworker', c.code, [`${c.code}001`]));
    expect((await buildings(`community=${c.code}`, worker)).status).toBe(403);
  });

  it('shows a leader of a region only that region’s buildings', async () => {
    const leader = await signIn(platform, await makeAccount(platform, 'leader', c.code));
    const own = await buildings(`community=${c.code}`, leader);
    expect(own.status).toBe(200);
    expect(own.body.features).toHaveLength(3);
    const outside = await buildings(`community=${other.code}`, leader);
    expect(outside.status).toBe(403);
    // A box over both communities: only the leader's.
    const box = await buildings(`bbox=${c.west},${c.south},${other.east},${other.north}`, leader);
    expect(box.status).toBe(200);
    expect(new Set(box.body.features.map((f) => f.properties.communityCode))).toEqual(new Set([c.code]));
  });

  it('refuses a request with neither bbox nor community, and bad values, with 400', async () => {
    for (const q of ['', 'bbox=1,2,3', 'bbox=120,31,119,32', 'bbox=a,b,c,d', 'community=123', 'bbox=NaN,1,2,3']) {
      const { status, body } = await buildings(q);
      expect(status, q).toBe(400);
      expect((body as unknown as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    }
  });
});

/** The tile (z, x, y) holding a point. */
function tileOf(lng: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, x, y];
}

function fetchTile(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${platform.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('/tiles/buildings', () => {
  const path = () => {
    const [lng, lat] = c.at(0.2, 0.3);
    const [z, x, y] = tileOf(lng, lat, 16);
    return `/tiles/buildings/${z}/${x}/${y}.mvt`;
  };

  it('answers 401 NOT_SIGNED_IN without a session, and never from the public cache', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetchTile(path());
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body.toString()).error.code).toBe('NOT_SIGNED_IN');
    }
    expect((await fetchTile('/tiles/buildings.json')).status).toBe(401);
  });

  it('gives staff the buildings with households and grid at z16, privately', async () => {
    const res = await fetchTile(path(), { cookie: planner });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const layer = new VectorTile(new PbfReader(res.body)).layers.buildings!;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const first = features.find((f) => f.properties.name === '1幢')!;
    expect(first.properties.households).toBe(120);
    expect(first.properties.gridId).toBe(westGrid);
    expect(first.id).toBe(first.properties.id);
    expect(first.type).toBe(3);
    // The same tile again is 304 by its ETag.
    const again = await fetchTile(path(), { cookie: planner, 'if-none-match': String(res.headers.etag) });
    expect(again.status).toBe(304);
    // Below z14: nothing.
    const [lng, lat] = c.at(0.2, 0.3);
    const [z, x, y] = tileOf(lng, lat, 12);
    expect((await fetchTile(`/tiles/buildings/${z}/${x}/${y}.mvt`, { cookie: planner })).status).toBe(204);
    const doc = await fetchTile('/tiles/buildings.json', { cookie: planner });
    expect(doc.status).toBe(200);
    expect(JSON.parse(doc.body.toString())).toMatchObject({ minzoom: 14, vector_layers: [{ id: 'buildings' }] });
  });

  it('shows a building’s new households and grid in the next tile after a change', async () => {
    const first = await fetchTile(path(), { cookie: planner });
    await platform.db.query(`update building set households = 121 where community_code = $1 and name = '1幢'`, [c.code]);
    const next = await fetchTile(path(), { cookie: planner, 'if-none-match': String(first.headers.etag) });
    expect(next.status).toBe(200);
    const layer = new VectorTile(new PbfReader(next.body)).layers.buildings!;
    const names = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
    expect(names.find((p) => p.name === '1幢')!.households).toBe(121);
  });

  it('leaves a leader of another region without those buildings', async () => {
    const leader = await signIn(platform, await makeAccount(platform, 'leader', other.code));
    const res = await fetchTile(path(), { cookie: leader });
    expect(res.status).toBe(204);
  });
});
