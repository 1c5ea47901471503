import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, Geometry } from 'geojson';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// What leaves through an export comes back through an import unchanged: same geometries (within
// 1 cm) and attributes. A changed record is put back by importing the earlier export.

let platform: TestPlatform;
let planner: string;
let c: TestCommunity;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  c = await makeCommunity(platform);
});
afterAll(() => platform.close());

async function exportFile(layer: string, format: string): Promise<Uint8Array> {
  const res = await send(platform, 'GET', `/api/exports/${layer}?region=${c.code}&format=${format}`, planner);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function importFile(kind: string, fileName: string, bytes: Uint8Array, mode: 'dry-run' | 'commit'): Promise<ImportReport> {
  const res = await platform.get(`/api/imports/${kind}?fileName=${encodeURIComponent(fileName)}&mode=${mode}`, {
    method: 'POST',
    headers: { cookie: planner, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportReport;
}

const asCollection = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection<Geometry, Record<string, unknown>>;

/** Largest distance in metres between two geometries (Hausdorff, on the sphere near Wuxi). */
async function offsetMetres(a: Geometry, b: Geometry): Promise<number> {
  const [row] = await platform.db.query<{ d: number }>(
    `select ST_HausdorffDistance(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON($2)) * 111320 as d`,
    [JSON.stringify(a), JSON.stringify(b)],
  );
  return row!.d;
}

/** Each feature's properties without the version, and its geometry, by code or id. */
function byKey(fc: FeatureCollection<Geometry, Record<string, unknown>>, key: string) {
  return new Map(fc.features.map((f) => {
    const { version: _version, ...properties } = f.properties;
    return [String(f.properties[key]), { properties, geometry: f.geometry }];
  }));
}

async function expectSame(before: FeatureCollection<Geometry, Record<string, unknown>>, after: FeatureCollection<Geometry, Record<string, unknown>>, key: string) {
  const a = byKey(before, key);
  const b = byKey(after, key);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [k, feature] of a) {
    expect(b.get(k)!.properties).toEqual(feature.properties);
    expect(await offsetMetres(feature.geometry, b.get(k)!.geometry)).toBeLessThan(0.01);
  }
}

describe('grids', () => {
  it('GeoJSON and Shapefile exports import back as unchanged, and put back a changed grid', async () => {
    const start = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: c.rect(0, 0, 0.5, 1), properties: { name: '往返网格甲', households: 210, population: 500, leader: '孙测试', phone: '0510-05550401' } },
        { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [c.rect(0.5, 0, 1, 0.5).coordinates, c.rect(0.6, 0.6, 0.9, 0.9).coordinates] }, properties: { name: '往返网格乙' } },
      ],
    });
    expect(await importFile('grids', 'start.geojson', new TextEncoder().encode(start), 'commit')).toMatchObject({ create: 2 });

    const geojson = await exportFile('grids', 'geojson');
    const shapefile = await exportFile('grids', 'shp');
    expect(await importFile('grids', 'export.geojson', geojson, 'dry-run')).toMatchObject({ create: 0, update: 0, unchanged: 2, problems: [] });
    expect(await importFile('grids', 'export.zip', shapefile, 'dry-run')).toMatchObject({ create: 0, update: 0, unchanged: 2, problems: [] });

    const original = asCollection(geojson);
    const first = original.features.find((f) => f.properties.name === '往返网格甲')!;
    const changed = await send(platform, 'PUT', `/api/grids/${first.id}`, planner, {
      type: 'Feature',
      geometry: c.rect(0, 0, 0.3, 0.8),
      properties: { name: '改过的名字', households: 1, leaderName: null, version: first.properties.version },
      note: '往返测试修改',
    });
    expect(changed.status).toBe(200);

    expect(await importFile('grids', 'export.zip', shapefile, 'commit')).toMatchObject({ update: 1, unchanged: 1, problems: [] });
    await expectSame(original, asCollection(await exportFile('grids', 'geojson')), 'code');
  });
});

describe('the whole demo district', () => {
  it('exports its 943 grids (and this file\'s test grids) as GeoJSON and as a Shapefile, and both import back as unchanged', async () => {
    const [current] = await platform.db.query<{ n: number }>(`select count(*)::integer as n from grid where valid_to is null and code like '320213%'`);
    expect(current!.n).toBeGreaterThanOrEqual(943);
    for (const [format, fileName] of [['geojson', 'district.geojson'], ['shp', 'district.zip']] as const) {
      const res = await send(platform, 'GET', `/api/exports/grids?region=320213&format=${format}`, planner);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(await importFile('grids', fileName, bytes, 'dry-run')).toMatchObject({ total: current!.n, create: 0, update: 0, unchanged: current!.n, problems: [] });
    }
  }, 180_000);
});

describe('facilities', () => {
  it('CSV and GeoJSON exports import back as unchanged, and put back a moved station', async () => {
    const station = (lng: number, lat: number, name: string, services: string[]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: { name, kind: 'station', address: '往返路1号', phone: '+86 510 05550402', openingHours: 'Mo-Fr 09:00-17:00', services, public: true },
    });
    const [x1, y1] = c.at(0.25, 0.25);
    const [x2, y2] = c.at(0.75, 0.75);
    for (const body of [station(x1, y1, '往返服务站', ['党员教育', '便民服务']), { ...station(x2, y2, '往返党员之家', []), properties: { ...station(x2, y2, '', []).properties, name: '往返党员之家', kind: 'party_home', public: false } }]) {
      expect((await send(platform, 'POST', '/api/facilities', planner, body)).status).toBe(201);
    }

    const csv = await exportFile('facilities', 'csv');
    const geojson = await exportFile('facilities', 'geojson');
    expect(await importFile('facilities', 'export.csv', csv, 'dry-run')).toMatchObject({ create: 0, update: 0, unchanged: 2, problems: [] });
    expect(await importFile('facilities', 'export.geojson', geojson, 'dry-run')).toMatchObject({ create: 0, update: 0, unchanged: 2, problems: [] });

    const original = asCollection(geojson);
    const moved = original.features.find((f) => f.properties.name === '往返服务站')!;
    const [mx, my] = c.at(0.3, 0.3);
    expect((await send(platform, 'PUT', `/api/facilities/${moved.id}`, planner, { ...station(mx, my, '搬走的站', []), properties: { ...station(mx, my, '搬走的站', []).properties, address: '别处' } })).status).toBe(200);

    expect(await importFile('facilities', 'export.csv', csv, 'commit')).toMatchObject({ update: 1, unchanged: 1, problems: [] });
    await expectSame(original, asCollection(await exportFile('facilities', 'geojson')), 'id');
    expect(new TextDecoder().decode(await exportFile('facilities', 'csv'))).toBe(new TextDecoder().decode(csv));
  });
});
