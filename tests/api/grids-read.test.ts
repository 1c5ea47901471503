import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bboxPolygon, booleanIntersects } from '@turf/turf';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

type Grids = FeatureCollection<MultiPolygon, { id: number; code: string; communityCode: string; version: number; name: string }>;

let platform: TestPlatform;
let all: Grids;

beforeAll(async () => {
  platform = await startTestPlatform();
  all = (await (await platform.get('/api/grids')).json()) as Grids;
});
afterAll(() => platform.close());

async function gridsIn(bbox: [number, number, number, number]): Promise<number[]> {
  const res = await platform.get(`/api/grids?bbox=${bbox.join(',')}`);
  expect(res.status).toBe(200);
  const fc = (await res.json()) as Grids;
  return fc.features.map((f) => f.properties.id).sort((a, b) => a - b);
}

describe('GET /api/grids?bbox=', () => {
  it('returns exactly the grids that intersect the box', async () => {
    // Boxes of several sizes across the district, fixed so failures are reproducible.
    const boxes: [number, number, number, number][] = [
      [120.28, 31.56, 120.3, 31.58],
      [120.29, 31.55, 120.292, 31.552],
      [120.25, 31.5, 120.35, 31.65],
      [120.3, 31.57, 120.3001, 31.5701],
      [121.0, 31.0, 121.1, 31.1],
    ];
    for (const box of boxes) {
      const polygon = bboxPolygon(box);
      const expected = all.features
        .filter((f) => booleanIntersects(f, polygon))
        .map((f) => f.properties.id)
        .sort((a, b) => a - b);
      expect(await gridsIn(box), `bbox ${box.join(',')}`).toEqual(expected);
    }
  });

  it('returns an empty collection for a box outside the district', async () => {
    expect(await gridsIn([0, 0, 1, 1])).toEqual([]);
  });

  it.each([
    ['three numbers', '120.2,31.5,120.3'],
    ['text', 'a,b,c,d'],
    ['an empty part', '120.2,,120.3,31.6'],
    ['min > max', '120.3,31.5,120.2,31.6'],
    ['latitude out of range', '120.2,-91,120.3,31.6'],
    ['longitude out of range', '120.2,31.5,181,31.6'],
    ['five numbers', '1,2,3,4,5'],
  ])('rejects a bbox with %s with 400 and a JSON error', async (_why, bbox) => {
    const res = await platform.get(`/api/grids?bbox=${encodeURIComponent(bbox)}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(/bbox/);
  });

  it('rejects a repeated bbox parameter with 400', async () => {
    const res = await platform.get('/api/grids?bbox=1,2,3,4&bbox=1,2,3,4');
    expect(res.status).toBe(400);
  });
});

describe('GET /api/grids?community=', () => {
  it('returns only that community’s grids', async () => {
    const community = all.features[0]!.properties.communityCode;
    const fc = (await (await platform.get(`/api/grids?community=${community}`)).json()) as Grids;
    expect(fc.features.length).toBeGreaterThanOrEqual(4);
    expect(fc.features.every((f) => f.properties.communityCode === community)).toBe(true);
    expect(fc.features.length).toBe(all.features.filter((f) => f.properties.communityCode === community).length);
  });

  it('rejects a community code that is not 12 digits', async () => {
    expect((await platform.get('/api/grids?community=3202')).status).toBe(400);
  });
});

describe('GET /api/grids/:id', () => {
  it('returns the feature with its version as ETag, and 304 when unchanged', async () => {
    const first = all.features[0]!;
    const res = await platform.get(`/api/grids/${first.properties.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${first.properties.version}"`);
    const feature = (await res.json()) as Grids['features'][number];
    expect(feature.type).toBe('Feature');
    expect(feature.id).toBe(first.properties.id);
    expect(feature.properties.code).toBe(first.properties.code);
    expect(feature.geometry.type).toBe('MultiPolygon');

    // Through node:http: fetch adds "Cache-Control: no-cache" to conditional requests, which
    // asks the server for a full answer.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(`${platform.url}/api/grids/${first.properties.id}`, { headers: { 'if-none-match': res.headers.get('etag')! } }, (r) => {
          r.resume();
          resolve(r.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(304);
  });

  it('answers an unknown id with 404 and a JSON error', async () => {
    const res = await platform.get('/api/grids/999999');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('GRID_NOT_FOUND');
  });

  it('does not serve a retired grid', async () => {
    const [made] = await platform.db.query<{ id: number }>(
      `insert into grid (code, name, community_code, geom, valid_to)
       select community_code || '998', '已撤销测试网格', community_code, geom, now() from grid where id = $1
       returning id`,
      [all.features[0]!.properties.id],
    );
    expect((await platform.get(`/api/grids/${made!.id}`)).status).toBe(404);
    const list = (await (await platform.get('/api/grids')).json()) as Grids;
    expect(list.features.some((f) => f.properties.id === made!.id)).toBe(false);
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999'])('answers the id %s with 400', async (id) => {
    const res = await platform.get(`/api/grids/${id}`);
    expect(res.status).toBe(400);
  });
});
